"""The screen header: titles shown and kept up to date, the icon opens the palette."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.command import CommandPalette
from textual.screen import Screen

from mockint.tui.widgets.screen_header import ScreenHeader


class _HeaderApp(App[None]):
    TITLE = "mockint"

    def compose(self) -> ComposeResult:
        yield ScreenHeader()


def top_line(app: App) -> str:
    """The header's line as drawn on the screen (not as the widget would render it)."""
    return app.screen._compositor.render_strips()[0].text


async def test_the_titles_are_drawn_centred_and_redrawn_when_they_change() -> None:
    app = _HeaderApp()
    async with app.run_test(size=(60, 10)) as pilot:
        app.screen.sub_title = "History"
        await pilot.pause()
        line = top_line(app)
        assert line.strip().startswith("⭘") and "mockint — History" in line
        left, right = line.index("mockint") - 8, 60 - 10 - (line.index("History") + 7)
        assert abs(left - right) <= 1  # centred between the icon and the clock's space
        app.screen.title = "a title far too long to fit between the icon and the clock"
        await pilot.pause()
        assert top_line(app).rstrip().endswith("…")


async def test_a_screen_without_a_title_of_its_own_is_named_by_its_help_title() -> None:
    class Past(Screen[None]):
        HELP_TITLE = "A past session"

        def compose(self) -> ComposeResult:
            yield ScreenHeader()

    app = _HeaderApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await app.push_screen(Past())
        await pilot.pause()
        assert "mockint — A past session" in top_line(app)


async def test_the_icon_lights_up_under_the_pointer_and_a_click_opens_the_palette() -> None:
    app = _HeaderApp()
    async with app.run_test() as pilot:
        header = app.query_one(ScreenHeader)
        await pilot.hover(ScreenHeader, offset=(1, 0))
        assert header.tooltip == "Open the command palette"
        await pilot.hover(ScreenHeader, offset=(30, 0))
        assert header.tooltip is None
        await pilot.click(ScreenHeader, offset=(1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
