"""The STAR story bank: the person's own stories, and how they meet the questions.

Behavioral rounds ask the same few things in many wordings ("a time you
disagreed", "a conflict with a teammate", "pushback from a senior"). People
who do well prepare a handful of stories and map each to the competencies it
shows. This module is that map, as plain data and pure functions:

- `Story`: a title, the four STAR parts, the figures of its result, the
  competencies it shows (the fixed vocabulary `COMPETENCIES` of the deck
  format) and the person's own tags, optionally where it happened.
- `infer_competencies`: keyword rules that read a question's wording, for
  questions whose deck does not name their competencies (imported ones).
- `coverage`: the competencies × stories grid, with the gaps and the story
  that is being used for everything.
- `story_match`: per STAR part, whether a told answer carried what the story's
  notes hold (the figure of the result, the names and words that make it
  this story).
- `draft_from_answer`: a story pre-split into STAR parts from a typed answer.
- `overuse_warnings`: one story told for too many different competencies.

No I/O: the history database keeps the stories (mockint.storage), the screens
show them (mockint.tui).
"""

from __future__ import annotations

import random
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from pydantic import Field, field_validator

from mockint.core.analysis import star_parts
from mockint.core.deck import COMPETENCIES, STAR_PARTS, Competency, Deck, Question
from mockint.core.model import Model

COMPETENCY_MEANINGS: dict[str, str] = {
    "ownership": "you took something on as yours and saw it through",
    "conflict": "a disagreement, pushback or a difficult person, and how you handled it",
    "failure-and-learning": "a mistake, a failure or hard feedback, and what you changed",
    "leadership": "you led, coordinated or influenced others, with or without the title",
    "mentoring": "you helped someone else learn or grow",
    "deadline-and-priorities": "time pressure, competing work, cutting scope",
    "ambiguity": "vague requirements, missing information, the unfamiliar",
    "technical-depth": "a hard technical problem and how you reasoned through it",
    "customer-focus": "what users, clients or the business needed, and how you served it",
    "communication": "explaining, persuading, keeping people informed",
}
assert tuple(COMPETENCY_MEANINGS) == COMPETENCIES

# A story claimed for half the vocabulary is one the interviewer hears twice.
EVERYTHING_SHARE = 0.5
# More different competencies than this for one story, in one session or in a
# week, and the summary warns (the "more than two").
OVERUSE_LIMIT = 2
OVERUSE_WINDOW = timedelta(days=7)


def new_story_id() -> str:
    return uuid.uuid4().hex[:12]


def _now() -> datetime:
    return datetime.now(UTC)


class Story(Model):
    """One of the person's stories, kept in the history database."""

    id: str = Field(default_factory=new_story_id, pattern=r"^[a-z0-9]{1,32}$")
    title: str = Field(min_length=1, max_length=200)
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""
    figures: list[str] = Field(default_factory=list)
    competencies: list[Competency] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    company: str = ""
    role: str = ""
    created_at: datetime = Field(default_factory=_now)
    updated_at: datetime = Field(default_factory=_now)

    @field_validator("title")
    @classmethod
    def _title_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the title is empty: give the story a name you will recognise")
        return value.strip()

    @field_validator("competencies")
    @classmethod
    def _in_vocabulary_order(cls, value: list[str]) -> list[str]:
        return [c for c in COMPETENCIES if c in value]

    @field_validator("tags")
    @classmethod
    def _clean_tags(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(t.strip().lower() for t in value if t.strip()))

    @field_validator("figures")
    @classmethod
    def _clean_figures(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(f.strip() for f in value if f.strip()))

    def part(self, name: str) -> str:
        return {"situation": self.situation, "task": self.task, "action": self.action,
                "result": self.result}[name]

    @property
    def summary(self) -> str:
        """One line for lists and the interview's peek: where it happened and how it ended."""
        where = " · ".join(x for x in (self.role, self.company) if x)
        ending = " ".join(self.result.split()) or " ".join(self.situation.split())
        return " — ".join(x for x in (where, ending) if x)

    def searchable(self) -> str:
        return " ".join([self.title, self.situation, self.task, self.action, self.result,
                         *self.figures, *self.competencies, *self.tags, self.company,
                         self.role]).lower()


def search_stories(stories: Iterable[Story], text: str) -> list[Story]:
    """Stories containing every word of `text` (in any field, regardless of case)."""
    words = text.lower().split()
    return [s for s in stories if all(w in s.searchable() for w in words)]


# --- competencies of a question ------------------------------------------------------

# Keyword rules, one pattern per competency, read against the lowercased
# wording. Written for how interviewers phrase behavioral and situational
# questions; measured on tests/data/competency_wordings.toml (precision and
# recall in tests/unit/test_stories.py).
_RULES: dict[str, re.Pattern[str]] = {
    "ownership": re.compile(
        r"\bown(?:ed|ership)?\b|end[ -]to[ -]end|\binitiative\b|without being asked|"
        r"beyond (?:your|the|what)|nobody (?:else )?(?:wanted|owned)|on[ -]call|"
        r"\bresponsib|production (?:issue|incident)|\b(?:site|service|app) is down|"
        r"\boutage\b|failed halfway|\bstep(?:ped)? up\b|(?:wasn't|was not|isn't|not) "
        r"(?:\w+ )?(?:yours|your job)|\bpick(?:ed)? up\b|\baccountab|\bbroke\b|"
        r"\bin charge\b|\btook charge|\bstepped in\b"),
    "conflict": re.compile(
        r"\bdisagre|\bconflict|push ?back|pushed back|\bdifficult (?:person|colleague|"
        r"co-?worker|teammate|stakeholder|manager|customer|client)|someone difficult|"
        r"\bargu|\btension\b|\bfriction\b|\bconvinc|\bpersuad|change (?:course|their mind|"
        r"his mind|her mind)|\bunhappy\b|\bangry\b|\bupset\b|"
        r"\b(?:saw|see|seen|viewed) (?:\w+ ){0,4}differently|"
        r"\bobject(?:ed|ion)|\bsa(?:y|id) no\b|\bsplit on\b|\bclash|\beye to eye|"
        r"\boppos|\bchallenged?\b (?:a|your|the) (?:decision|manager|lead)"),
    "failure-and-learning": re.compile(
        r"\bmistake|\bfail(?:ed|ure|ing)?\b|\bsetback|\bregret|\blesson|learn(?:ed|t)? from|"
        r"(?:critical|negative|hard|tough|harsh) feedback|\bcriticism\b|"
        r"\bdo (?:it )?differently|\bredo\b|went (?:badly|wrong)|\bwrong\b|"
        r"(?:didn't|did not|doesn't) go (?:as planned|well)|\btake (?:it )?back\b|"
        r"\bbroke\b|\bweakness|\bnot proud|\bwould (?:you )?change|\bfell (?:short|through)"),
    "leadership": re.compile(
        r"\blead\b|\bled\b|\bleading\b|\bleader(?:ship)?\b(?! team)|\binfluenc|\bmotivat|"
        r"\bcoordinat|\brall(?:y|ied)\b|\bwithout (?:formal )?authority|\bdrove\b|"
        r"\bdrive (?:a|the) (?:change|decision)|\bguid(?:e|ed|ing)\b|\bto adopt\b|"
        r"\bspearhead|\bchampion|\btook charge|\bin charge\b|\bstep(?:ped)? up\b|"
        r"\bget (?:a |the |your )?(?:\w+ )?team to\b"),
    "mentoring": re.compile(
        r"\bmentor|\bcoach|\bjunior|\bgrow\b|\bonboard|\btaught\b|\bteach|"
        r"\bhelp(?:ed)? (?:a |another |your )?(?:teammate|colleague|developer|engineer|"
        r"new hire|intern)|\bnew (?:engineer|developer|hire|joiner|colleague|teammate)|"
        r"\bintern\b|\binterns\b|\bsupport(?:ed)? (?:a |an |your )?(?:intern|colleague|"
        r"teammate|junior)|\bpair(?:ed)? with|\bproductive\b"),
    "deadline-and-priorities": re.compile(
        r"\bdeadline|\bprioriti|\bpriority|\burgent\b|\bjuggl|\bseveral (?:projects|tasks)|"
        r"\bmultiple (?:projects|tasks|priorities)|\bcompeting\b|\bcut scope|"
        r"\bscope\b|on time\b|under pressure|time pressure|\btight\b|\bcrunch\b|"
        r"\btoo much\b|\boverload|\bout the door|\bin (?:a|one|two|three) (?:week|day)s?\b|"
        r"\bwhat to work on first|\bbusy\b|\blate\b|\bfast\b|\brush"),
    "ambiguity": re.compile(
        r"\bambigu|\bvague|\bunclear|\buncertain|without (?:all )?(?:the )?(?:information|"
        r"data|facts|clear)|\bincomplete\b|\bunfamiliar|\bnew (?:technology|framework|"
        r"language|domain)|kept changing|\bchanging (?:requirements|goals|priorities)|"
        r"\bunknown|learn (?:\w+ ){0,3}quickly|\bnever (?:used|done)|(?:wasn't|was not|"
        r"isn't|not) (?:\w+ )?clear|\bknew nothing|\bup to speed|\bchang(?:ing|ed) their "
        r"mind|\bno idea|\bill-defined|\bopen-ended|\bnew codebase"),
    "technical-depth": re.compile(
        r"\bbug\b|\bbugs\b|\bdebug|\btechnical (?:decision|problem|challenge|debt)|"
        r"\bcomplex (?:system|problem|feature)|\barchitect|\bdesign\b|\bperformance|"
        r"\boptimi[sz]|\bscal(?:e|ing|ability)\b|\bmigration|\bdatabase|\bproduction\b|"
        r"\btrade-?offs?\b|\bsystem\b|\bunfamiliar technology|\bnew technology|"
        r"\bframework|\bendpoint|\bqueue|\bincident|\boutage|\bdeploy|\broot cause|"
        r"\bsite is down|\bslow\b|\brace condition|\btransactions?\b|\bcode ?base|"
        r"\bcode review|\btechnical\b|\btracked down|\bcode\b"),
    "customer-focus": re.compile(
        r"\bcustomers?\b|\bclients?\b|\buser feedback|\busers?\b(?! story)|"
        r"\bend[ -]users?\b|\bthe business\b|business (?:needs?|goals?|value)|"
        r"\bnon-technical\b|\bmarket|\bcomplaint"),
    "communication": re.compile(
        r"\bexplain|\bcommunicat|\bnon-technical|\bpresent(?:ation|ed)?\b|\bdocument|"
        r"\bconvinc|\bpersuad|\bkeep (?:\w+ )?informed|\bkept (?:\w+ )?informed|"
        r"\bbad news|\btold\b|\btell (?:your|the|them)|\bstakeholder|"
        r"\bwithout (?:formal )?authority|\bacross (?:several |multiple |other )?teams|"
        r"\bvague|\bunclear requirements|\bwrit(?:e|ten|ing) (?:up|down)|\bproposal|"
        r"\bsa(?:y|id) no\b|\bscepti|\bskepti|\bto adopt\b"),
}
assert tuple(_RULES) == COMPETENCIES


def infer_competencies(wording: str) -> list[str]:
    """The competencies a question's wording probes, in vocabulary order."""
    text = " ".join(wording.lower().replace("’", "'").split())
    return [name for name, rule in _RULES.items() if rule.search(text)]


def question_competencies(question: Question) -> list[str]:
    """What the deck says the question probes, or else what its wording suggests.

    Only behavioral and situational questions probe competencies; a technical
    question mentioning "database" does not ask for a story.
    """
    if question.competencies:
        return list(question.competencies)
    if question.category not in ("behavioral", "situational"):
        return []
    return infer_competencies(question.prompt)


def matching_stories(stories: Iterable[Story], competencies: Sequence[str]) -> list[Story]:
    """Stories showing any of the competencies, those showing the most first."""
    wanted = set(competencies)
    scored = [(len(wanted & set(s.competencies)), s) for s in stories]
    ranked = sorted((pair for pair in scored if pair[0]), key=lambda pair: -pair[0])
    return [story for _, story in ranked]


def practice_question(story: Story, decks: Iterable[Deck],
                      rng: random.Random | None = None) -> tuple[Deck, Question] | None:
    """A random question probing one of the story's competencies ("practise this story")."""
    wanted = set(story.competencies)
    fitting = [(deck, q) for deck in decks for q in deck.questions
               if wanted & set(question_competencies(q))]
    return (rng or random.Random()).choice(fitting) if fitting else None


# --- coverage: competencies × stories --------------------------------------------------


@dataclass(frozen=True)
class Coverage:
    """Which story shows which competency; the gaps; the story used for everything."""

    stories: list[Story]
    by_competency: dict[str, list[str]]  # competency -> story ids, in story order
    uncovered: list[str]                 # competencies with no story
    everything: list[str]                # ids of stories claimed for half the vocabulary or more

    def stories_for(self, competency: str) -> int:
        return len(self.by_competency[competency])

    def covers(self, story_id: str, competency: str) -> bool:
        return story_id in self.by_competency[competency]


def coverage(stories: Sequence[Story]) -> Coverage:
    by_competency = {c: [s.id for s in stories if c in s.competencies] for c in COMPETENCIES}
    uncovered = [c for c, ids in by_competency.items() if not ids]
    threshold = EVERYTHING_SHARE * len(COMPETENCIES)
    everything = [s.id for s in stories if len(s.competencies) >= threshold]
    return Coverage(list(stories), by_competency, uncovered, everything)


# --- did the answer tell the story? -----------------------------------------------------

_FIGURE = re.compile(
    r"(?<![\w.])[$€£]?\d+(?:[.,]\d+)*\s*(?:%|x\b|k\b|ms\b|s\b)?|"
    r"\b(?:half|halved|doubled|tripled|twice)\b", re.IGNORECASE)


def figures_in(text: str) -> list[str]:
    """The numbers of a text, normalised (`40 %` → `40%`, `1,200` → `1200`)."""
    out = []
    for match in _FIGURE.finditer(text):
        figure = re.sub(r"\s+", "", match.group()).lower().replace(",", "")
        out.append(figure)
    return list(dict.fromkeys(out))


def _number_core(figure: str) -> str:
    digits = re.sub(r"[^\d.]", "", figure).strip(".")
    return digits or figure


@dataclass(frozen=True)
class PartMatch:
    """One STAR part: did the answer carry the story's notes for it?"""

    has_notes: bool
    carried: bool
    missing: list[str] = field(default_factory=list)  # figures or words not heard


# Words that say nothing about which story it is. Kept here rather than borrowed
# from the analysis, whose internals change on their own schedule.
_COMMON = frozenset("""
about after again also because been before being could didn't doing during every
from have into just like made make many more most much only other over same some
such than that their them then there these they this those through very want was
were what when where which while will with would your ours team work worked really
""".split())


def tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))


def stem(word: str) -> str:
    """A crude stem, enough to hear "migrated" in "migration": suffixes off."""
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _salient(text: str) -> list[str]:
    words = [w for w in tokens(text) if w not in _COMMON and len(w) > 3 and not w.isdigit()]
    return list(dict.fromkeys(words))


def story_match(story: Story, answer: str) -> dict[str, PartMatch]:
    """Per STAR part, whether the answer carried what the story's notes hold.

    A part is carried when every figure of its notes is in the answer (for the
    result, the story's result figures too) and at least half of its salient
    words are: a result told without its number is not the same result.
    """
    answer_figures = {_number_core(f) for f in figures_in(answer)}
    answer_stems = {stem(w) for w in tokens(answer)}
    matches = {}
    for part in STAR_PARTS:
        notes = story.part(part)
        wanted_figures = figures_in(notes)
        if part == "result":
            wanted_figures += [f for f in story.figures if f not in wanted_figures]
        words = _salient(notes)
        if not notes.strip() and not wanted_figures:
            matches[part] = PartMatch(has_notes=False, carried=False)
            continue
        missing = [f for f in wanted_figures
                   if _number_core(figures_in(f)[0] if figures_in(f) else f) not in answer_figures]
        heard = [w for w in words if stem(w) in answer_stems]
        unheard = [w for w in words if stem(w) not in answer_stems]
        words_ok = not words or len(heard) * 2 >= len(words)
        if not words_ok:
            missing += unheard[:3]
        matches[part] = PartMatch(has_notes=True, carried=not missing, missing=missing)
    return matches


# --- a story from a typed answer --------------------------------------------------------

_SPLIT = re.compile(r"(?<=[.!?])\s+|\n+")


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def split_into_parts(text: str) -> dict[str, str]:
    """The answer's sentences shared out over S, T, A, R by the answer analysis.

    Each sentence goes to the first part that claims it; a sentence no part
    claims stays with the part before it (the situation at the start), so
    nothing typed is dropped.
    """
    parts, _ = star_parts(text)
    claimed = {name: [_norm(s) for s in parts[name].sentences] if name in parts else []
               for name in STAR_PARTS}
    out: dict[str, list[str]] = {name: [] for name in STAR_PARTS}
    current = "situation"
    for sentence in (s.strip() for s in _SPLIT.split(text)):
        if not sentence:
            continue
        norm = _norm(sentence)
        for name in STAR_PARTS:
            if any(c and (c in norm or norm in c) for c in claimed[name]):
                # Parts only move forward: a story is told in order, and a
                # "we had" in the result does not make it the situation again.
                if STAR_PARTS.index(name) >= STAR_PARTS.index(current) or not out[current]:
                    current = name
                break
        out[current].append(sentence)
    return {name: " ".join(sentences) for name, sentences in out.items()}


def draft_from_answer(answer: str, question: Question | None = None) -> Story:
    """A new story from an answer: pre-split into STAR parts, to be edited."""
    parts = split_into_parts(answer)
    title = "A new story"
    if question is not None:
        prompt = " ".join(question.prompt.split())
        title = "Story for: " + (prompt if len(prompt) <= 60 else prompt[:59] + "…")
    return Story.model_validate({
        "title": title, **parts,
        "figures": figures_in(parts["result"]),
        "competencies": question_competencies(question) if question else [],
    })


# --- which story was told, and warnings -------------------------------------------------


class StoryUse(Model):
    """The person said they told `story_id` (None: a new one) to a question."""

    session_id: str
    answer_index: int
    story_id: str | None
    competencies: list[str] = Field(default_factory=list)
    used_at: datetime


def overuse_warnings(uses: Sequence[StoryUse], stories: Sequence[Story], *,
                     session_id: str | None = None, now: datetime | None = None) -> list[str]:
    """One line per story told for more than two different competencies, in the
    session `session_id` or in the week before `now`."""
    titles = {s.id: s.title for s in stories}
    warnings = []
    scopes = []
    if session_id is not None:
        scopes.append(("in this session", [u for u in uses if u.session_id == session_id]))
    if now is not None:
        scopes.append(("in the last week",
                       [u for u in uses if now - OVERUSE_WINDOW <= u.used_at <= now]))
    warned: set[str] = set()
    for where, chosen in scopes:
        spread: dict[str, set[str]] = {}
        for use in chosen:
            if use.story_id is not None:
                spread.setdefault(use.story_id, set()).update(use.competencies)
        for story_id, competencies in spread.items():
            if len(competencies) > OVERUSE_LIMIT and story_id not in warned:
                warned.add(story_id)
                names = ", ".join(c for c in COMPETENCIES if c in competencies)
                warnings.append(
                    f"“{titles.get(story_id, 'a deleted story')}” was told {where} for "
                    f"{len(competencies)} different competencies ({names}): an interviewer "
                    "who hears it twice stops believing it. Give some of them another story.")
    return warnings


def uncovered_in(stories: Sequence[Story], competencies: Iterable[str]) -> list[str]:
    """The competencies among `competencies` that no story shows (vocabulary order)."""
    shown = {c for s in stories for c in s.competencies}
    wanted = set(competencies)
    return [c for c in COMPETENCIES if c in wanted and c not in shown]


# --- words for the screens ---------------------------------------------------------------


def peek_text(stories: Sequence[Story], question: Question, width: int = 90) -> str:
    """The interview's peek: the person's stories for this question, one line each."""
    wanted = question_competencies(question)
    if not wanted:
        return "Your stories: this question names no competency to match them by."
    matching = matching_stories(stories, wanted)
    if not matching:
        return (f"Your stories: none shows {', '.join(wanted)} yet (b on home opens your "
                "story bank).")
    lines = [f"Your stories for {', '.join(wanted)}:"]
    for story in matching[:5]:
        line = " ".join(f"• {story.title} — {story.summary}".split()) if story.summary \
            else f"• {' '.join(story.title.split())}"
        lines.append(line if len(line) <= width else line[: width - 1] + "…")
    if len(matching) > 5:
        lines.append(f"  …and {len(matching) - 5} more")
    return "\n".join(lines)


def scope_gaps(stories: Sequence[Story], questions: Iterable[Question]) -> list[str]:
    """Competencies the questions probe that no story shows (vocabulary order)."""
    wanted = {c for q in questions for c in question_competencies(q)}
    return uncovered_in(stories, wanted)


def gaps_text(gaps: Sequence[str], interview_label: str) -> str:
    if not gaps:
        return ""
    return (f"No story yet for {', '.join(gaps)}, which {interview_label} may ask about · "
            "b opens your stories")


def match_line(story: Story, matches: dict[str, PartMatch]) -> str:
    """`Your story “X”: Situation ✓ · Task ✓ · Action – · Result ✗ (missing 40%)`."""
    parts = []
    for part in STAR_PARTS:
        match = matches[part]
        if not match.has_notes:
            parts.append(f"{part.title()} –")
        elif match.carried:
            parts.append(f"{part.title()} ✓")
        else:
            missing = ", ".join(f"“{m}”" for m in match.missing[:3])
            parts.append(f"{part.title()} ✗ (not heard: {missing})")
    return f"Your story “{' '.join(story.title.split())}”: " + " · ".join(parts)


def match_marks(matches: dict[str, PartMatch]) -> str:
    """`S✓ T✓ A– R✗`: the short form, for the STAR checklist's border."""
    marks = {True: "✓", False: "✗"}
    return " ".join(f"{p[0].upper()}{marks[m.carried] if m.has_notes else '–'}"
                    for p, m in matches.items())
