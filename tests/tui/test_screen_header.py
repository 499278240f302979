"""The screen header: titles shown and kept up to date, the icon opens the palette,
and a title change never ends the app."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.command import CommandPalette

from mockint.tui.widgets.screen_header import ScreenHeader


class _HeaderApp(App[None]):
    TITLE = "mockint"

    def compose(self) -> ComposeResult:
        yield ScreenHeader()


async def test_the_titles_are_shown_centred_and_follow_changes() -> None:
    app = _HeaderApp()
    async with app.run_test(size=(60, 10)) as pilot:
        header = app.query_one(ScreenHeader)
        app.screen.sub_title = "History"
        await pilot.pause()
        line = str(header.render())
        assert line.strip().startswith("⭘") and "mockint — History" in line
        assert len(line) == 60
        left, right = line.index("mockint") - 8, 60 - 10 - (line.index("History") + 7)
        assert abs(left - right) <= 1  # centred between the icon and the clock's space
        app.screen.title = "a title far too long to fit between the icon and the clock"
        await pilot.pause()
        assert str(header.render()).rstrip().endswith("…")


async def test_a_title_change_while_the_header_goes_away_is_not_a_crash() -> None:
    app = _HeaderApp()
    async with app.run_test() as pilot:
        await app.query_one(ScreenHeader).remove()
        app.screen.title = "Leaving"
        app.title = "mockint"
        await pilot.pause()
        assert app.is_running and not app._exception


async def test_clicking_the_icon_opens_the_command_palette() -> None:
    app = _HeaderApp()
    async with app.run_test() as pilot:
        await pilot.click(ScreenHeader, offset=(1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_a_screen_without_a_title_of_its_own_is_named_by_its_help_title() -> None:
    from textual.screen import Screen

    class Past(Screen[None]):
        HELP_TITLE = "A past session"

        def compose(self) -> ComposeResult:
            yield ScreenHeader()

    app = _HeaderApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await app.push_screen(Past())
        await pilot.pause()
        assert "mockint — A past session" in str(app.screen.query_one(ScreenHeader).render())
