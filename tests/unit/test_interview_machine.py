"""The interview state machine under random legal and illegal intents (Hypothesis).

A model written here (independently of the code's `can_*` helpers) says which
intents each phase allows. A legal intent must succeed; an illegal one must
raise `InterviewError` and leave the interview exactly as it was. The `can_*`
properties the screens gate their keys with must agree with the model.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mockint.core.deck import Deck
from mockint.core.session import Interview, InterviewError, Phase, SessionConfig, select_questions
from mockint.core.timing import FakeClock

DECK = Deck.model_validate({
    "schema": 1, "id": "m", "title": "Machine", "time_limit": 60,
    "questions": [
        {"id": "a", "category": "technical", "level": "mid", "prompt": "A?",
         "key_points": [{"point": "p1"}, {"point": "p2"}], "follow_ups": ["A1?", "A2?"]},
        {"id": "b", "category": "behavioral", "level": "mid", "prompt": "B?",
         "key_points": [{"point": "p"}],
         "star": {"situation": "s", "task": "t", "action": "a", "result": "r"}},
        {"id": "c", "category": "technical", "level": "mid", "prompt": "C?"},
    ],
})

INTENTS = st.one_of(
    st.sampled_from(["begin", "pause", "resume", "submit", "skip", "reveal", "follow_up",
                     "next", "peek", "key_point", "star", "abandon"]),
    st.tuples(st.just("rate"), st.integers(0, 5)),
)

ANSWERING = {Phase.ANSWERING, Phase.PAUSED}
ANSWER_AND_RATE = ["begin", "submit", "reveal", ("rate", 3), "next"]
REVEALED = {Phase.REVEALED, Phase.RATED}


def legal(interview: Interview, intent) -> bool:
    """The model: may this intent be made now?"""
    phase, follow_up = interview.phase, interview.follow_up is not None
    practice = interview.config.mode == "practice"
    question = interview.current.question
    asked = {f.prompt for f in interview.answer.follow_ups}
    name = intent[0] if isinstance(intent, tuple) else intent
    if phase is Phase.FINISHED:
        return name == "abandon"
    return {
        "begin": phase is Phase.ASKING,
        "pause": phase is Phase.ANSWERING and practice,
        "resume": phase is Phase.PAUSED,
        "submit": phase in ANSWERING,
        "skip": phase in ANSWERING and not follow_up,
        "reveal": phase is Phase.SUBMITTED,
        "follow_up": phase in REVEALED and bool(set(question.follow_ups) - asked),
        "next": phase is Phase.RATED or (phase is Phase.REVEALED and (
            interview.answer.skipped or not interview.config.require_rating)),
        "peek": phase in ANSWERING and practice,
        "key_point": phase in REVEALED and bool(question.key_points),
        "star": phase in REVEALED and question.uses_star,
        "rate": phase in REVEALED and isinstance(intent, tuple) and 1 <= intent[1] <= 4,
        "abandon": True,
    }[name]


def make(interview: Interview, intent, clock: FakeClock) -> None:
    clock.advance(3)
    name = intent[0] if isinstance(intent, tuple) else intent
    if name == "rate":
        interview.rate(intent[1])
        return
    actions = {
        "begin": interview.begin, "pause": interview.pause, "resume": interview.resume,
        "submit": lambda: interview.submit("some words"), "skip": interview.skip,
        "reveal": interview.reveal, "follow_up": interview.ask_follow_up,
        "next": interview.next, "peek": lambda: interview.peek("tip"),
        "key_point": lambda: interview.check_key_point(0, True),
        "star": lambda: interview.check_star("task", True), "abandon": interview.abandon,
    }
    actions[name]()


def snapshot(interview: Interview) -> tuple:
    return (interview.phase, interview.index, interview.follow_up,
            interview.record.model_dump_json())


@pytest.mark.parametrize(("mode", "require_rating"),
                         [("practice", False), ("mock", False), ("mock", True)])
@settings(max_examples=40, deadline=None)
@given(intents=st.lists(INTENTS, max_size=40))
# Found by Hypothesis: ticking STAR, or a key point, on a question that has none of them
# was accepted (or ended in an IndexError) instead of refused.
@example(intents=["begin", "submit", "reveal", "star"])
@example(intents=[*ANSWER_AND_RATE, *ANSWER_AND_RATE, "begin", "submit", "reveal", "key_point"])
def test_random_intents_either_succeed_or_are_refused_without_a_trace(mode, require_rating,
                                                                     intents):
    clock = FakeClock()
    config = SessionConfig(deck_ids=["m"], mode=mode, require_rating=require_rating)
    interview = Interview.start(select_questions([DECK], config), config, clock=clock)
    for intent in intents:
        # What the screens gate their keys with agrees with the model.
        assert interview.can_submit == legal(interview, "submit")
        assert interview.can_skip == legal(interview, "skip")
        assert interview.can_toggle_pause == (legal(interview, "pause")
                                              or legal(interview, "resume"))
        assert interview.can_rate == legal(interview, ("rate", 3))
        assert interview.can_ask_follow_up == legal(interview, "follow_up")
        assert interview.can_move_on == legal(interview, "next")
        if legal(interview, intent):
            make(interview, intent, clock)
        else:
            before = snapshot(interview)
            with pytest.raises(InterviewError):
                make(interview, intent, clock)
            assert snapshot(interview) == before
        # Whatever happened, the record stays one a history can save and reload.
        assert len(interview.record.answers) == interview.index + 1
        assert interview.answer.used >= 0 and interview.answer.paused >= 0
