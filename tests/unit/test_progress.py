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
    assert "> [-basically-] {+select_related:+} a join per row" in first
    table = first.split("````text\n")[1].split("````")[0].splitlines()
    assert table[0].split() == ["before", "after", "change"]
    assert table[1:] and any(line.split()[:1] == ["Rating"] and line.split()[-1] == "+2"
                             for line in table)
    assert any(line.startswith("Fillers") and line.split()[-1] == "-1" for line in table)
    # Without the flag the report is as before; JSON does not take it.
    assert main(["export", newer.id[:6]]) == 0
    assert "Since the previous attempt" not in capsys.readouterr().out
    assert main(["export", newer.id[:6], "--diff", "--format", "json"]) == 2
    assert "--diff goes with the Markdown report" in capsys.readouterr().err
