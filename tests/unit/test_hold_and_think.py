"""Holds (a dialog over the interview), think time and untimed clocks, in core alone."""

from __future__ import annotations

import pytest

from mockint.core.deck import Deck
from mockint.core.session import Interview, InterviewError, Phase, SessionConfig, select_questions
from mockint.core.timing import AnswerClock, FakeClock

DECK = Deck.model_validate({
    "schema": 1, "id": "h", "title": "Hold", "time_limit": 60,
    "questions": [
        {"id": "a", "category": "technical", "level": "mid", "prompt": "A?", "follow_ups": ["A1?"]},
        {"id": "b", "category": "technical", "level": "mid", "prompt": "B?"},
    ],
})


def interview(mode: str = "practice", think: int = 0) -> tuple[Interview, FakeClock]:
    clock = FakeClock()
    config = SessionConfig(deck_ids=["h"], mode=mode, think_seconds=think)
    return Interview.start(select_questions([DECK], config), config, clock=clock), clock


@pytest.mark.parametrize("mode", ["practice", "mock"])
def test_a_hold_stops_the_clock_in_either_mode_and_release_restarts_it(mode):
    run, clock = interview(mode)
    run.begin()
    clock.advance(10)
    run.hold()
    clock.advance(300)  # the leave dialog stays open for five minutes
    assert run.answer_clock.used == 10 and run.phase is Phase.ANSWERING
    run.release()
    clock.advance(5)
    run.submit("done")
    assert (run.answer.used, run.answer.paused) == (15, 300)


def test_a_hold_does_not_undo_a_pause_the_person_chose():
    run, clock = interview()
    run.begin()
    clock.advance(10)
    run.pause()
    run.hold()
    run.release()  # the dialog closed: still paused, as the person left it
    clock.advance(50)
    assert run.phase is Phase.PAUSED and run.answer_clock.used == 10
    run.hold()
    run.resume()  # resumed while covered: the clock waits for the release
    clock.advance(20)
    assert run.answer_clock.used == 10
    run.release()
    clock.advance(3)
    assert run.answer_clock.used == 13


def test_a_question_shown_under_a_hold_starts_its_clock_on_release():
    run, clock = interview("mock")
    run.hold()
    run.begin()
    clock.advance(40)
    assert run.answer_clock.used == 0
    run.release()
    clock.advance(2)
    assert run.answer_clock.used == 2


def test_think_time_comes_before_the_clock_and_is_not_recorded():
    run, clock = interview(think=10)
    assert run.think() and run.thinking and run.phase is Phase.ASKING
    clock.advance(4)
    assert not run.think_over and run.think_clock is not None
    assert run.think_clock.remaining == 6
    run.hold()
    clock.advance(100)  # held: think time does not run out either
    run.release()
    clock.advance(6)
    assert run.think_over
    run.begin()
    assert not run.thinking and run.answer_clock.used == 0
    clock.advance(30)
    run.submit("an answer")
    assert run.answer.used == 30  # the 10 s of thinking are not in it


def test_no_think_time_when_off_or_when_an_answer_is_under_way():
    run, _ = interview(think=0)
    assert not run.think() and not run.thinking
    run, clock = interview(think=10)
    run.begin()
    clock.advance(20)
    run.update_text("half")
    resumed = Interview(run.record.model_copy(deep=True), clock=clock)
    assert not resumed.think()  # a resumed answer goes on at once
    with pytest.raises(InterviewError):
        run.think()  # the clock runs already


def test_think_time_again_on_the_next_question_but_not_on_a_follow_up():
    run, clock = interview(think=5)
    run.think()
    run.begin()
    run.submit("a")
    run.reveal()
    run.ask_follow_up()
    assert run.phase is Phase.ANSWERING and not run.thinking
    run.submit("f")
    run.rate(3)
    run.next()
    assert run.think() and run.think_clock is not None and run.think_clock.remaining == 5


def test_an_untimed_clock_never_warns_nor_counts_overtime():
    clock = FakeClock()
    timer = AnswerClock(0, clock)
    timer.start()
    clock.advance(5000)
    assert not timer.timed and timer.state == "normal"
    assert timer.overtime == 0 and timer.fraction_left == 1.0
    timed = AnswerClock(100, clock)
    timed.start()
    clock.advance(25)
    assert timed.fraction_left == 0.75
    clock.advance(100)
    assert timed.fraction_left == 0.0
