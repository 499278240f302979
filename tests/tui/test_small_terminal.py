"""80×24: tables give their wide column up so the counts stay in view, live as the
terminal is resized; home's footer keeps F1 Help and Quit."""

from __future__ import annotations

from mockint.tui.screens.summary import SummaryScreen
from mockint.tui.widgets.fitted_table import FittedTable
from tests.helpers import make_record, screen_text


async def test_the_tables_refit_when_the_terminal_narrows_and_widens(app, history, tui_deck):
    record = make_record(tui_deck, ["an answer", "a story", "a design"], [3, 2, None])
    history.save_session(record)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(SummaryScreen(record))
        await pilot.pause()
        table = app.screen.query_one(FittedTable)
        table.move_cursor(row=1)
        prompt = tui_deck.questions[1].prompt
        assert str(table.get_row_at(1)[1]) == prompt  # room for the whole question
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert table.shown_columns == ("#", "Question", "Time", "Over", "Rating", "Points",
                                       "STAR")
        cut = str(table.get_row_at(1)[1])
        assert cut.endswith("…") and prompt.startswith(cut[:-1])
        assert table.cursor_row == 1  # the refit kept the row
        assert "Rating" in screen_text(app) and "Points" in screen_text(app)
        app.pop_screen()
        await pilot.pause()
        # Home at 80: the footer leaves out Decks/Stats/Stories (in F1 and the palette).
        footer = screen_text(app).splitlines()[-1]
        assert "Help" in footer and "Quit" in footer and "Stats" not in footer
        # The recent sessions leave Avg out rather than cut it off the pane's edge.
        assert app.screen.query_one("#recent", FittedTable).shown_columns == ("Date", "Decks",
                                                                              "Qs")
        await pilot.press("h")
        await pilot.pause()
        sessions = app.screen.query_one("#sessions", FittedTable)
        assert sessions.shown_columns == ("Date", "Decks", "Ans", "Skip", "Unans", "Avg",
                                          "Time", "Status")
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert "Mode" in sessions.shown_columns and "Note" in sessions.shown_columns
        await pilot.press("escape")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "Stats" in footer
