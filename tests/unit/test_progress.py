"""Progress across sessions: counts that agree everywhere, and what changed since last time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mockint import paths
from mockint.cli import main
from mockint.core.deck import Deck
from mockint.core.session import Interview, SessionConfig, SessionRecord, select_questions
from mockint.core.timing import FakeClock
from mockint.storage.history import HistoryStore
from mockint.storage.progress import previous_attempts

START = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)


@pytest.fixture
def deck(deck_data) -> Deck:
    return Deck.model_validate(deck_data)


@pytest.fixture
def history(mockint_home):
    store = HistoryStore.open(paths.history_db_path())
    yield store
    store.close()


def session(deck: Deck, steps: list[tuple[str, str, int | None]], *, day: int = 0,
            leave: bool = False) -> SessionRecord:
    """Drive an interview: each step is (what, text, rating) with what = answer | skip | type.

    "type" leaves the interview while typing (abandoned); `leave` abandons after the steps.
    """
    clock = FakeClock()
    when = START + timedelta(days=day)
    config = SessionConfig(deck_ids=[deck.id])
    interview = Interview.start(select_questions([deck], config), config, clock=clock,
                                wall_clock=lambda: when + timedelta(seconds=clock.now - 1000))
    for what, text, rating in steps:
        interview.begin()
        clock.advance(30 + len(text))
        if what == "type":
            interview.update_text(text)
            interview.abandon()
            return interview.record
        if what == "skip":
            interview.skip()
        else:
            interview.submit(text)
        interview.reveal()
        if what == "answer":
            interview.check_key_point(0, True)
        if rating is not None:
            interview.rate(rating)
        if interview.is_last and not leave:
            interview.next()
            return interview.record
        interview.next()
    if leave:
        interview.abandon()
    return interview.record


def test_previous_attempts_are_the_last_answered_ones_before_this_session(history, deck):
    first = session(deck, [("answer", "a join per row", 2), ("answer", "we argued", 1),
                           ("answer", "cache it", 3)])
    skipped = session(deck, [("skip", "", None), ("answer", "we disagreed", 2),
                             ("answer", "read-heavy, cache", 3)], day=1)
    latest = session(deck, [("answer", "select_related joins", 4), ("answer", "disagreed kindly", 3),
                            ("answer", "read-heavy", 4)], day=2)
    for record in (first, skipped, latest):
        history.save_session(record)
    previous = previous_attempts(history, latest)
    # Question 1 was skipped in between: the attempt before is the first session's.
    assert previous[0].answer.text == "a join per row"
    assert previous[1].answer.text == "we disagreed"
    assert previous[0].started_at.date() == START.date()
    assert previous_attempts(history, first) == {}


def test_export_with_diff_shows_what_changed_since_the_previous_attempt(history, deck, capsys):
    older = session(deck, [("answer", "basically a join per row", 2), ("answer", "we argued", 1),
                           ("answer", "cache it", 3)])
    newer = session(deck, [("answer", "select_related: a join per row", 4),
                           ("answer", "we argued", 1), ("answer", "cache it", 3)], day=1)
    history.save_session(older)
    history.save_session(newer)
    assert main(["export", newer.id[:6], "--diff"]) == 0
    report = capsys.readouterr().out
    first = report.split("\n## ")[1]
    assert "**Since the previous attempt** (2026-11-20 18:" in first
    assert "[-basically-] {+select_related:+} a join per row" in first.splitlines()
    changes = first.split("**Since the previous attempt**")[1]
    table = changes.split("```text\n")[1].split("```")[0].splitlines()
    assert table[0].split() == ["before", "after", "change"]
    assert table[1:] and any(line.split()[:1] == ["Rating"] and line.split()[-1] == "+2"
                             for line in table)
    assert any(line.startswith("Fillers") and line.split()[-1] == "-1" for line in table)
    # Without the flag the report is as before; JSON does not take it.
    assert main(["export", newer.id[:6]]) == 0
    assert "Since the previous attempt" not in capsys.readouterr().out
    assert main(["export", newer.id[:6], "--diff", "--format", "json"]) == 2
    assert "--diff goes with the Markdown report" in capsys.readouterr().err


def test_a_version_6_history_gets_honest_counts(mockint_home, deck):
    """Before schema 7 answered_count counted skipped questions as answered."""
    import json
    import sqlite3

    from mockint.storage.history import MIGRATIONS

    record = session(deck, [("answer", "a join", 3), ("skip", "", None), ("type", "half a", None)])
    path = paths.history_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = sqlite3.connect(path)
    for script in MIGRATIONS[:6]:
        raw.executescript(script)
    raw.execute("PRAGMA user_version = 6")
    raw.execute(
        "INSERT INTO sessions (id, started_at, updated_at, status, mode, deck_ids, config, plan,"
        " question_count, answered_count) VALUES (?, ?, ?, 'abandoned', 'practice', ?, ?, ?, 3, 2)",
        (record.id, START.isoformat(), START.isoformat(), json.dumps([deck.id]),
         record.config.model_dump_json(),
         json.dumps([a.model_dump(mode="json") for a in record.plan])))
    for a in record.answers:
        raw.execute("INSERT INTO answers (session_id, idx, deck_id, question_id, category, asked,"
                    " text, skipped, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (record.id, a.index, deck.id, a.asked.question.id, a.asked.question.category,
                     a.asked.model_dump_json(), a.text, int(a.skipped),
                     a.submitted_at.isoformat() if a.submitted_at else None))
    raw.commit()
    raw.close()
    store = HistoryStore.open(path)
    try:
        (summary,) = store.list_sessions()
        assert summary.counts == record.counts
        assert (summary.counts.answered, summary.counts.skipped, summary.counts.unanswered) == (
            1, 1, 1)
    finally:
        store.close()


def test_sessions_left_before_any_answer_are_kept_but_not_counted_as_activity(history, deck):
    from mockint.core.stats import compute_stats, stats_text

    history.save_session(session(deck, [("answer", "a join", 3), ("skip", "", None),
                                        ("answer", "cache", 2)]))
    empty = session(deck, [("type", "I would", None)], day=1)
    history.save_session(empty)
    now = START + timedelta(days=2)
    # Kept, and marked empty in the list.
    listed = {s.id: s for s in history.list_sessions()}
    assert listed[empty.id].counts.empty and listed[empty.id].status == "abandoned"
    stats = compute_stats(history, [deck], now)
    assert sum(stats.sessions_per_day) == 1 and stats.empty_sessions == 1
    assert (sum(stats.answers_per_day), sum(stats.skipped_per_day)) == (2, 1)
    assert stats_text(stats).splitlines()[0] == (
        "Last 28 days: 1 session, 2 answers, 1 skipped (1 empty session left before any "
        "answer not counted)")
    asked_for = compute_stats(history, [deck], now, include_empty=True)
    assert sum(asked_for.sessions_per_day) == 2
    assert "(empty sessions included)" in stats_text(asked_for).splitlines()[0]
