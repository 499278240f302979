"""One meaning of "due today" (before the end of the LOCAL day), and cramming without harm."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from mockint.core.deck import Deck
from mockint.core.practice import end_of_local_day, local_day, moves_card
from mockint.core.scheduling import scheduler
from mockint.core.session import Interview, SessionConfig, select_questions
from mockint.core.timing import FakeClock
from mockint.storage.history import HistoryStore
from mockint.storage.plan import cards_moved, forecast, record_rating, true_retention
from mockint.storage.practice import choose, due_count, next_due

# POSIX zone strings: no tz database needed. "XST-13" is UTC+13, "PST8" is UTC-8.
AHEAD, BEHIND = "XST-13", "PST8"


def deck() -> Deck:
    return Deck.model_validate({"schema": 1, "id": "d", "title": "D", "questions": [
        {"id": f"q{i}", "category": "technical", "prompt": f"Question {i}?",
         "key_points": [{"point": "a"}]} for i in range(4)]})


@pytest.fixture
def store(tmp_path) -> Iterator[HistoryStore]:
    history = HistoryStore.open(tmp_path / "h.sqlite3")
    yield history
    history.close()


def set_due(store: HistoryStore, dues: dict[str, datetime]) -> None:
    with sqlite3.connect(store.path) as db:
        for question, when in dues.items():
            db.execute("INSERT INTO cards (deck_id, question_id, card, due, state) "
                       "VALUES ('d', ?, '{}', ?, 2)", (question, when.isoformat()))


def test_ahead_of_utc_a_card_due_tomorrow_in_utc_is_due_today_locally(local_zone, store):
    local_zone(AHEAD)
    now = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)  # 09:00 on 2 December, local
    assert local_day(now) == date(2026, 12, 2)
    assert end_of_local_day(now) == datetime(2026, 12, 2, 11, 0, tzinfo=UTC)
    set_due(store, {"q0": datetime(2026, 12, 2, 10, 30, tzinfo=UTC),   # 23:30 local: today
                    "q1": datetime(2026, 12, 2, 11, 30, tzinfo=UTC)})  # 00:30 local: tomorrow

    config = SessionConfig(deck_ids=["d"])
    assert due_count(store, [deck()], now) == 1
    assert [a.question.id for a in choose("due", store, [deck()], config, now, 10)] == ["q0"]
    assert forecast(store, now, days=2) == [(date(2026, 12, 2), 1), (date(2026, 12, 3), 1)]


def test_behind_utc_a_card_due_later_today_in_utc_is_tomorrow_locally(local_zone, store):
    local_zone(BEHIND)
    now = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # 19:00 on 1 December, local
    set_due(store, {"q0": datetime(2026, 12, 2, 3, 1, tzinfo=UTC),    # in a minute
                    "q1": datetime(2026, 12, 2, 7, 59, tzinfo=UTC),   # 23:59 local
                    "q2": datetime(2026, 12, 2, 20, 0, tzinfo=UTC)})  # 12:00 tomorrow local

    # Home's count and what `p` practises are the same two questions, though the first
    # is not due this very minute ("due now" said none; "23:59:59 UTC" said three).
    assert due_count(store, [deck()], now) == 2
    chosen = choose("due", store, [deck()], SessionConfig(deck_ids=["d"]), now, 10)
    assert [a.question.id for a in chosen] == ["q0", "q1"]
    assert next_due(store, [deck()], now) == datetime(2026, 12, 2, 3, 1, tzinfo=UTC)


def play(store: HistoryStore, kind: str, ratings: dict[str, int], when: datetime,
         cram_moves_cards: bool = False) -> str:
    """A finished session of `kind` rated at `when`; ratings go through the cram rule."""
    clock = FakeClock()
    config = SessionConfig(deck_ids=["d"], kind=kind)
    questions = [a for a in select_questions([deck()], config) if a.question.id in ratings]
    interview = Interview.start(questions, config, clock=clock, wall_clock=lambda: when)
    for asked in questions:
        interview.begin()
        clock.advance(30)
        interview.submit("an answer")
        interview.reveal()
        interview.rate(ratings[asked.question.id])
        interview.next()
    store.save_session(interview.record)
    for answer in interview.record.answers:
        record_rating(store, interview.record.id, kind, answer, scheduler(fuzz=False),
                      cram_moves_cards)
    return interview.record.id


T0 = datetime(2026, 11, 1, 18, 0, tzinfo=UTC)


def test_cramming_a_card_that_is_not_due_keeps_its_schedule_but_keeps_the_answer(local_zone, store):
    local_zone("UTC")
    play(store, "due", {"q0": 3}, T0)
    play(store, "due", {"q0": 3}, T0 + timedelta(minutes=10))  # Good, Good: due in 2 days
    before = dict(store.due_cards())
    session = play(store, "cram", {"q0": 1, "q1": 3}, T0 + timedelta(hours=1))

    after = dict(store.due_cards())
    assert after[("d", "q0")] == before[("d", "q0")]  # not due: Again did not move it
    assert ("d", "q1") in after  # a question with no card yet gets one
    assert cards_moved(store, session) == 1
    answers = store.query("SELECT rating FROM answers WHERE session_id = ? ORDER BY idx",
                          (session,))
    assert [a["rating"] for a in answers] == [1, 3]  # both answers kept in the history


def test_cramming_moves_a_card_that_was_due_anyway_or_when_chosen(local_zone, store):
    local_zone("UTC")
    play(store, "due", {"q0": 3, "q1": 3}, T0)
    play(store, "due", {"q0": 3, "q1": 3}, T0 + timedelta(minutes=10))
    due = dict(store.due_cards())[("d", "q0")]
    play(store, "cram", {"q0": 3}, due - timedelta(hours=1))  # due later that day: moves
    assert dict(store.due_cards())[("d", "q0")] > due
    before = dict(store.due_cards())[("d", "q1")]
    play(store, "cram", {"q1": 1}, T0 + timedelta(hours=1), cram_moves_cards=True)
    assert dict(store.due_cards())[("d", "q1")] < before


def test_the_cram_rule():
    when = datetime(2026, 12, 1, 12, tzinfo=UTC)
    later = when + timedelta(days=3)
    assert moves_card("due", later, when, False)  # ordinary practice always moves
    assert moves_card("custom", later, when, False)
    assert not moves_card("cram", later, when, False)
    assert not moves_card("plan", later, when, False)
    assert moves_card("cram", later, when, True)
    assert moves_card("cram", when - timedelta(days=1), when, False)
    assert moves_card("cram", None, when, False)


def test_true_retention_counts_only_reviews_made_when_due(local_zone, store):
    local_zone("UTC")
    play(store, "due", {"q0": 3, "q1": 3}, T0)  # first reviews: not counted
    play(store, "due", {"q0": 3, "q1": 1}, T0 + timedelta(minutes=10))  # due: 1 of 2 recalled
    play(store, "due", {"q0": 4}, T0 + timedelta(minutes=20))  # not due (due in 2 days)
    retention = true_retention(store, T0 + timedelta(days=1))
    assert (retention.good, retention.due_reviews) == (1, 2)
    assert retention.share == 0.5
    assert true_retention(store, T0 + timedelta(days=40)).share is None


def test_home_line_says_when_the_next_question_is_due(local_zone):
    from mockint.core.practice import due_text

    local_zone(BEHIND)
    now = datetime(2026, 12, 2, 4, 33, tzinfo=UTC)  # 20:33 local
    soon = datetime(2026, 12, 2, 4, 34, tzinfo=UTC)
    assert due_text(3, soon, now) == "3 questions due today (next at 20:34) · p to practise"
    assert due_text(1, now - timedelta(hours=1), now) == "1 question due today · p to practise"
    assert due_text(0, datetime(2026, 12, 3, 17, 5, tzinfo=UTC), now) == \
        "Nothing due today · next due Thu 09:05"
    assert due_text(0, None, now) == "Nothing due today"


def test_the_workload_forecast_follows_the_desired_retention(local_zone, store):
    local_zone("UTC")
    play(store, "due", {"q0": 3, "q1": 3, "q2": 4, "q3": 3}, T0)
    play(store, "due", {"q0": 3, "q1": 3, "q2": 3, "q3": 4}, T0 + timedelta(minutes=10))
    now = T0 + timedelta(hours=1)
    stored = forecast(store, now, days=14)
    assert sum(n for _, n in stored) == 4  # every card in review, due within 14 days

    # At the setting the cards were scheduled with, the projection finds the same days.
    assert forecast(store, now, days=14, desired_retention=0.9) == stored

    def first_day(retention: float) -> date:
        return next(day for day, n in forecast(store, now, 14, retention) if n)

    assert first_day(0.97) < first_day(0.9) < first_day(0.8)  # more retention, sooner work
