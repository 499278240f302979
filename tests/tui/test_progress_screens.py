"""Progress you can see: honest counts on every surface, the summary's verdict,
a question's trends, search snippets."""

from __future__ import annotations

import json

from tests.tui.conftest import make_record
from textual.widgets import DataTable

from mockint.cli import main
from mockint.core.session import Interview, SessionConfig, select_questions
from mockint.core.timing import FakeClock
from mockint.storage.export import render
from mockint.tui.screens.history import HistoryScreen
from mockint.tui.screens.session import SessionScreen
from mockint.tui.screens.summary import SummaryScreen

SIZE = (120, 40)


def shown(widget) -> str:
    return str(widget.render())


def answered_skipped_left(tui_deck):
    """Question 1 answered, question 2 skipped, left while typing question 3."""
    from datetime import datetime

    clock = FakeClock()
    when = datetime.fromisoformat("2026-11-25T18:00:00+00:00")
    config = SessionConfig(deck_ids=[tui_deck.id], count=3)
    interview = Interview.start(select_questions([tui_deck], config), config, clock=clock,
                                wall_clock=lambda: when)
    interview.begin()
    clock.advance(50)
    interview.submit("slicing is lazy and becomes LIMIT")
    interview.reveal()
    interview.rate(3)
    interview.next()
    interview.begin()
    clock.advance(5)
    interview.skip()
    interview.reveal()
    interview.next()
    interview.begin()
    clock.advance(20)
    interview.update_text("I would start by")
    interview.abandon()
    return interview.record


async def test_answered_skipped_and_unanswered_agree_everywhere(app, history, tui_deck, capsys):
    record = answered_skipped_left(tui_deck)
    history.save_session(record)
    expected = "1 answered · 1 skipped · 1 unanswered of 3"

    # Markdown and JSON exports.
    assert f"- Questions: {expected}" in render(record, "md").splitlines()
    assert json.loads(render(record, "json"))["counts"] == {
        "questions": 3, "answered": 1, "skipped": 1, "unanswered": 1}
    # `mockint history`.
    assert main(["history"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert expected in line and " abandoned " in line

    async with app.run_test(size=SIZE) as pilot:
        # The summary at the end of the interview.
        app.push_screen(SummaryScreen(record))
        await pilot.pause()
        assert expected in shown(app.screen.query_one("#summary-head"))
        ratings = [str(app.screen.query_one(DataTable).get_row_at(i)[4]) for i in range(3)]
        assert ratings == ["Good", "skipped", "unanswered"]
        # The history list and the session opened from it.
        app.pop_screen()
        await pilot.press("h")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one("#sessions", DataTable)
        columns = [str(c.label) for c in table.columns.values()]
        row = dict(zip(columns, (str(c) for c in table.get_row_at(0)), strict=True))
        assert (row["Ans"], row["Skip"], row["Unans"], row["Status"]) == (
            "1/3", "1", "1", "left early")
        await pilot.press("enter")
        assert isinstance(app.screen, SessionScreen)
        assert expected in shown(app.screen.query_one("#session-heading"))


async def test_a_session_left_before_any_answer_is_kept_and_marked_empty(app, history, tui_deck,
                                                                         capsys):
    history.save_session(make_record(tui_deck, ["an answer"], [3],
                                     started="2026-11-20T18:00:00+00:00"))
    record = answered_skipped_left(tui_deck)
    record.answers = record.answers[:1]
    record.answers[0].submitted_at = None  # left while typing the first answer
    record.answers[0].rating = None
    history.save_session(record)
    assert main(["history"]) == 0
    newest = capsys.readouterr().out.splitlines()[0]
    assert " empty " in newest and "0 answered · 0 skipped · 3 unanswered of 3" in newest
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#sessions", DataTable)
        assert table.row_count == 2
        columns = [str(c.label) for c in table.columns.values()]
        assert str(table.get_row_at(0)[columns.index("Status")]) == "empty"
