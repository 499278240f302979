"""Answer analysis: pure functions over the text of an answer, computed offline.

Three parts, each cheap enough for a 1,000-word answer in a few milliseconds:

- key-point coverage: a point is covered when one of its cues (alternatives)
  appears, matched on light stems so "prefetch_related", "prefetch related" and
  "prefetching" meet; or when most of the point's own significant words do.
- STAR detection: each sentence (long run-ons are cut into clauses) is read for
  Situation, Task, Action and Result signals; a Result with a figure is
  quantified.
- delivery: word count against a range for the category, speaking time, fillers
  and hedges, "I" against "we", repeated words, and whether there is an example.

Nothing here runs on the keystroke path: the reveal screen asks for it once.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from pydantic import Field

from mockint.core.deck import STAR_PARTS, KeyPoint, Question
from mockint.core.model import Model

_WORD = re.compile(r"\S+")
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
DEFAULT_WPM = 140
TARGET_WORDS = {
    "intro": (90, 250),
    "technical": (80, 250),
    "behavioral": (150, 320),
    "situational": (150, 320),
    "system-design": (180, 450),
    "ask-them": (15, 90),
}

STOPWORDS = frozenset("""
a an the and or but if then than so to of in on at by for with from into onto over under
about as is are was were be been being it its this that these those there here their
they them he she his her we our us you your i me my mine do does did done have has had
not no yes can could would should will shall may might must also just very really more
most much many some any all each every both either neither one two use used using uses
how what when where which who whom why while what's it's i'm we're they're that's
get gets got make makes made way thing things something
""".split())

FILLERS = ("basically", "actually", "literally", "kind of", "sort of", "i guess", "maybe",
           "i think", "i mean", "you know", "probably", "stuff", "um", "uh", "like i said",
           "or something", "i suppose", "more or less", "somehow")


def count_words(text: str) -> int:
    """Words as a person would count them: runs of non-space characters."""
    return sum(1 for _ in _WORD.finditer(text))


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A light, consistent stem: enough to meet plurals and simple word forms."""
    w = word.lower().replace("'", "")
    if len(w) <= 3:
        return w
    for suffix, replacement in (("ies", "y"), ("ied", "y"), ("ying", "y"), ("ings", ""),
                                ("ing", ""), ("ations", "ate"), ("ation", "ate"), ("edly", ""),
                                ("ed", ""), ("es", ""), ("s", ""), ("ly", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            if suffix == "s" and w.endswith(("ss", "us", "is")):
                continue
            w = w[: len(w) - len(suffix)] + replacement
            break
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]  # "cached"/"caching" → "cach", "mapped" → "map"
    return w.rstrip("e") if len(w) > 3 else w


def tokens(text: str) -> list[str]:
    """Lowercase word tokens; identifiers like select_related split into words."""
    return _TOKEN.findall(re.sub(r"[_\-./]", " ", text.lower()))


class Evidence(Model):
    covered: bool
    words: list[str] = Field(default_factory=list)


class StarPart(Model):
    present: bool
    sentences: list[str] = Field(default_factory=list)


class Delivery(Model):
    words: int
    target: tuple[int, int]
    speaking_seconds: float
    wpm: int
    fillers: dict[str, int] = Field(default_factory=dict)
    i_count: int = 0
    we_count: int = 0
    repeated: list[tuple[str, int]] = Field(default_factory=list)
    has_example: bool = False

    @property
    def length_verdict(self) -> str:
        low, high = self.target
        return "short" if self.words < low else "long" if self.words > high else "ok"


class AnswerAnalysis(Model):
    key_points: list[Evidence] = Field(default_factory=list)
    star: dict[str, StarPart] = Field(default_factory=dict)
    result_quantified: bool = False
    delivery: Delivery
    suggestions: list[str] = Field(default_factory=list)

    @property
    def key_points_suggested(self) -> list[bool]:
        return [e.covered for e in self.key_points]

    @property
    def star_suggested(self) -> dict[str, bool]:
        return {part: p.present for part, p in self.star.items()}


# --- key points -----------------------------------------------------------------


class _Answer:
    """The answer's stems, once, for every key point to look through."""

    def __init__(self, text: str) -> None:
        self.words = tokens(text)
        self.stems = [stem(w) for w in self.words]
        self.stem_set = set(self.stems)
        self.joined = " " + " ".join(self.stems) + " "
        self.surface: dict[str, str] = {}
        self.positions: dict[str, list[int]] = {}
        for index, (word, s) in enumerate(zip(self.words, self.stems, strict=True)):
            self.surface.setdefault(s, word)
            self.positions.setdefault(s, []).append(index)


def _cue_matches(cue: str, answer: _Answer) -> list[str]:
    stems = [stem(w) for w in tokens(cue)]
    if not stems:
        return []
    if f" {' '.join(stems)} " in answer.joined:
        return [answer.surface.get(s, s) for s in stems]
    significant_all = [s for s in stems if s not in STOPWORDS]
    if len(significant_all) > 1 and _near_each_other(significant_all, answer):
        return [answer.surface[s] for s in significant_all]
    # "prefetch_related" is met by "prefetching": a compound cue counts when its
    # distinctive first word is there.
    significant = [s for s in stems if s not in STOPWORDS]
    if len(stems) > 1 and len(cue.split()) == 1 and significant and significant[0] in answer.stem_set:
        return [answer.surface[significant[0]]]
    return []


def _near_each_other(stems: list[str], answer: _Answer, slack: int = 4) -> bool:
    """Every stem appears within a short stretch of the answer ("second … query")."""
    if not all(s in answer.stem_set for s in stems):
        return False
    width = len(stems) + slack
    positions = answer.positions
    first = stems[0]
    for start in positions.get(first, ()):
        window = set(answer.stems[max(0, start - width): start + width + 1])
        if all(s in window for s in stems):
            return True
    return False


def key_point_evidence(point: KeyPoint, answer: _Answer) -> Evidence:
    for cue in point.cues:
        found = _cue_matches(cue, answer)
        if found:
            return Evidence(covered=True, words=found)
    own = [stem(w) for w in tokens(point.point) if w not in STOPWORDS and len(w) > 2]
    own = list(dict.fromkeys(own))
    hits = [s for s in own if s in answer.stem_set]
    needed = max(2, round(len(own) * 0.5))
    if own and len(hits) >= min(needed, len(own)) and len(hits) >= 2:
        return Evidence(covered=True, words=[answer.surface[s] for s in hits])
    return Evidence(covered=False, words=[answer.surface[s] for s in hits])


def key_point_coverage(points: Sequence[KeyPoint], text: str) -> list[Evidence]:
    answer = _Answer(text)
    return [key_point_evidence(p, answer) for p in points]


# --- STAR -------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+|\s+[-*•]\s+")
_CLAUSE = re.compile(r";\s+|,\s+(?:and\s+)?(?=so\b|then\b|which\b|after\b|but\b|because\b)|\s+and\s+then\s+")

_WHEN = (r"(?:spring|summer|autumn|fall|winter|january|february|march|april|may|june|july|"
         r"august|september|october|november|december|week|sprint|quarter|year|month)")
_SITUATION = re.compile(
    r"\b(at my (?:last|previous|current|old|first) (?:job|company|role|team|employer)|"
    r"when i was|last " + _WHEN + r"|early (?:this|last) " + _WHEN + r"|"
    r"(?:about|around|roughly|over|nearly)? ?(?:a|one|two|three|four|five|\d+|a few|a couple of) "
    r"(?:years?|months?|weeks?) ago|in 20\d\d|at the time|"
    r"in my (?:first|second|third|previous|last|current) (?:year|job|role|team|company|month)|"
    r"we (?:had|were|ran|used)|our (?:team|app|api|site|service|product|system|platform|client|"
    r"company|\w+ (?:api|service|team|app|page|system|was|were|had|started))|"
    r"there was|there were|a (?:client|customer|colleague|teammate|junior|new)|the company|"
    r"i was working|i worked (?:at|on|as)|working on|during (?:a|the|my)|was juggling|"
    r"(?:on|in) (?:a|one|my) (?:project|team|previous|former)|had been|i remember|"
    r"the (?:trickiest|hardest|biggest|worst|toughest|most \w+) (?:one|bug|problem|project|time)|"
    r"i (?:helped|joined|inherited|took over)\b)\b")
_TASK = re.compile(
    r"\b(i was (?:responsible|asked|tasked|in charge|the one|supposed|expected|leading)|"
    r"i was the (?:\w+ )?(?:on-call|oncall|main|only|lead|owner|senior|tech lead|engineer|"
    r"developer|dev|maintainer|person)|"
    r"my (?:job|role|task|responsibility|goal|part|mission|call|decision) was|"
    r"(?:was|is) my (?:call|job|responsibility|fault|decision)|my (?:fault|call|mistake)|"
    r"i (?:needed|had) to|i owned|i own|i was assigned|landed on me|fell to me|"
    r"the (?:goal|task|challenge|problem|deadline|ask) was|"
    r"it was (?:up to|on) me|i wanted to|needed to|was on me|my goal|i volunteered|"
    r"i took (?:it on|ownership|the lead|charge))\b")
_ACTION = re.compile(
    r"\b(?:i|so i|then i|first i|next i|i also|i then)\s+"
    r"(?!was\b|am\b|had to\b|needed\b|think\b|guess\b|mean\b|feel\b|hope\b|don't\b|"
    r"didn't\b|wasn't\b|would\b|could\b|should\b|might\b|learned that\b)"
    r"(?:\w+ly\s+)?(\w+ed|built|wrote|set|ran|made|took|went|led|put|found|sat|met|spoke|"
    r"drew|split|broke|brought|began|chose|kept|got|sent|read|taught|gave|paired|dug|"
    r"started|proposed|asked|talked|set up|reached|pulled|pushed|rolled|shipped|fixed|"
    r"traced|profiled|measured|reproduced|wrote|add\w*|creat\w*|decid\w*|organi[sz]\w*|"
    r"schedul\w*|explain\w*|review\w*|refactor\w*|migrat\w*|implement\w*|introduc\w*|"
    r"document\w*|suggest\w*|tested|deploy\w*|check\w*|listen\w*|focus\w*)\b")
_RESULT = re.compile(
    r"\b(as a result|in the end|the result|result(?:ed)? in|outcome|ended up|eventually|"
    r"finally|since then|afterwards|after that|which (?:cut|reduced|improved|increased|"
    r"dropped|brought|saved|meant|let|made)|(?:cut|reduced|improved|increased|dropped|"
    r"decreased|saved|sped up|shipped|launched|delivered|fixed|resolved|went down|went up|"
    r"fell|rose|halved|doubled)\b|went from|from \S+ to \S+|on time|ahead of|"
    r"the team (?:adopted|now)|still (?:use|in use)|got promoted|learned|feedback was|"
    r"never happened again|no (?:more|further) (?:incidents|outages|complaints)|"
    r"got (?:a lot |much )?(?:better|faster)|disappeared|went away|no longer|stopped "
    r"(?:failing|happening|crashing|timing out)|back to normal|recovered|now (?:writes|runs|uses|"
    r"handles|takes|owns|leads|reviews)|paid off|was adopted|we kept|agreed to)")
_NUMBER = (r"(?:\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
           r"twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|a hundred|hundred|"
           r"a thousand|thousands|a few|several)")
_FIGURE = re.compile(
    r"(" + _NUMBER + r"\s*(?:%|percent|x\b|times\b|ms\b|milliseconds|seconds?|secs?|"
    r"minutes?|mins?|hours?|hrs?|days?|weeks?|months?|k\b|gb|mb|requests|queries|users|"
    r"customers|tickets|incidents|points)|from \$?\d[\d.,]*\s*\w* to \$?\d|\$\d|\d+\s*→|"
    r"\b(?:half|halved|doubled|tripled|twice|zero)\b)")


def sentences(text: str) -> list[str]:
    """Sentences, with very long ones cut into clauses so each can be read on its own."""
    out: list[str] = []
    for sentence in _SENTENCE_END.split(text):
        sentence = sentence.strip(" -*•\t")
        if not sentence:
            continue
        if len(sentence.split()) > 40:
            out += [c.strip() for c in _CLAUSE.split(sentence) if c and c.strip()]
        else:
            out.append(sentence)
    return out


def star_parts(text: str) -> tuple[dict[str, StarPart], bool]:
    """Which STAR parts the answer has, with the sentences that show them."""
    found: dict[str, list[str]] = {part: [] for part in STAR_PARTS}
    quantified = False
    patterns = {"situation": _SITUATION, "task": _TASK, "action": _ACTION, "result": _RESULT}
    for sentence in sentences(text):
        lowered = sentence.lower().replace("’", "'")
        for part, pattern in patterns.items():
            if pattern.search(lowered):
                found[part].append(sentence)
        if found["result"] and found["result"][-1] is sentence and _FIGURE.search(lowered):
            quantified = True
    parts = {part: StarPart(present=bool(s), sentences=s[:3]) for part, s in found.items()}
    return parts, quantified


# --- delivery ---------------------------------------------------------------------

_I_WORDS = frozenset({"i", "i'm", "i've", "i'd", "i'll", "me", "my", "myself"})
_WE_WORDS = frozenset({"we", "we're", "we've", "we'd", "we'll", "us", "our", "ours"})
_EXAMPLE = re.compile(r"\b(for example|for instance|e\.g\.|such as|at my (?:last|previous|"
                      r"current)|in one project|once|one time|last (?:year|month)|when i)\b|\d")
# Anchored at word starts: an unanchored \w+\( is quadratic on one 20,000-letter "word".
_CODE = re.compile(r"\b\w+(?:\.\w+)*\(|`[^`]+`|\b[a-z]+_[a-z_]+")


def delivery(text: str, category: str, wpm: int = DEFAULT_WPM) -> Delivery:
    lowered = text.lower().replace("’", "'")
    words = _TOKEN.findall(lowered)
    padded = " " + " ".join(words) + " "
    fillers = {f: padded.count(f" {f} ") for f in FILLERS}
    content = Counter(stem(w) for w in words if w not in STOPWORDS and len(w) > 3)
    surface = {stem(w): w for w in reversed(words)}
    repeated = [(surface[s], n) for s, n in content.most_common(3) if n >= 3]
    return Delivery(
        words=count_words(text),
        target=TARGET_WORDS.get(category, (80, 250)),
        speaking_seconds=round(count_words(text) / wpm * 60, 1),
        wpm=wpm,
        fillers={f: n for f, n in fillers.items() if n},
        i_count=sum(1 for w in words if w in _I_WORDS),
        we_count=sum(1 for w in words if w in _WE_WORDS),
        repeated=repeated,
        has_example=bool(_EXAMPLE.search(lowered) or _CODE.search(text)),
    )


# --- all together -----------------------------------------------------------------


def suggestions(question: Question, analysis: AnswerAnalysis) -> list[str]:
    """One or two plain-language suggestions, most useful first."""
    tips: list[str] = []
    d = analysis.delivery
    if d.words == 0:
        return ["Nothing was typed: even three bullet points beat a blank under pressure."]
    if question.uses_star:
        star = analysis.star
        if not star["result"].present:
            tips.append("No result stated: how did it end, and can you put a number on it?")
        elif not analysis.result_quantified:
            tips.append("Your result has no figure: add a number, a percentage or a time.")
        if not star["action"].present:
            tips.append("Say what you did yourself: \"I profiled…\", \"I proposed…\".")
        if d.we_count > d.i_count and d.we_count >= 3:
            tips.append(f"You said \"we\" {d.we_count} times and \"I\" {d.i_count}: "
                        "the interviewer wants your part.")
    missed = [p.point for p, e in zip(question.key_points, analysis.key_points, strict=True)
              if not e.covered]
    if missed and len(missed) >= len(question.key_points) / 2:
        tips.append(f"Not mentioned: {missed[0]}.")
    if d.length_verdict == "short":
        tips.append(f"{d.words} words is short for this kind of question; aim for "
                    f"{d.target[0]}–{d.target[1]}.")
    elif d.length_verdict == "long":
        tips.append(f"{d.words} words is about {d.speaking_seconds / 60:.0f} min spoken; "
                    "tighten it to the strongest points.")
    filler_total = sum(d.fillers.values())
    if filler_total >= 3:
        worst = max(d.fillers, key=d.fillers.__getitem__)
        tips.append(f"{filler_total} fillers or hedges (\"{worst}\" ×{d.fillers[worst]}): "
                    "say it plainly.")
    if not d.has_example and question.category in ("technical", "behavioral", "situational"):
        tips.append("Add a concrete example from your own work.")
    return tips[:2]


def analyse(question: Question, text: str, wpm: int = DEFAULT_WPM) -> AnswerAnalysis:
    """Everything mockint says about one answer to one question."""
    star, quantified = star_parts(text) if question.uses_star else ({}, False)
    analysis = AnswerAnalysis(
        key_points=key_point_coverage(question.key_points, text),
        star=star,
        result_quantified=quantified,
        delivery=delivery(text, question.category, wpm),
    )
    analysis.suggestions = suggestions(question, analysis)
    return analysis
