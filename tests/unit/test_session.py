"""The interview state machine, driven through core alone: ask → answer → reveal → rate → next."""

import pytest

from mockint.core.deck import Deck
from mockint.core.session import (
    Interview,
    InterviewError,
    Phase,
    SessionConfig,
    prepare_config,
    select_questions,
)
from mockint.core.timing import FakeClock


def make_deck() -> Deck:
    def q(i, category="technical", level="mid", **extra):
        return {
            "id": f"q{i}", "category": category, "level": level, "prompt": f"Question {i}?",
            "topics": ["orm"] if i % 2 else ["caching"],
            "why_asked": f"why {i}", "tip": f"tip {i}", "sample_answer": f"sample {i}",
            "key_points": [{"point": "a", "cues": ["a"]}, {"point": "b"}], **extra,
        }
    return Deck.model_validate({
        "schema": 1, "id": "d", "title": "D", "time_limit": 100,
        "questions": [
            q(1),
            q(2, "behavioral", "junior", star={"situation": "s"}, follow_ups=["And then?"]),
            q(3, "system-design", "senior", framework=["one", "two"], time_limit=300),
            q(4),
        ],
    })


def start(mode="practice", **config):
    clock = FakeClock()
    cfg = SessionConfig(deck_ids=["d"], mode=mode, **config)
    interview = Interview.start(select_questions([make_deck()], cfg), cfg, clock=clock)
    return interview, clock


def answer_current(interview, clock, text="my answer", seconds=30, rating=3):
    interview.begin()
    clock.advance(seconds)
    interview.submit(text)
    interview.reveal()
    interview.rate(rating)
    interview.next()


def test_a_whole_interview_through_core_alone():
    interview, clock = start(count=3)
    assert interview.total == 3 and interview.phase is Phase.ASKING
    for n in range(3):
        answer_current(interview, clock, text=f"answer {n}", seconds=40 + n, rating=n + 1)
    record = interview.record
    assert interview.phase is Phase.FINISHED and record.status == "finished"
    assert [a.text for a in record.answers] == ["answer 0", "answer 1", "answer 2"]
    assert [a.used for a in record.answers] == [40, 41, 42]
    assert [a.rating for a in record.answers] == [1, 2, 3]
    assert record.total_used == 123
    assert record.average_rating == 2


def test_pause_is_not_counted_and_overtime_is_recorded():
    interview, clock = start(count=1)
    interview.begin()
    clock.advance(60)
    interview.pause()
    assert interview.phase is Phase.PAUSED
    clock.advance(500)
    interview.resume()
    clock.advance(70)
    interview.submit("late")
    answer = interview.answer
    assert (answer.used, answer.paused, answer.overtime) == (130, 500, 30)


def test_skip_keeps_the_question_as_skipped_and_may_move_on_unrated():
    interview, clock = start(count=2)
    interview.begin()
    clock.advance(5)
    interview.skip()
    interview.reveal()
    assert interview.answer.skipped and interview.answer.rating is None
    interview.next()
    assert interview.index == 1 and interview.phase is Phase.ASKING


def test_an_answer_must_be_rated_before_moving_on_only_when_the_session_asks():
    required, _ = start("mock", count=2, require_rating=True)
    required.begin()
    required.submit("x")
    required.reveal()
    assert not required.can_move_on
    with pytest.raises(InterviewError, match="needs rated"):
        required.next()
    required.rate(3)
    required.next()
    assert required.index == 1

    free, _ = start("mock", count=2)
    free.begin()
    free.submit("x")
    free.reveal()
    assert free.can_move_on
    free.next()
    assert free.index == 1 and free.record.answers[0].rating is None


def test_peeks_are_recorded_in_practice_and_refused_in_mock():
    interview, _ = start("practice", count=1)
    interview.begin()
    assert interview.peek("why_asked") == "why 1"
    assert interview.peek("tip") == "tip 1"
    assert interview.answer.peeks == ["why_asked", "tip"]

    mock, _ = start("mock", count=1)
    mock.begin()
    with pytest.raises(InterviewError):
        mock.peek("tip")
    assert mock.answer.peeks == []


def test_reveal_prepares_checklists_and_checks_are_kept():
    interview, clock = start(categories=["behavioral"])
    interview.begin()
    interview.submit("story")
    interview.reveal()
    assert interview.answer.key_points_checked == [False, False]
    assert interview.answer.star_checked == dict.fromkeys(["situation", "task", "action", "result"], False)
    interview.check_key_point(1, True)
    interview.check_star("result", True)
    assert interview.answer.key_points_covered == 1
    assert interview.answer.star_covered == 1
    with pytest.raises(InterviewError):
        interview.check_star("mood", True)


def test_follow_up_is_timed_separately_and_returns_to_the_reveal():
    interview, clock = start(categories=["behavioral"])
    interview.begin()
    clock.advance(20)
    interview.submit("main")
    interview.reveal()
    interview.rate(2)
    follow_up = interview.ask_follow_up()
    assert follow_up.prompt == "And then?" and follow_up.time_limit == 50
    assert interview.phase is Phase.ANSWERING
    clock.advance(55)
    interview.submit("then this")
    assert interview.phase is Phase.RATED
    answer = interview.answer
    assert answer.used == 20  # the main answer's time is untouched
    assert [(f.text, f.used, f.overtime) for f in answer.follow_ups] == [("then this", 55, 5)]
    assert interview.remaining_follow_ups() == []
    with pytest.raises(InterviewError):
        interview.ask_follow_up()


def test_abandon_keeps_the_text_typed_so_far():
    interview, clock = start(count=2)
    answer_current(interview, clock)
    interview.begin()
    clock.advance(12)
    interview.update_text("half an ans")
    interview.abandon()
    record = interview.record
    assert record.status == "abandoned" and record.ended_at is not None
    assert record.answers[1].text == "half an ans" and record.answers[1].used == 12


def test_intents_out_of_phase_are_refused():
    interview, _ = start(count=1)
    with pytest.raises(InterviewError):
        interview.submit("too early")
    with pytest.raises(InterviewError):
        interview.rate(3)
    interview.begin()
    with pytest.raises(InterviewError):
        interview.reveal()


def test_filters_limits_and_overrides():
    deck = make_deck()
    by_level = select_questions([deck], SessionConfig(deck_ids=["d"], levels=["senior"]))
    assert [a.question.id for a in by_level] == ["q3"]
    assert by_level[0].time_limit == 300  # the question's own override
    by_topic = select_questions([deck], SessionConfig(deck_ids=["d"], topics=["CACHING"]))
    assert [a.question.id for a in by_topic] == ["q2", "q4"]
    forced = select_questions([deck], SessionConfig(deck_ids=["d"], time_limit=45))
    assert {a.time_limit for a in forced} == {45}
    assert by_level[0].interviewer.name  # a default persona when the deck has none


def test_a_shuffle_always_gets_a_seed_and_the_seed_repeats_the_set():
    config = prepare_config(SessionConfig(deck_ids=["d"], order="shuffled"))
    assert config.seed is not None
    deck = make_deck()
    first = [a.question.id for a in select_questions([deck], config)]
    again = [a.question.id for a in select_questions([deck], config)]
    assert first == again and sorted(first) == ["q1", "q2", "q3", "q4"]
    orders = {tuple(a.question.id for a in select_questions(
        [deck], config.model_copy(update={"seed": s}))) for s in range(20)}
    assert len(orders) > 1


def test_no_matching_questions_is_a_clear_error():
    with pytest.raises(InterviewError, match="widen the filters"):
        Interview.start([], SessionConfig(deck_ids=["d"]))


def test_resume_continues_the_clock_and_the_text():
    interview, clock = start(count=2)
    interview.begin()
    clock.advance(33)
    interview.update_text("draft")
    saved = interview.record.model_copy(deep=True)
    saved.answers[-1] = interview.checkpoint().model_copy()
    resumed = Interview(saved, clock=clock)
    assert resumed.index == 0 and resumed.answer.text == "draft"
    resumed.begin()
    clock.advance(7)
    resumed.submit()
    assert resumed.answer.used == 40


def test_a_mock_interview_clock_cannot_be_paused():
    interview, _ = start("mock", count=1)
    interview.begin()
    assert not interview.can_pause
    with pytest.raises(InterviewError, match="strict|cannot be paused"):
        interview.pause()
    assert interview.phase is Phase.ANSWERING
