"""`mockint run`'s first question, shown before the interview models are loaded.

Loading pydantic and the session models costs ~150 ms, more than the rest of
what stands between `mockint run` and its first question (issue 15). When the
deck index already holds a clean verdict for every deck asked for, the command
chooses the questions from the decks' raw data with the same rule the session
uses (`mockint.core.selection.choose`) and the interview screen shows question 1
at once, standing on a `PendingInterview`. Right after that first frame the app
builds the real `Interview` from the same data and the screen `attach`es it:
what was typed meanwhile is kept, and the clock starts then. Plain Python only
(NamedTuples: a frozen dataclass costs ~0.6 ms to define, a NamedTuple ~0.1).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from mockint.core.phases import InterviewError, Phase
from mockint.core.selection import choose
from mockint.core.timing import WARNING_FRACTION, AnswerClock
from mockint.core.vocabulary import DEFAULT_INTERVIEWER_NAME, DEFAULT_INTERVIEWER_ROLE

DEFAULT_TIME_LIMIT = 120  # mockint.core.deck.DEFAULT_TIME_LIMIT (a test holds them equal)
NOTHING_MATCHES = "no questions match these filters; widen them"


class Persona(NamedTuple):
    name: str
    role: str = ""


class QuestionText(NamedTuple):
    id: str
    category: str
    level: str
    prompt: str


class FirstQuestion(NamedTuple):
    """The first question as the interviewer panel shows it (an `AskedQuestion`'s shape)."""

    deck_id: str
    deck_title: str
    interviewer: Persona
    question: QuestionText
    time_limit: int
    section: str = ""
    lead_in: str = ""


class FirstLook(NamedTuple):
    """What `mockint run` chose: the session's settings (`SessionConfig` fields), the
    first question and how many there are."""

    config: Mapping[str, Any]
    first: FirstQuestion
    total: int
    deck_names_interviewer: bool = True  # else the settings' interviewer asks, if named


def first_look(decks: Sequence[Mapping[str, Any]], config: Mapping[str, Any]) -> FirstLook:
    """The session `config` would give over `decks` (raw deck data that validated,
    in the order asked for), or InterviewError when no question matches."""
    candidates = [(deck, question) for deck in decks for question in deck["questions"]]
    chosen = choose(candidates,
                    lambda dq: (dq[1]["category"], dq[1].get("level", "mid"),
                                dq[1].get("topics", ())),
                    categories=config.get("categories", ()), levels=config.get("levels", ()),
                    topics=config.get("topics", ()), order=config.get("order", "deck"),
                    seed=config.get("seed"), count=config.get("count"))
    if not chosen:
        raise InterviewError(NOTHING_MATCHES)
    deck, question = chosen[0]
    persona = deck.get("interviewer")
    first = FirstQuestion(
        deck_id=deck["id"], deck_title=deck["title"],
        interviewer=(Persona(persona["name"], persona.get("role", "")) if persona
                     else Persona(DEFAULT_INTERVIEWER_NAME, DEFAULT_INTERVIEWER_ROLE)),
        question=QuestionText(question["id"], question["category"], question.get("level", "mid"),
                              question["prompt"]),
        time_limit=(config.get("time_limit") or question.get("time_limit")
                    or deck.get("time_limit", DEFAULT_TIME_LIMIT)))
    return FirstLook(config, first, len(chosen), deck_names_interviewer=bool(persona))


class PendingAnswer:
    text = ""


class PendingInterview:
    """Stands in for the `Interview` on the interview screen until it is built: question
    1 is asked and nothing else has happened (every intent waits for the real one)."""

    index = 0
    follow_up = None
    record = None
    phase = Phase.ASKING
    thinking = False
    think_clock: AnswerClock | None = None
    can_submit = can_skip = can_toggle_pause = can_peek = False

    def __init__(self, look: FirstLook, default_interviewer: Persona | None = None,
                 warning_fraction: float = WARNING_FRACTION) -> None:
        first = look.first
        if default_interviewer is not None and not look.deck_names_interviewer:
            first = first._replace(interviewer=default_interviewer)
        self.current = first
        self.total = look.total
        self.mode: str = look.config.get("mode", "practice")
        self.can_pause = self.mode == "practice"
        self.answer = PendingAnswer()
        self.answer_clock = AnswerClock(first.time_limit, warning_fraction=warning_fraction)
