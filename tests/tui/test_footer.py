"""The footer: the screen's keys in one widget, clickable, dimmed when off, narrow at 80."""

from __future__ import annotations

from mockint.core.session import SessionConfig
from mockint.tui.screens.history import HistoryScreen
from mockint.tui.widgets.footer import Footer
from tests.helpers import submit_and_reveal


def _column_of(footer: Footer, description: str) -> int:
    return next(column for column, _, key in footer.key_spans() if key.description == description)


async def test_a_click_on_a_key_runs_it_and_hovering_names_it(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(Footer)
        shown = [(key.key, key.description) for key in footer.keys]
        assert shown[:2] == [("s", "Start interview"), ("h", "History")]
        assert shown[-1][0] == "ctrl+p", "the palette's key, at the right end"
        assert footer.key_spans()[-1][0] > 100
        await pilot.hover(Footer, offset=(_column_of(footer, "History") + 1, 0))
        assert footer.tooltip == "Past sessions, search, export"
        await pilot.click(Footer, offset=(_column_of(footer, "History") + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_at_80_columns_help_and_quit_stay_in_view(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(Footer)
        descriptions = [key.description for key in footer.keys]
        assert "Help" in descriptions and "Quit" in descriptions
        assert "Decks" not in descriptions and "ctrl+p" not in [key.key for key in footer.keys]
        column, width, _ = footer.key_spans()[-1]
        assert column + width <= 80
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await pilot.pause()
        assert "Decks" in [key.description for key in footer.keys]


async def test_a_key_that_is_off_now_is_dimmed_and_a_click_on_it_only_rings(app):
    async with app.run_test(size=(120, 40)) as pilot:
        app.flow.start(SessionConfig(deck_ids=["tui"], mode="mock", categories=["behavioral"]))
        await pilot.pause()
        screen = await submit_and_reveal(pilot, "I disagreed, measured, and cached two.")
        footer = screen.query_one(Footer)
        undo = next(key for key in footer.keys if key.description == "Undo")
        assert not undo.enabled, "nothing to undo yet"
        rings: list[bool] = []
        app.bell = lambda: rings.append(True)  # type: ignore[method-assign]
        await pilot.click(Footer, offset=(_column_of(footer, "Undo") + 1, 0))
        await pilot.pause()
        assert app.screen is screen and rings == [True]
        line = footer.render()
        for column, width, key in footer.key_spans():
            dims = {bool(span.style.dim) for span in line.spans
                    if span.start < column + width and span.end > column
                    and not isinstance(span.style, str)}
            assert dims == {not key.enabled}, key.description
