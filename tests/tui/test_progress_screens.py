"""Progress you can see: honest counts on every surface, the summary's verdict,
a question's trends, search snippets."""

from __future__ import annotations

import json

from mockint.cli import main
from mockint.core.session import Interview, SessionConfig, select_questions
from mockint.core.timing import FakeClock
from mockint.storage.export import render
from mockint.tui.screens.history import HistoryScreen
from mockint.tui.screens.session import SessionScreen
from mockint.tui.screens.summary import SummaryScreen
from mockint.tui.widgets.fitted_table import FittedTable
from tests.helpers import make_record

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
    assert expected in line and " left early " in line

    async with app.run_test(size=SIZE) as pilot:
        # The summary at the end of the interview.
        app.push_screen(SummaryScreen(record))
        await pilot.pause()
        assert expected in shown(app.screen.query_one("#summary-head"))
        ratings = [str(app.screen.query_one(FittedTable).get_row_at(i)[4]) for i in range(3)]
        assert ratings == ["Good", "skipped", "unanswered"]
        # The history list and the session opened from it.
        app.pop_screen()
        await pilot.press("h")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one("#sessions", FittedTable)
        row = dict(zip(table.shown_columns, (str(c) for c in table.get_row_at(0)), strict=True))
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
        table = app.screen.query_one("#sessions", FittedTable)
        assert table.row_count == 2
        assert str(table.get_row_at(0)[table.shown_columns.index("Status")]) == "empty"


async def test_the_summary_compares_with_last_time_and_starts_the_weak_ones(app, history,
                                                                            tui_deck):
    from mockint.tui.screens.interview import InterviewScreen

    history.save_session(make_record(tui_deck, ["short", "a story"], [2, 3],
                                     started="2026-11-20T18:00:00+00:00"))
    record = make_record(tui_deck, ["a much longer answer this time", "a story"], [4, 1],
                         started="2026-11-24T18:00:00+00:00")
    history.save_session(record)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(SummaryScreen(record))
        await app.workers.wait_for_complete()
        await pilot.pause()
        verdict = shown(app.screen.query_one("#summary-verdict")).splitlines()
        assert verdict[1:3] == ["  #1  25 s slower · Hard → Easy", "  #2  Good → Again"]
        assert verdict[3] == ("Better than last time on 1 of 2 questions asked before (#1); "
                              "worse on #2.")
        assert verdict[4] == "Practise next: #2 (Again) · w: a session on these"
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        weak = record.answers[1].asked
        assert [(q.deck_id, q.question.id) for q in app.interview.questions] == [
            (weak.deck_id, weak.question.id)]


async def test_the_timeline_tells_the_question_s_story(tui_store, clock, history, tui_deck):
    from datetime import UTC, datetime

    from textual.widgets import Sparkline

    from mockint.tui.app import make_app
    from mockint.tui.screens.timeline import TimelineScreen
    from tests.helpers import seed_reviews

    attempts = [("first", 1), ("second try", 3), ("third try, longer", 4)]
    for day, (text, rating) in enumerate(attempts):
        history.save_session(make_record(tui_deck, [text], [rating],
                                         started=f"2026-11-{20 + day}T18:00:00+00:00"))
    now = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    seed_reviews(history, tui_deck, [4], datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    app = make_app(decks=tui_store, clock=clock, history=history, now=lambda: now)
    question = tui_deck.questions[0]
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(TimelineScreen(tui_deck.id, question.id, question.prompt))
        await app.workers.wait_for_complete()
        await pilot.pause()
        rows = {shown(row.query_one(".trend-name")): row for row in app.screen.query(".trend")}
        assert list(rows) == ["Key points", "Rating", "Time used", "Words"]
        assert shown(rows["Rating"].query_one(".trend-text")) == (
            "Again → Good → Easy → Easy  (up)")
        assert rows["Words"].query_one(Sparkline).data == [1.0, 2.0, 3.0, 2.0]
        assert shown(rows["Key points"].query_one(".trend-text")).startswith("1/2 → 1/2")
        due = history.card_due(tui_deck.id, question.id)
        days = (due.astimezone().date() - now.astimezone().date()).days
        assert days > 1  # rated Easy: days away
        assert shown(app.screen.query_one("#timeline-due")) == (
            f"Next review: {due.astimezone():%a %d %b %Y} (in {days} days)")


async def test_search_shows_the_match_and_opens_the_answer_at_it(app, history, tui_deck,
                                                                 capsys):
    from textual.containers import VerticalScroll

    from mockint.tui.screens.answer import AnswerScreen

    long_answer = "\n".join(f"line {n} says nothing much" for n in range(60))
    long_answer += "\nthen the [bold]select_related[/] JOIN fixed it\n" + "the end\n" * 5
    history.save_session(make_record(tui_deck, [long_answer], [3]))
    history.save_session(make_record(tui_deck, ["nothing relevant"], [2],
                                     started="2026-11-21T18:00:00+00:00"))
    # The store's snippet: words around the match, matched words marked.
    (hit,) = history.search_answers("select_related join")
    assert hit.marked_match() == ("…says nothing much then the [bold]«select_related»[/] «JOIN» "
                                  "fixed it the end the end the…")
    # `mockint history --search` prints the same.
    from mockint.cli import main

    assert main(["history", "--search", "select_related join"]) == 0
    assert "[bold]«select_related»[/] «JOIN» fixed it" in capsys.readouterr().out

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await app.workers.wait_for_complete()
        await pilot.press("slash", *"join", "enter")  # Enter: search now, go to the results
        await app.workers.wait_for_complete()
        await pilot.pause()
        hits = app.screen.query_one("#hits", FittedTable)
        assert hits.has_focus and hits.row_count == 1
        cell = hits.get_row_at(0)[2]
        assert "«JOIN»" in cell.plain and "line 0" not in cell.plain
        assert any("reverse" in str(span.style) for span in cell.spans)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AnswerScreen)
        pane = app.screen.query_one("SideBySide > .left", VerticalScroll)
        line = app.screen.match_line
        assert line is not None and line >= 60  # past the 60 lines above it
        assert pane.scroll_y <= line < pane.scroll_y + pane.scrollable_content_region.height
