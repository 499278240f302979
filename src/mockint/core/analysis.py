"""Answer analysis: pure functions over the text of an answer, computed offline.

Each part is cheap enough for a 1,000-word answer in a few milliseconds:

- key-point coverage: a point is covered when one of its cues appears outside a
  denial ("I have never used select_related" does not count; "without
  select_related the view fires one query per row" does). Words are compared
  on Snowball stems; a cue that is a code identifier (select_related, count(),
  Order.objects, F()) is met by that identifier or by its words written together
  ("select related", "select-related"), never by its words scattered.
- STAR detection: each sentence is read for Situation, Task, Action and Result;
  hypotheticals ("I would…") give no Situation and no Result, a task sentence is
  not quoted as the action, "we"-only actions count but are flagged, and a
  result is quantified only by a figure in a result sentence (not a version).
- delivery: word count against a range, speaking time, fillers, "I" against
  "we", the words used most, the job terms used, talking points.

Patterns are compiled on first use, not at import: importing this module is on
the start-up path, analysing is not. Nothing here runs on the keystroke path.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from types import SimpleNamespace
from typing import Any

from pydantic import Field

from mockint.core.deck import STAR_PARTS, KeyPoint, Question
from mockint.core.model import Model
from mockint.core.words import count_words as count_words  # re-exported: its old home
from mockint.core.words import plural

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
get gets got make makes made way thing things something am
""".split())

FILLERS = ("basically", "actually", "literally", "kind of", "sort of", "i guess", "maybe",
           "i think", "i mean", "you know", "probably", "stuff", "um", "uh", "like i said",
           "or something", "i suppose", "more or less", "somehow")

# Words too common, in English or in this trade, to stand for an identifier on
# their own: "select" alone never meets select_related.
_COMMON = frozenset("""
select related get set order count list values value only bulk cache is has on all filter
create update save delete objects object field fields form model models user users name
data test tests debug post pre raise apply shared cleaned assert num queries query add error
page view views per site through meta http response request json login required permission
permissions class read write key lock time limit auto retry for do make run use the base
transaction transactions django python database session sessions token tokens static media
template templates admin authentication authorization serializer serializers signal signals
settings setting app apps url urls middleware celery redis task tasks queue worker workers
index indexes result results default content type status code file files path search
display inline raw execute cursor check max min new old first last next full partial
""".split())

_NEGATORS = frozenset({"not", "never", "nobody", "neither", "nor", "cannot", "unfamiliar",
                       "unsure", "unaware"})
# "select_related I have never used": these words after a denial reach back too.
_KNOWING = frozenset({"used", "use", "heard", "know", "known", "sure", "idea", "tried",
                      "seen", "familiar", "remember", "clue", "touched", "worked"})
_NO_PHRASES = frozenset({"idea", "clue", "experience", "knowledge"})
_CONTRAST_PARTS = (["instead", "of"], ["rather", "than"], ["unlike"], ["as", "opposed", "to"])
_CONTRAST_FIRST = frozenset(parts[0] for parts in _CONTRAST_PARTS)
_SCOPE_STOP = frozenset({"but", "however", "although", "though", "so", "because", "then",
                         "which", "whereas", "yet", "i", "we", "you", "he", "she", "they"})


# --- patterns, compiled on first use ---------------------------------------------


@cache
def _rx() -> SimpleNamespace:
    """Every regular expression of the module, compiled once, when first needed."""
    when = (r"(?:spring|summer|autumn|fall|winter|january|february|march|april|may|june|"
            r"july|august|september|october|november|december|week|sprint|quarter|year|"
            r"month|monday|tuesday|wednesday|thursday|friday|saturday|sunday)")
    number = (r"(?:\d+(?:[.,]\d+)*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
              r"twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|a hundred|hundred|"
              r"a thousand|thousands|a few|several|a dozen)")
    return SimpleNamespace(
        word=re.compile(r"\S+"),
        token=re.compile(r"[a-z0-9]+(?:'[a-z]+)?"),
        # Words and boundaries: ".", "!", "?", ";", ":", ",", a dash, a new line.
        stream=re.compile(r"[a-z0-9]+|[!?;:,\n]|\.(?=\s|$)|\s[-–—]\s"),
        # Only what looks like code: dotted names, snake_case, CamelCase, calls.
        code=re.compile(r"(?<![\w.])(?:[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+|[A-Za-z0-9]*[A-Za-z0-9]_\w*|"
                        r"_\w+|[a-z][a-z0-9]*[A-Z]\w*|[A-Z][a-z0-9]+[A-Z]\w*|"
                        r"[A-Za-z_]\w*(?=\())(\()?"),
        camel=re.compile(r"[a-z0-9][A-Z]"),
        contraction=re.compile(r"\b(can|won|ain|shan|[a-z]+)n't\b|'(re|ve|m|ll|d|s)\b"),
        sentence_end=re.compile(r"(?<=[.!?])\s+(?=[^a-z])|\n+|(?<=[.!?])\s+$|\s+[-*•]\s+"),
        clause=re.compile(r";\s+|,\s+(?:and\s+)?(?=so\b|then\b|which\b|after\b|but\b|"
                          r"because\b)|\s+and\s+then\s+|\s+so\s+(?=i\b)"),
        # "I'd never written Go" is "I had": only "I'd" + a plain verb is a plan.
        hypothetical=re.compile(
            r"^if\b|\b(?:i|we|you)(?: would| will|'ll| might| could| should| am going to|"
            r"'m going to)\b|\b(?:i|we|you)'d (?!never\b|been\b|already\b|just\b|always\b|"
            r"\w+ed\b|\w+en\b|had\b|done\b|gone\b|made\b|run\b|built\b|set up\b)"),
        denial=re.compile(r"\b(?:can't|cannot|can not|don't|do not|haven't|have not) (?:really )?"
                          r"(?:think of|remember|recall|have (?:an|a) (?:example|story))\b"),
        habit=re.compile(r"\b(?:i|we) (?:usually|always|normally|generally|typically|often|"
                         r"tend to)\b|^(?:usually|normally|generally|typically)\b"),
        situation=re.compile(
            r"\b(at my (?:last|previous|current|old|first|second) (?:job|company|role|team|"
            r"employer|workplace)|when i (?:was|joined|started)|last " + when + r"|"
            r"(?:early|late) (?:this|last) " + when + r"|in " + when + r"|"
            r"(?:about|around|roughly|over|nearly)? ?(?:a|one|two|three|four|five|\d+|a few|"
            r"a couple of) (?:years?|months?|weeks?|days?) ago|in 20\d\d|at the time|"
            r"in my (?:first|second|third|previous|last|current|old) (?:year|job|role|team|"
            r"company|month|week)|one (?:day|time|night|morning|evening)|"
            r"we (?:had|were|ran|used|got|hired|needed)|our (?:\w+ ){0,2}(?:api|service|team|app|"
            r"site|page|system|platform|client|company|customers?|users?|job|dashboard|"
            r"database|product|manager|lead|cto|ceo|head|director|tests?|report|export|"
            r"import|worker|workers|queue|search)\b|"
            r"there was|there were|a (?:client|customer|colleague|teammate|junior|new hire|"
            r"senior|reviewer)|the company|i was working|i worked (?:at|on|as)|"
            r"working on|during (?:a|the|my)|was juggling|(?:on|in) (?:a|one|my) (?:project|"
            r"team|previous|former)|had been|i remember|"
            r"the (?:trickiest|hardest|biggest|worst|toughest|most \w+) (?:one|bug|problem|"
            r"project|time|thing)|i (?:joined|inherited|took over)\b|"
            r"\b(?:started|kept) (?:failing|crashing|timing out|returning|throwing|reporting|"
            r"slowing|going down)|went down|broke|was down|were down|"
            r"(?:situation|context|background):|i had (?:two|three|four|a few|several|\d+) "
            r"\w+|^(?:a |the )?new hire\b|^one (?:bug|time|project|incident|day|of)\b)")
        ,
        task=re.compile(
            r"\b(i was (?:responsible|asked|tasked|in charge|the one|supposed|expected|leading|"
            r"on call|on-call)|i was the (?:\w+ )?(?:on-call|oncall|main|only|lead|owner|senior|"
            r"tech lead|engineer|developer|dev|maintainer|person|responsible)|"
            r"my (?:job|role|task|responsibility|goal|part|mission|call|decision) was|"
            r"(?:was|is) my (?:call|job|responsibility|decision|feature|service|module|code)|"
            r"it was mine|(?:was|were) mine|"
            r"i (?:needed|had) to|i owned|i own|i was assigned|landed on me|fell to me|"
            r"the (?:goal|task|challenge|deadline|ask) was|"
            r"it was (?:up to|on) me|was on me|my goal|i volunteered|i took (?:it on|ownership|"
            r"the lead|charge|the ticket|it)|i picked it up|i led\b|i was the responsible|"
            r"i had (?:\w+ )?(?:weeks?|days?|months?) to|done meant|(?:my )?role:|"
            r"(?:we|our team|the team|our \w+ team) (?:had|needed) to|^(?:context: )?had to)")
        ,
        action=re.compile(
            r"(?:^|\b(?:i|we)\s+)(?:\w+ly\s+|just\s+|also\s+|then\s+|first\s+|quickly\s+|"
            r"immediately\s+|personally\s+)?"
            r"(?!was\b|were\b|had\b|needed\b|owned\b|wanted\b|liked\b|loved\b|hoped\b|"
            r"felt\b|seemed\b|used to\b|tried\b|learned\b|learnt\b|realised\b|realized\b|"
            r"worked\b|jumped\b|figured\b|handled\b|dealt\b|fixed it\b(?! by)|"
            r"looked at (?:a bunch|things|it)\b|enjoyed\b|joined\b|started (?:at|in|as)\b|"
            r"remember|thought\b|guessed\b|believed\b|expected\b|assumed\b|supposed\b)"
            r"(\w+ed|built|wrote|set up|set|ran|made|took|went|led|put|found|sat|met|spoke|drew|"
            r"split|broke|brought|began|chose|kept|got|sent|read|taught|gave|dug|killed|cut|"
            r"told|showed|did|rewrote|redid|caught|held|hit|fed|let|saw|spent|sought|drove|"
            r"shut|undid|stood up|wound up)\b"),
        # Present-tense steps: in a plan ("I'd check…", "I will roll back…") or told
        # as a sequence ("First I make rollback…").
        plan_action=re.compile(
            r"\b(?:(?:i|we)(?:'d|'ll| would| will| might| could| can)|"
            r"(?:first|then|after(?: that)?|next),? (?:i|we))\s+(?:\w+ly\s+|just\s+|also\s+|"
            r"then\s+|first\s+|immediately\s+|start by\s+|begin by\s+)?"
            r"(check|roll|look|run|ask|tell|post|open|stop|split|add|write|build|talk|list|use|"
            r"try|move|restart|reproduce|measure|profile|wrap|lock|pause|freeze|propose|suggest|"
            r"explain|test|deploy|review|rehearse|pin|clarify|draft|show|make|go|find|fix|put|"
            r"scale|isolate|purge|notify|inform|update|revert|assess|confirm|determine|decide|"
            r"restore|protect|start|begin|identify|avoid|listen|bring|commit|own|fetch|do|"
            r"contact|install|set|read|split|switch|turn|call|dig|trace|narrow|bisect|"
            r"inspect|search|create|send|compare|send|learn|prototype|break|keep|give|take|"
            r"validate|handle|catch|document|escalate|communicate|prioriti[sz]e|cut|defer|"
            r"schedule|announce|backfill|migrate|implement|refactor|plan|think|step|"
            r"block|disable|enable|raise|return|retry|limit|alert|monitor|let|write|"
            r"investigate|analy[sz]e|verify|ensure|agree|pair|coach|mentor|delegate|"
            r"bump|increase|reduce|replace|remove|drop|wait|watch|ping|page|apologi[sz]e|"
            r"clean|fire|grab|pull|push|ship|release|merge|open|reach|sit|spin|spike|"
            r"write|ask)\b"),
        bullet_action=re.compile(
            r"^(?:\d+[.)]\s*)?(?:[a-z]+ed|built|wrote|set up|ran|made|took|put|found|split|read|"
            r"went|gave|told|sent|cut|kept|did|shipped|redid|undid|drew|brought|taught|"
            r"rewrote|caught|held|spent|began)\b"),
        result=re.compile(
            r"\b(as a result|in the end|the result|result(?:ed)? in|result:|outcome|ended up|"
            r"eventually|finally|since then|afterwards|after that|which (?:cut|reduced|improved|"
            r"increased|dropped|brought|saved|meant|let|made|got)|(?:cut|reduced|improved|"
            r"increased|decreased|saved|sped up|shipped|launched|delivered|resolved|"
            r"halved|doubled|merged|approved|agreed|signed|matched|cleared|disappeared)\b|"
            r"(?:dropped|fell|rose|went down|went up) (?:from|to|by|below|under)\b|"
            r"went from|from \S+ to \S+|on time|ahead of|the team (?:adopted|now)|"
            r"still (?:use|in use)|promoted|learned|learnt|lesson|taught me|feedback was|"
            r"never happened again|no (?:more|further|repeat)|haven't had|have not had|"
            r"has(?:n't| not) (?:happened|come back)|(?:happen|happened) again|"
            r"got (?:a lot |much )?(?:better|faster)|went away|no longer|stopped "
            r"(?:failing|happening|crashing|timing out)|back to normal|recovered|"
            r"(?:now|these days|nowadays) (?:i |we |she |he |they |it |our |the )?\w+|paid off|"
            r"was adopted|we kept|agreed to|went live|went fine|went smoothly|went well|"
            r"(?:it|that|this) (?:fixed|solved)|zero|impact was|total impact|"
            r"(?:was|were|got) (?:fixed|resolved|solved|done|back)|it worked|worked out|"
            r"was fine|were fine|got done|with no (?:errors|downtime|incidents?|issues)|"
            r"without (?:errors|downtime|an incident|incident|issues|a hitch)|"
            r"\b(?:\d+|one|two|three|four|five|six|a few|several) (?:days?|weeks?|months?|"
            r"years?) later|since\W*$|since (?:then|that)|"
            r"\b(?:she|he|they) (?:picked|chose|agreed|got|led|was|is|now)\b|"
            r"(?:shipped|delivered|finished|merged|loaded|loads|took) (?:it )?(?:in|within)\b|"
            r"\btook (?:about |around |only |just )?\S+ (?:minutes|seconds|hours|days)\b|"
            r"has been running|still running|has stayed|stayed (?:flat|under|below|at|stable)|"
            r"(?:was|were) able to|managed to|happy with|thanked|praised|works fine|"
            r"the (?:fix|change) (?:worked|held)|(?:started|began) \w+ing (?:\w+ )?again\b|"
            r"working again|back up\b)"),
        figure=re.compile(
            r"(" + number + r"\s*(?:%|percent|x\b|times\b|ms\b|milliseconds|seconds?|secs?|s\b|"
            r"minutes?|mins?|hours?|hrs?|days?|weeks?|months?|k\b|gb|mb|requests|queries|"
            r"users|customers|tickets|incidents|points|errors|crashes|charges|accounts|"
            r"rows|orders|bugs|signups?|attempts|messages|emails|teams|a (?:day|week|month))|"
            r"from \$?\d[\d.,]*\s*\S* to \$?\d|\$\d|€\d|\d+\s*→|"
            r"\b(?:half|halved|doubled|tripled|twice|zero)\b)")
        ,
        version=re.compile(r"\b(?:v|version\s*)\d+(?:\.\d+)*\b|\b\d+\.\d+\.\d+\b|"
                           r"\b(?:\d+|one|two|three|four|five|six|a few|several) (?:days?|weeks?|"
                           r"months?|years?) (?:later|after|in)\b|"
                           r"(?:python|django|postgres(?:ql)?|mysql|node|java|go|rails|php|"
                           r"react|vue|angular|ubuntu|debian|celery|redis|ios|android) "
                           r"(?:from )?\d+(?:\.\d+)*(?: to \d+(?:\.\d+)*)?"),
        example=re.compile(r"\b(for example|for instance|e\.g\.|such as|at my (?:last|previous|"
                           r"current)|in one project|one time|last (?:year|month|week)|"
                           r"when i (?:was|worked|joined)|in my (?:last|previous|current) "
                           r"(?:job|role|team)|we had|i had)\b"),
        code_example=re.compile(r"`[^`]+`|\w\([^()\s][^()]*\)|\w+\s*=\s*\S|^\s*(?:def|class|"
                                r"from|import|return)\b", re.M),
        talking=(
            ("experience", re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|"
                                      r"ten) years?\b|\bi've been\b|\bi have been\b|"
                                      r"\bat my (?:current|last|previous)\b|\bi work(?:ed)? "
                                      r"(?:at|as|on|for)\b|\bexperience (?:with|in)\b|"
                                      r"\bbefore that\b|\bpreviously\b")),
            ("a skill", re.compile(r"\b(?:good|strong|skilled|experienced|comfortable) (?:at|in|"
                                   r"with)\b|\bstrength|\bspeciali[sz]|\bproficient\b|"
                                   r"\bi know how to\b|\bi'm good\b|\bexpert")),
            ("a lesson learned", re.compile(r"\blearn(?:ed|t)\b|\blesson|\btaught me\b|"
                                            r"\btakeaway\b|\bsince then\b|\bfrom then on\b|"
                                            r"\bi reali[sz]ed\b|\bnow i always\b")),
            ("a goal", re.compile(r"\blooking for\b|\bi want to\b|\bi'd like to\b|"
                                  r"\bmy goal\b|\bnext step\b|\bhope to\b|\baim to\b|"
                                  r"\bgrow\b|\binterested in\b|\bin the future\b")),
        ),
    )


_per_thread = threading.local()


def _stemmer() -> Any:  # snowballstemmer ships no type hints
    """This thread's stemmer. A Snowball stemmer keeps the word it is working on in
    itself, so two threads sharing one (the reveal's analysis and a story check in
    workers) corrupted each other's words and ended the app with an IndexError."""
    stemmer = getattr(_per_thread, "stemmer", None)
    if stemmer is None:
        import snowballstemmer  # type: ignore[import-untyped,import-not-found,unused-ignore]

        stemmer = _per_thread.stemmer = snowballstemmer.stemmer("english")
    return stemmer


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """The Snowball (Porter 2) English stem of one lower-case word."""
    w = word.lower().replace("'", "")
    return _stemmer().stemWord(w) if len(w) > 2 else w


def tokens(text: str) -> list[str]:
    """Lowercase word tokens; identifiers like select_related split into words."""
    found: list[str] = _rx().token.findall(re.sub(r"[_\-./]", " ", text.lower()))
    return found


def _expand(match: re.Match[str]) -> str:
    stem_word, suffix = match.group(1), match.group(2)
    if stem_word is not None:
        return {"can": "can not", "won": "will not", "ain": "is not",
                "shan": "shall not"}.get(stem_word, stem_word + " not")
    return {"re": " are", "ve": " have", "m": " am", "ll": " will", "d": " would",
            "s": ""}[suffix]


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, contractions written out ("don't" → "do not")."""
    lowered = text.lower().replace("’", "'").replace("‘", "'")
    expanded: str = _rx().contraction.sub(_expand, lowered)
    return expanded


class Evidence(Model):
    covered: bool
    words: list[str] = Field(default_factory=list)
    # Cue words found only inside a denial ("I have never used select_related").
    negated: list[str] = Field(default_factory=list)
    # Covered only by the answer to a follow-up.
    in_follow_up: bool = False


class StarPart(Model):
    present: bool
    sentences: list[str] = Field(default_factory=list)
    note: str = ""


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
    top_words: list[tuple[str, int]] = Field(default_factory=list)
    job_terms: list[str] = Field(default_factory=list)
    talking_points: list[str] = Field(default_factory=list)

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
    # Key points derived from the sample answer when the question has none.
    derived_points: list[KeyPoint] = Field(default_factory=list)
    # How many follow-up answers this analysis has read.
    follow_ups_read: int = 0

    @property
    def key_points_suggested(self) -> list[bool]:
        return [e.covered for e in self.key_points]

    @property
    def star_suggested(self) -> dict[str, bool]:
        return {part: p.present for part, p in self.star.items()}


# --- the answer, read once ----------------------------------------------------------


_STEMS: dict[str, str] = {}  # word → stem, for the hot loop (lru_cache costs a call)


class _Answer:
    """The answer's words, stems, identifiers and denied stretches, read once."""

    def __init__(self, text: str) -> None:
        rx = _rx()
        self.lowered = "\n".join(" ".join(line.split())
                                 for line in normalise(text).splitlines())
        words: list[str] = []
        clause = 0
        clauses: list[int] = []
        for match in rx.stream.finditer(self.lowered):
            token = match.group()
            if token[0].isalnum():
                words.append(token)
                clauses.append(clause)
            else:
                clause += 1
        self.words = words
        self.clauses = clauses
        known = _STEMS
        if len(known) > 50_000:
            known.clear()
        stems = []
        for w in words:
            s = known.get(w)
            if s is None:
                s = known[w] = stem(w)
            stems.append(s)
        self.stems = stems
        self.stem_set = set(self.stems)
        self.positions: dict[str, list[int]] = {}
        for index, s in enumerate(self.stems):
            self.positions.setdefault(s, []).append(index)
        self.by_prefix: dict[str, set[str]] = {}
        for w in set(words):
            if len(w) >= 5:
                self.by_prefix.setdefault(w[:5], set()).add(w)
        self.denied = self._denied()
        self._word_positions: dict[str, list[int]] = {}
        self.code, self.calls = _code_atoms(text)

    def _denied(self) -> list[bool]:
        """Which words sit inside a denial or a contrast, to the end of its clause."""
        words, clauses = self.words, self.clauses
        denied = [False] * len(words)
        self.trigger = [-1] * len(words)
        i = 0
        while i < len(words):
            word = words[i]
            start = None
            reach = 10
            if word in _NEGATORS:
                if i + 1 < len(words) and words[i + 1] in ("only", "just"):
                    i += 2
                    continue
                start = i + 1
            elif word == "no" and i + 1 < len(words) and words[i + 1] in _NO_PHRASES:
                start = i + 1
            elif word in _CONTRAST_FIRST:
                for parts in _CONTRAST_PARTS:
                    if words[i:i + len(parts)] == parts:
                        start, reach = i + len(parts), 5
                        break
            if start is not None and word != "no" and start < len(words) and (
                    words[start] in _KNOWING or words[start:start + 2] == ["really", "know"]):
                # Back over the few words before it in the clause, up to a subject.
                j = i - 1
                while j >= 0 and i - j <= 5 and clauses[j] == clauses[i]:
                    if words[j] in _SCOPE_STOP or words[j] in ("have", "do", "did", "am",
                                                                "had", "is", "was"):
                        j -= 1
                        continue
                    denied[j] = True
                    self.trigger[j] = j
                    j -= 1
            if start is not None:
                j = start
                while (j < len(words) and j - start < reach and clauses[j] == clauses[i]
                       and not (words[j] in _SCOPE_STOP and j > start)):
                    denied[j] = True
                    self.trigger[j] = i
                    j += 1
            i += 1
        return denied

    def phrase_at(self, stems: Sequence[str], gap: int = 0) -> list[int]:
        """Start positions where the stems occur in order, at most `gap` words apart."""
        if not stems:
            return []
        found = []
        for start in self.positions.get(stems[0], ()):
            at, ok = start, True
            for s in stems[1:]:
                nxt = next((p for p in range(at + 1, min(at + 2 + gap, len(self.stems)))
                            if self.stems[p] == s and self.clauses[p] == self.clauses[start]),
                           None)
                if nxt is None:
                    ok = False
                    break
                at = nxt
            if ok:
                found.append(start)
        return found

    def word_positions(self, cue_word: str) -> list[int]:
        """Where a cue word occurs: the same stem, or a word it begins ("stabiliz")."""
        known = self._word_positions.get(cue_word)
        if known is not None:
            return known
        positions = list(self.positions.get(stem(cue_word), ()))
        if len(cue_word) >= 5:
            for w in self.by_prefix.get(cue_word[:5], ()):
                if w != cue_word and w.startswith(cue_word):
                    positions += self.positions.get(stem(w), ())
        self._word_positions[cue_word] = positions = sorted(set(positions))
        return positions


def _code_atoms(text: str) -> tuple[set[str], set[str]]:
    """Identifiers written as code: dotted names, snake_case, CamelCase, calls."""
    rx = _rx()
    code: set[str] = set()
    calls: set[str] = set()
    for match in rx.code.finditer(text):
        name = match.group().rstrip("(")
        call = match.group(1) is not None
        lowered = name.lower()
        parts = lowered.split(".")
        if len(parts) > 1 and all(len(part) <= 2 for part in parts):
            continue  # "a.m.", "e.g." are abbreviations, not code
        for i in range(len(parts)):
            for j in range(i + 1, len(parts) + 1):
                code.add(".".join(parts[i:j]))
        if call:
            calls.add(parts[-1])
            calls.add(lowered)
    return code, calls


# --- cues ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cue:
    text: str
    kind: str  # "literal" | "call" | "prefix" | "identifier" | "words"
    name: str = ""
    words: tuple[str, ...] = ()
    stems: tuple[str, ...] = ()
    self_negating: bool = False
    first_alone: str = ""


_LITERAL_CHARS = set("[]{}|%*=:@/$#<>~^")


def is_identifier(term: str) -> bool:
    """A code identifier: has _, a dot between names, (), or CamelCase."""
    term = term.strip()
    if " " in term or not term:
        return False
    return ("_" in term.strip("_") or "(" in term or bool(re.search(r"\w\.\w", term))
            or bool(_rx().camel.search(term)))


@lru_cache(maxsize=4096)
def _cue(cue: str) -> _Cue:
    raw = " ".join(cue.strip().split())
    lowered = normalise(raw)
    words = tuple(tokens(lowered))
    stems = tuple(stem(w) for w in words)
    negating = any(w in _NEGATORS or w == "no" or w == "without" for w in words)
    if not words or (set(raw) & _LITERAL_CHARS) or "--" in raw:
        return _Cue(raw, "literal", name=lowered, words=words, stems=stems,
                    self_negating=negating)
    if raw.startswith("__") and raw.endswith("__") and " " not in raw:
        # A dunder (__wrapped__) is met only as written, never by "wrapped".
        return _Cue(raw, "prefix", name=lowered, words=words, stems=stems)
    if raw.endswith("_") and not raw.startswith("_") and " " not in raw:
        # "validate_" stands for validate_<field>: met by such an identifier only.
        return _Cue(raw, "prefix", name=lowered, words=words, stems=stems)
    if is_identifier(raw):
        name = lowered.strip(".").removesuffix("()").removesuffix("(")
        if raw.endswith(("()", "(")) and "." not in name and "_" not in name:
            return _Cue(raw, "call", name=name, words=words, stems=stems)
        first = ""
        if ("_" in name and "." not in name and len(words) == 2 and len(words[0]) >= 6
                and words[0] not in _COMMON):
            first = stem(words[0])
        return _Cue(raw, "identifier", name=name, words=words, stems=stems, first_alone=first)
    return _Cue(raw, "words", words=words, stems=stems, self_negating=negating)


def _cue_hits(cue: _Cue, answer: _Answer) -> tuple[list[str], list[str]]:
    """(words shown as evidence, words found only inside a denial) for one cue."""
    if cue.kind == "literal":
        if cue.name and cue.name in answer.lowered:
            return [cue.text], []
        return [], []
    positions: list[int] = []
    shown: str | None = None
    if cue.kind in ("call", "prefix"):
        if cue.kind == "call":
            shown = cue.text if cue.name in answer.calls else None
        else:
            shown = next((c for c in sorted(answer.code) if c.startswith(cue.name)), None)
        if shown is None:
            return [], []
        # Where its words are, to see whether it was named inside a denial.
        positions = answer.phrase_at(cue.stems) or [-1]
    elif cue.kind == "identifier":
        if cue.name in answer.code or cue.name.replace(".", "_") in answer.code:
            positions = answer.phrase_at(cue.stems) or [-1]
        else:
            positions = answer.phrase_at(cue.stems)
            if not positions and cue.first_alone:
                positions = list(answer.positions.get(cue.first_alone, ()))
    elif len(cue.stems) == 1:
        positions = answer.word_positions(cue.words[0])
    else:
        positions = _words_phrase(cue, answer)
    if not positions:
        return [], []
    if cue.kind == "identifier":
        shown = cue.text
    free = [p for p in positions if p < 0 or cue.self_negating or not answer.denied[p]]
    if free:
        p = free[0]
        return [shown or _surface(answer, p, len(cue.words))], []
    p = positions[0]
    if p >= 0:
        # The denial with its words: "never used select related".
        start = answer.trigger[p]
        if answer.words[start - 1:start] and answer.words[start - 1] in ("do", "have", "had",
                                                                          "am", "is", "did"):
            start -= 1
        return [], [_surface(answer, start, p - start + max(1, len(cue.words)))]
    return [], [shown or cue.text]


def _words_phrase(cue: _Cue, answer: _Answer) -> list[int]:
    """A multi-word cue: its words in order, within its clause, one word of slack."""
    first = answer.word_positions(cue.words[0])
    if not first:
        return []
    rest = [set(answer.word_positions(w)) for w in cue.words[1:]]
    if not all(rest):
        return []
    found = []
    clauses = answer.clauses
    for start in first:
        at = start
        for targets in rest:
            if at + 1 in targets and clauses[at + 1] == clauses[start]:
                at += 1
            elif at + 2 in targets and clauses[at + 2] == clauses[start]:
                at += 2
            else:
                break
        else:
            found.append(start)
    return found


def _surface(answer: _Answer, start: int, length: int) -> str:
    return " ".join(answer.words[start:start + max(1, length)])


_ADVICE_AGAINST = re.compile(r"\b(?:avoid|never|don't|do not)\b([^;,.]*)", re.I)


@lru_cache(maxsize=2048)
def _advised_against(point: str) -> frozenset[str]:
    """Stems of what a point advises against ("avoid bare except and silent pass")."""
    return frozenset(stem(w) for m in _ADVICE_AGAINST.finditer(point)
                     for w in tokens(m.group(1)) if w not in STOPWORDS)


def key_point_evidence(point: KeyPoint, answer: _Answer) -> Evidence:
    negated: list[str] = []
    # "Avoid bare except" is met by "I never use a bare except": no denial here.
    against = _advised_against(point.point)
    for text in point.cues:
        cue = _cue(text)
        shown, denied = _cue_hits(cue, answer)
        if shown or (denied and against and set(cue.stems) <= against):
            return Evidence(covered=True, words=shown or denied)
        negated += [w for w in denied if w not in negated]
    # No cue met: most of the point's own words will do; an identifier in the
    # point counts as one term, met only as an identifier.
    identifiers, own = _point_terms(point.point)
    hits = [s for s in own if any(not answer.denied[p] for p in answer.positions.get(s, ()))]
    words = [answer.words[answer.positions[s][0]] for s in hits]
    for name in identifiers:
        shown, _denied = _cue_hits(_cue(name), answer)
        if shown:
            hits.append(name)
            words += shown
    own = own + identifiers
    needed = max(2, math.ceil(len(own) * 0.5))
    if own and len(hits) >= min(needed, len(own)) and len(hits) >= 2:
        return Evidence(covered=True, words=words)
    return Evidence(covered=False, words=words if not negated else [], negated=negated)


@lru_cache(maxsize=2048)
def _point_terms(point: str) -> tuple[list[str], list[str]]:
    """(identifiers, stems of the other significant words) of a key point's text."""
    identifiers: list[str] = []
    words: list[str] = []
    for raw in point.split():
        clean = raw.strip(",;:[]'\"`")
        if is_identifier(clean) and len(clean) > 2:
            identifiers.append(clean.rstrip(").,"))
        else:
            words += [stem(w) for w in tokens(clean) if w not in STOPWORDS and len(w) > 2]
    return list(dict.fromkeys(identifiers)), list(dict.fromkeys(words))


def key_point_coverage(points: Sequence[KeyPoint], text: str,
                       follow_ups: Sequence[str] = ()) -> list[Evidence]:
    """Which points the answer covers, with the words that show it.

    A point first covered in a follow-up answer is covered and marked so."""
    return _coverage(points, _Answer(text), follow_ups)


def _coverage(points: Sequence[KeyPoint], answer: _Answer,
              follow_ups: Sequence[str]) -> list[Evidence]:
    found = [key_point_evidence(p, answer) for p in points]
    for extra in follow_ups:
        if all(e.covered for e in found) or not extra.strip():
            break
        more = _Answer(extra)
        for i, point in enumerate(points):
            if not found[i].covered:
                evidence = key_point_evidence(point, more)
                if evidence.covered:
                    found[i] = evidence.model_copy(update={"in_follow_up": True})
                elif evidence.negated and not found[i].negated:
                    found[i] = found[i].model_copy(update={"negated": evidence.negated})
    return found


# --- STAR -------------------------------------------------------------------------


def sentences(text: str) -> list[str]:
    """Sentences, with very long ones cut into clauses so each can be read on its own."""
    rx = _rx()
    out: list[str] = []
    for sentence in rx.sentence_end.split(text):
        sentence = sentence.strip(" -*•\t")
        if not sentence:
            continue
        if len(sentence.split()) > 40:
            out += [c.strip() for c in rx.clause.split(sentence) if c and c.strip()]
        else:
            out.append(sentence)
    return out


@dataclass
class _Sentence:
    text: str
    lowered: str
    hypothetical: bool
    habit: bool
    parts: set[str] = field(default_factory=set)
    we_action: bool = False
    i_action: bool = False


_HYPOTHETICAL_HINTS = ("if", "would", "will", "'d", "'ll", "might", "could", "should",
                       "going to")
_HABIT_HINTS = ("usually", "always", "normally", "generally", "typically", "often", "tend to")
_DENIAL_HINTS = ("think of", "remember", "recall", "have a", "have an")


def _read_sentence(text: str) -> _Sentence:
    rx = _rx()
    lowered = " ".join(text.lower().replace("’", "'").split())
    # Cheap substring checks first: most sentences have none of these words.
    s = _Sentence(text, lowered,
                  any(k in lowered for k in _HYPOTHETICAL_HINTS) and
                  bool(rx.hypothetical.search(lowered)),
                  any(k in lowered for k in _HABIT_HINTS) and bool(rx.habit.search(lowered)))
    if any(k in lowered for k in _DENIAL_HINTS) and rx.denial.search(lowered):
        return s
    story = not s.hypothetical and not s.habit
    if story and rx.situation.search(lowered):
        s.parts.add("situation")
    task = rx.task.search(lowered) if story else None
    if task:
        s.parts.add("task")
    rest = rx.task.sub(" ", lowered) if task else lowered
    action = (rx.action.search(rest) if story else None) or (
        rx.plan_action.search(rest) if not s.habit else None)
    if action:
        subject = rest[action.start():action.end()]
        s.parts.add("action")
        s.we_action = bool(re.search(r"\bwe\b", subject)) and not re.search(r"\bi\b", subject)
        s.i_action = not s.we_action
    elif story and rx.bullet_action.search(lowered):
        s.parts.add("action")
        s.i_action = True
    if story and rx.result.search(lowered):
        s.parts.add("result")
    return s


def star_parts(text: str) -> tuple[dict[str, StarPart], bool]:
    """Which STAR parts the answer has, with the sentences that show them."""
    return _star(text, [_read_sentence(s) for s in sentences(text)])


def _without_versions(lowered: str) -> str:
    """The sentence with version numbers ("Django 4.2", "v2") taken out."""
    if not any(c.isdigit() for c in lowered) and " later" not in lowered and \
            " after" not in lowered:
        return lowered
    without: str = _rx().version.sub(" ", lowered)
    return without


def _star(text: str, read: list[_Sentence]) -> tuple[dict[str, StarPart], bool]:
    rx = _rx()
    found: dict[str, list[_Sentence]] = {part: [] for part in STAR_PARTS}
    for s in read:
        for part in s.parts:
            found[part].append(s)
    # The action quoted is a sentence where the person acts, not the task sentence.
    found["action"].sort(key=lambda s: "task" in s.parts)
    quantified = any(rx.figure.search(_without_versions(s.lowered))
                     for s in found["result"] if s.parts & {"result"} and
                     not (s.parts & {"situation"} and not s.parts & {"action"} and
                          found["result"].index(s) == 0 and len(found["result"]) > 1))
    parts = {part: StarPart(present=bool(ss), sentences=[s.text for s in ss[:3]])
             for part, ss in found.items()}
    we = sum(1 for s in found["action"] if s.we_action)
    me = sum(1 for s in found["action"] if s.i_action)
    if we and we >= me:
        parts["action"].note = f"you said we ×{_count_we(text)}, I ×{_count_i(text)}"
    return parts, quantified


_I_WORDS = frozenset({"i", "i'm", "i've", "i'd", "i'll", "me", "my", "myself"})
_WE_WORDS = frozenset({"we", "we're", "we've", "we'd", "we'll", "us", "our", "ours"})


def _count_we(text: str) -> int:
    return sum(1 for w in _rx().token.findall(text.lower().replace("’", "'")) if w in _WE_WORDS)


def _count_i(text: str) -> int:
    return sum(1 for w in _rx().token.findall(text.lower().replace("’", "'")) if w in _I_WORDS)


# --- delivery ---------------------------------------------------------------------


def _has_example(text: str, answer: _Answer, read: list[_Sentence] | None = None) -> bool:
    """A concrete example: a story marker, a code snippet with arguments, or a figure
    with a unit, outside a denial. A bare identifier is not an example."""
    rx = _rx()
    lowered = answer.lowered
    for match in rx.example.finditer(lowered):
        before = lowered[:match.start()].split()
        if not (before and before[-1] in ("not", "never")):
            return True
    if rx.code_example.search(text):
        return True
    if read is None:
        read = [_read_sentence(s) for s in sentences(text)]
    return any(not s.hypothetical and "result" in s.parts
               and rx.figure.search(_without_versions(s.lowered)) for s in read)


def delivery(text: str, category: str, wpm: int = DEFAULT_WPM,
             vocabulary: Vocabulary | None = None, answer: _Answer | None = None,
             read: list[_Sentence] | None = None) -> Delivery:
    rx = _rx()
    lowered = text.lower().replace("’", "'")
    words = rx.token.findall(lowered)
    padded = " " + " ".join(words) + " "
    fillers = {f: padded.count(f" {f} ") for f in FILLERS}
    content = Counter(stem(w) for w in words if w not in STOPWORDS and len(w) > 3)
    surface = {stem(w): w for w in reversed(words)}
    repeated = [(surface[s], n) for s, n in content.most_common(3) if n >= 3]
    top = [(surface[s], n) for s, n in content.most_common(5) if n >= 2]
    answer = answer or _Answer(text)
    talking = [name for name, pattern in rx.talking if pattern.search(lowered)] \
        if category in ("intro", "behavioral") else []
    return Delivery(
        words=count_words(text),
        target=TARGET_WORDS.get(category, (80, 250)),
        speaking_seconds=round(count_words(text) / wpm * 60, 1),
        wpm=wpm,
        fillers={f: n for f, n in fillers.items() if n},
        i_count=sum(1 for w in words if w in _I_WORDS),
        we_count=sum(1 for w in words if w in _WE_WORDS),
        repeated=repeated,
        has_example=_has_example(text, answer, read) if words else False,
        top_words=top,
        job_terms=vocabulary.terms_in(answer) if vocabulary is not None else [],
        talking_points=talking,
    )


# --- the deck's vocabulary ---------------------------------------------------------


class Vocabulary:
    """What the loaded decks talk about: document frequencies of stems (for TF-IDF)
    and the job terms (topics, cues, identifiers) an answer can be said to use."""

    def __init__(self, questions: Iterable[Question]) -> None:
        self.df: Counter[str] = Counter()
        self.documents = 0
        terms: dict[str, str] = {}
        for q in questions:
            self.documents += 1
            text = " ".join([q.prompt, q.sample_answer or "",
                             *(p.point for p in q.key_points)])
            self.df.update({stem(w) for w in tokens(normalise(text)) if w not in STOPWORDS})
            for t in [*q.topics, *(c for p in q.key_points for c in p.cues)]:
                clean = t.strip().lower()
                if len(clean) > 2 and not (set(clean) & _LITERAL_CHARS) and clean[-1].isalnum():
                    terms.setdefault(clean.replace("-", " ") if not is_identifier(t) else clean,
                                     t.strip())
        self.terms = sorted(terms)
        # Each term under the stem that must be in an answer for it to be used.
        self._by_stem: dict[str, list[tuple[str, _Cue]]] = {}
        for term in self.terms:
            cue = _cue(term)
            if not cue.stems or (cue.kind == "words" and all(w in STOPWORDS for w in cue.words)):
                continue
            key = cue.stems[0] if cue.kind == "identifier" else cue.stems[-1]
            self._by_stem.setdefault(key, []).append((term, cue))

    def idf(self, s: str) -> float:
        return math.log((self.documents + 1) / (self.df.get(s, 0) + 1)) + 1.0

    def terms_in(self, answer: _Answer, limit: int = 8) -> list[str]:
        """The job terms the answer uses, rarest first."""
        found: list[tuple[float, str]] = []
        stems = answer.stem_set
        candidates = [(term, cue) for s in stems for term, cue in self._by_stem.get(s, ())
                      if (cue.kind == "identifier" and cue.name in answer.code)
                      or all(x in stems for x in cue.stems)]
        for term, cue in candidates:
            shown, _denied = _cue_hits(cue, answer)
            if shown:
                found.append((-sum(self.idf(s) for s in cue.stems), term))
        chosen: list[str] = []
        for _score, term in sorted(found):
            if not any(term in other or other in term for other in chosen):
                chosen.append(term)
        return chosen[:limit]


# --- key points derived from a sample answer ---------------------------------------


def derive_key_points(sample_answer: str, vocabulary: Vocabulary | None = None,
                      most: int = 5) -> list[KeyPoint]:
    """3-5 candidate key points from a sample answer, offline and deterministic: the
    clauses carrying its most distinctive terms (TF-IDF against the loaded decks),
    each with those terms as cues."""
    vocabulary = vocabulary or Vocabulary(())
    clauses = _clauses(sample_answer)
    if not clauses:
        return []
    counts = Counter(stem(w) for w in tokens(normalise(sample_answer))
                     if w not in STOPWORDS and len(w) > 2)
    scored = []
    for order, clause in enumerate(clauses):
        terms = _clause_terms(clause, counts, vocabulary)
        if len(terms) < 2:
            continue
        score = sum(weight for weight, _t, _s in terms[:4])
        scored.append((score, order, clause, terms))
    scored.sort(key=lambda item: (-item[0], item[1]))
    wanted = max(3, min(most, len(scored) // 2 + 1))
    chosen: list[tuple[int, str, list[tuple[float, str, str]]]] = []
    used: set[str] = set()
    for _score, order, clause, terms in scored:
        top = {s for _w, _t, s in terms[:3]}
        if len(top & used) >= 2:
            continue
        chosen.append((order, clause, terms))
        used |= top
        if len(chosen) == wanted:
            break
    points = []
    for _order, clause, terms in sorted(chosen):
        cues = [t for _w, t, _s in terms[:4]]
        points.append(KeyPoint(point=_shorten(clause), cues=cues))
    return points


def _clauses(text: str) -> list[str]:
    out = []
    for sentence in sentences(text):
        for clause in re.split(r";\s+|:\s+|,\s+(?=(?:and|but|so|which|while|because|then)\b)|"
                               r"\s+—\s+|\s+-\s+", sentence):
            clause = clause.strip(" ,.;:")
            if len(clause.split()) >= 4:
                out.append(clause)
    return out


def _clause_terms(clause: str, counts: Counter[str],
                  vocabulary: Vocabulary) -> list[tuple[float, str, str]]:
    """(weight, cue text, stem) for a clause's distinctive terms, heaviest first."""
    terms: dict[str, tuple[float, str]] = {}
    code, _calls = _code_atoms(clause)
    for name in sorted(code, key=len, reverse=True):
        if "." in name and any(name != other and name in other for other in code):
            continue
        key = "id:" + name
        first = stem(tokens(name)[0]) if tokens(name) else name
        terms[key] = (2.5 * vocabulary.idf(first), name)
    words = tokens(normalise(clause))
    for w in words:
        if w in STOPWORDS or len(w) <= 2 or w.isdigit() or w in _COMMON_ENGLISH:
            continue
        s = stem(w)
        if any(key.startswith("id:") and s in (stem(x) for x in tokens(key[3:]))
               for key in terms):
            continue
        weight = (1 + math.log(counts.get(s, 1))) * vocabulary.idf(s)
        if s not in terms or terms[s][0] < weight:
            terms[s] = (weight, w)
    ranked = sorted(((w, t, k) for k, (w, t) in terms.items()), key=lambda x: (-x[0], x[1]))
    return ranked


_COMMON_ENGLISH = frozenset("""
like because where there their then than them these those about after before other
another every often usually always never still even only well good better best bad
first second third last next each same different because while until since through
want need needs needed know knows think thinks mean means give gives given take takes
say says said tell tells come comes goes going keep keeps kept call calls called
back down over around again instead already really actually simply example something
normally usually end start day days week weeks time times year years report reported number
own case cases part place point lot kind sort bit able sure fine whole half small large big
little long short high low new old early late local previous following across within
without enough quite rather almost later finally once twice means meant become becomes
""".split())


def _shorten(clause: str, limit: int = 90) -> str:
    clause = " ".join(clause.split())
    clause = clause[0].upper() + clause[1:] if clause else clause
    if len(clause) <= limit:
        return clause
    cut = clause[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


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
    points = question.key_points or analysis.derived_points
    negated = [p.point for p, e in zip(points, analysis.key_points, strict=False)
               if e.negated and not e.covered]
    if negated:
        tips.append(f"You mentioned, but negated: {negated[0]}.")
    missed = [p.point for p, e in zip(points, analysis.key_points, strict=False)
              if not e.covered]
    if missed and len(missed) >= len(points) / 2:
        tips.append(f"Not mentioned: {missed[0]}.")
    if d.length_verdict == "short":
        tips.append(f"{plural(d.words, 'word')} is short for this kind of question; aim for "
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


def analyse(question: Question, text: str, wpm: int = DEFAULT_WPM,
            follow_ups: Sequence[str] = (), vocabulary: Vocabulary | None = None
            ) -> AnswerAnalysis:
    """Everything mockint says about one answer (and its follow-ups) to one question."""
    read = [_read_sentence(s) for s in sentences(text)]
    star, quantified = _star(text, read) if question.uses_star else ({}, False)
    points = list(question.key_points)
    derived: list[KeyPoint] = []
    if not points and question.sample_answer.strip():
        derived = derive_key_points(question.sample_answer, vocabulary)
        points = derived
    answer = _Answer(text)
    analysis = AnswerAnalysis(
        key_points=_coverage(points, answer, follow_ups),
        star=star,
        result_quantified=quantified,
        delivery=delivery(text, question.category, wpm, vocabulary, answer, read),
        derived_points=derived,
        follow_ups_read=len(follow_ups),
    )
    analysis.suggestions = suggestions(question, analysis)
    return analysis
