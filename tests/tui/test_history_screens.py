"""Pilot tests of keeping and reviewing sessions: autosave, resume, history, session,
answer, timeline, compare, note, delete, export."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, TextArea

from mockint.core.session import SessionConfig
from mockint.storage.export import read_json
from mockint.tui.app import make_app
from mockint.tui.screens.answer import AnswerScreen
from mockint.tui.screens.compare import CompareScreen
from mockint.tui.screens.confirm import ConfirmScreen
from mockint.tui.screens.history import PAGE, HistoryScreen
from mockint.tui.screens.home import HomeScreen
from mockint.tui.screens.interview import InterviewScreen
from mockint.tui.screens.reveal import RevealScreen
from mockint.tui.screens.session import SessionScreen
from mockint.tui.screens.timeline import TimelineScreen
from mockint.tui.widgets.fitted_table import FittedTable
from tests.helpers import advance, make_record, screen_text

SIZE = (120, 40)


def shown(widget) -> str:
    return str(widget.render())


async def settle(pilot) -> None:
    """Past the search box's pause-in-typing delay, and the query's worker."""
    await advance(pilot, 0.25)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_finished_interview_is_in_the_history_and_on_home(app, history):
    async with app.run_test(size=SIZE) as pilot:
        app.flow.start(SessionConfig(deck_ids=["tui"], count=1))
        await pilot.pause()
        app.screen.query_one("#answer", TextArea).text = "LIMIT and lazy"
        await pilot.press("ctrl+s", "3", "n")
        await pilot.press("h")  # summary → home
        app.flush_saves()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#recent", FittedTable).row_count == 1
    (summary,) = history.list_sessions()
    record = history.load_session(summary.id)
    assert record.status == "finished" and record.answers[0].text == "LIMIT and lazy"
    assert record.answers[0].rating == 3


async def test_typing_is_saved_about_every_second_without_submitting(app, history, clock):
    async with app.run_test(size=SIZE) as pilot:
        app.flow.start(SessionConfig(deck_ids=["tui"]))
        await pilot.pause()
        await pilot.press(*"draft one")
        await advance(pilot, 12)  # the draft tick and the 1 s debounce, on the app's clock
        app.flush_saves()
        session_id = app.interview.record.id
        saved = history.load_session(session_id)
        assert saved.status == "in_progress"
        assert saved.answers[0].text == "draft one"
        assert saved.answers[0].used >= 12  # the clock is saved with the text


async def test_the_clock_is_saved_while_someone_thinks_without_typing(app, history):
    """A crash after a long silent pause must not give the thinking time back."""
    async with app.run_test(size=SIZE) as pilot:
        app.flow.start(SessionConfig(deck_ids=["tui"]))
        await pilot.pause()
        await pilot.press(*"first words")
        await advance(pilot, 2)  # the words are saved...
        for _ in range(4):  # ...then 40 s of thinking, not a key pressed
            await advance(pilot, 10)
        app.flush_saves()
        saved = history.load_session(app.interview.record.id)
        assert saved.answers[0].text == "first words"
        assert saved.answers[0].used >= 40


async def test_an_unfinished_session_is_offered_for_resuming_with_text_and_clock(
        tui_store, clock, history):
    first = make_app(decks=tui_store, clock=clock, history=history)
    async with first.run_test(size=SIZE) as pilot:
        first.flow.start(SessionConfig(deck_ids=["tui"]))
        await pilot.pause()
        first.screen.query_one("#answer", TextArea).text = "typed before the crash"
        await advance(pilot, 30)
        first.flush_saves()
        session_id = first.interview.record.id
    # Simulate a killed process: its lock on the session is gone, the session still in progress.
    history._db.execute("UPDATE sessions SET status='in_progress' WHERE id=?", (session_id,))
    history.release(session_id)

    second = make_app(decks=tui_store, clock=clock, history=history)
    async with second.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(second.screen, ConfirmScreen)
        assert "unfinished interview" in second.screen.question
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(second.screen, InterviewScreen)
        assert second.screen.query_one("#answer", TextArea).text == "typed before the crash"
        assert second.interview.record.id == session_id
        clock.advance(5)
        await pilot.press("ctrl+s")
        assert isinstance(second.screen, RevealScreen)
        assert second.interview.answer.used == 35


async def test_declining_resume_keeps_the_session_as_left_early(tui_store, clock, history):
    first = make_app(decks=tui_store, clock=clock, history=history)
    async with first.run_test(size=SIZE) as pilot:
        first.flow.start(SessionConfig(deck_ids=["tui"]))
        await pilot.pause()
        first.flush_saves()
        session_id = first.interview.record.id
    history.release(session_id)  # as if its process had been killed
    second = make_app(decks=tui_store, clock=clock, history=history)
    async with second.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        second.flush_saves()
        assert isinstance(second.screen, HomeScreen)
    assert history.load_session(session_id).status == "abandoned"


async def test_history_lists_filters_and_searches(app, filled_history):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        await settle(pilot)
        table = screen.query_one("#sessions", FittedTable)
        assert table.row_count == 3
        assert "3 sessions" in shown(screen.query_one("#history-count"))
        newest = table.get_row_at(0)
        assert str(newest[0]).startswith("2026-11-22")

        await pilot.click("#since")
        await pilot.press(*"2026-11-21")
        await settle(pilot)
        assert table.row_count == 2
        await pilot.press(*"x")  # now not a date: a clear message, no crash
        await settle(pilot)
        assert "YYYY-MM-DD" in shown(screen.query_one("#history-count"))
        screen.query_one("#since", Input).value = ""
        await settle(pilot)
        assert table.row_count == 3

        table.focus()
        await pilot.press("slash")  # from the list, / jumps to the search box
        assert screen.focused is screen.query_one("#search")
        await pilot.press(*"offset")
        await settle(pilot)
        hits = screen.query_one("#hits", FittedTable)
        assert hits.display and hits.row_count == 1
        assert "third try" in str(hits.get_row_at(0)[2])
        await pilot.press("tab")
        hits.focus()
        await pilot.press("enter")
        assert isinstance(app.screen, AnswerScreen)
        assert "third try" in shown(app.screen.query_one(".left Plain"))


async def test_session_answer_timeline_and_compare(app, filled_history):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("enter")  # newest session
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.query_one(FittedTable).row_count == 2
        await pilot.press("enter")
        assert isinstance(app.screen, AnswerScreen)
        assert "✓ Slicing becomes LIMIT/OFFSET" in shown(app.screen.query_one("#answer-checks"))
        assert "Slicing a queryset" in shown(app.screen.query_one(".right Plain"))
        await pilot.press("t")
        assert isinstance(app.screen, TimelineScreen)
        attempts = app.screen.query_one(DataTable)
        assert attempts.row_count == 3
        assert "first try" in str(attempts.get_row_at(0)[5])
        await pilot.press("space", "down", "down", "space", "c")
        assert isinstance(app.screen, CompareScreen)
        # Headers: date, time of day and session of each attempt.
        assert shown(app.screen.query_one("#compare-old")).startswith(
            "Older: Fri 20 Nov 2026 ")
        assert "Sun 22 Nov 2026" in shown(app.screen.query_one("#compare-new"))
        assert f"session {filled_history.list_sessions()[0].id[:8]}" in shown(
            app.screen.query_one("#compare-new"))
        # The words, with their markers as text (they read without colour).
        diff = shown(app.screen.query_one("#compare-diff"))
        assert diff.replace("\n", " ") == (
            "[-first try at slicing-] {+third try: LIMIT, OFFSET, lazy evaluation+}")
        table = app.screen.query_one("#compare-table", DataTable)
        rows = {str(table.get_row_at(i)[0]): [str(c) for c in table.get_row_at(i)[1:]]
                for i in range(table.row_count)}
        assert rows["Rating"] == ["Again", "Easy", "+3"]
        assert rows["Words"] == ["4", "6", "+2"]
        # S: the older attempt against the sample answer instead, and back.
        await pilot.press("s")
        assert shown(app.screen.query_one("#compare-new")).startswith("Sample answer")
        assert "Rating" not in [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        await pilot.press("s")
        assert "Sun 22 Nov 2026" in shown(app.screen.query_one("#compare-new"))


async def test_note_delete_and_export_from_the_session_screen(app, filled_history,
                                                              mockint_home):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("enter")
        session_id = app.screen.record.id
        await pilot.press("e", *"ask about [bold] tags", "ctrl+s")
        assert "[bold] tags" in shown(app.screen.query_one("#session-note"))
        assert filled_history.load_session(session_id).note == "ask about [bold] tags"

        await pilot.press("j")
        await app.workers.wait_for_complete()
        (exported,) = Path(mockint_home, "data", "exports").glob("*.json")
        assert read_json(exported.read_text()).id == session_id

        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert app.screen.query_one("#sessions", FittedTable).row_count == 2
    assert filled_history.count_sessions() == 2


async def test_history_pages_load_as_you_scroll(app, history, tui_deck):

    for i in range(120):
        history.save_session(make_record(
            tui_deck, ["x"], [3], started=f"2026-10-{1 + i // 24:02d}T{i % 24:02d}:00:00+00:00"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        table = app.screen.query_one("#sessions", FittedTable)
        assert table.row_count == PAGE
        await pilot.press("end")  # the last row loaded: the next page comes
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert table.row_count == 2 * PAGE and table.cursor_row == PAGE - 1


async def test_a_click_picks_a_session_and_a_second_click_opens_it(app, filled_history):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        table = app.screen.query_one("#sessions", FittedTable)
        await pilot.click(table, offset=(5, 2))  # the header, then the newest: the second row
        assert table.cursor_row == 1 and isinstance(app.screen, HistoryScreen)
        await pilot.click(table, offset=(5, 2))
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.record.id == app.history.list_sessions()[1].id


async def test_a_broken_history_file_is_reported_and_interviews_still_work(
        tui_store, clock, mockint_home):
    db = Path(mockint_home, "data", "history.sqlite3")
    db.parent.mkdir(parents=True)
    db.write_bytes(b"not a database at all " * 200)
    before = db.read_bytes()
    app = make_app(decks=tui_store, clock=clock)
    assert app.history is None
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any(str(db) in m and "will not be saved" in m for m in messages)
        app.flow.start(SessionConfig(deck_ids=["tui"], count=1))
        await pilot.pause()
        await pilot.press("ctrl+s", "2", "n")
        assert app.interview.record.status == "finished"
    assert db.read_bytes() == before


async def test_the_cli_way_opens_the_history_in_the_background_and_starts_on_the_interview(
        tui_store, clock, history, tui_deck):
    history.save_session(make_record(tui_deck, ["old answer"], [2]))
    config = SessionConfig(deck_ids=["tui"], count=1)
    app = make_app(decks=tui_store, clock=clock, start_with=config, history_in_background=True)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, InterviewScreen)  # no home built underneath
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.history is not None
        app.screen.query_one("#answer", TextArea).text = "new answer"
        await pilot.press("ctrl+s", "3", "n", "h")
        assert isinstance(app.screen, HomeScreen)
        app.flush_saves()
        assert app.screen.query_one("#recent", FittedTable).row_count == 2
    assert history.count_sessions() == 2


def test_home_ignores_a_history_that_opens_before_it_is_mounted():
    # The history opens in a thread; it used to fill the recent table before the
    # table had columns ("More values provided than there are columns").
    HomeScreen().show_recent()  # nothing mounted yet: must simply do nothing


async def test_the_deck_filter_offers_the_decks_in_the_history_when_it_is_used(
        app, filled_history, tui_deck):
    from textual.widgets import Select

    filled_history.save_session(make_record(tui_deck.model_copy(update={"id": "other-deck"}),
                                            ["elsewhere"], [2],
                                            started="2026-11-23T18:00:00+00:00"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        screen = app.screen
        await settle(pilot)
        table = screen.query_one("#sessions", FittedTable)
        assert table.row_count == 4
        await pilot.click("#deck")  # the filter's choices are read when it is first used
        await pilot.pause()
        deck = screen.query_one("#deck", Select)
        assert [value for _, value in deck._options if isinstance(value, str)] == [
            "other-deck", tui_deck.id]  # by id
        deck.value = "other-deck"
        await settle(pilot)
        assert table.row_count == 1


async def test_a_search_hit_shows_the_match_even_at_the_end_of_a_long_answer(app, history,
                                                                              tui_deck):
    long = ("I would start by measuring where the time goes, then look at the queries, "
            "the indexes, the caching layers and the templates before I touch the "
            "toolbar")
    history.save_session(make_record(tui_deck, [long], [3]))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("slash", *"toolbar", "enter")
        await settle(pilot)
        row = next(line for line in screen_text(app).splitlines() if "«toolbar»" in line)
        assert "…" in row  # the answer's start gave way to the match
        assert "touch the «toolbar»" in row  # the space before the match is kept
