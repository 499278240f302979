"""The screen header never ends the app when a title changes while it is not built."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets._header import HeaderTitle

from mockint.tui.widgets.screen_header import ScreenHeader


class _HeaderApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ScreenHeader()


async def test_a_title_change_without_the_title_widget_is_ignored_not_a_crash() -> None:
    app = _HeaderApp()
    async with app.run_test() as pilot:
        # The state a quickly dismissed screen leaves: the header's title child gone.
        await app.query_one(HeaderTitle).remove()
        app.screen.title = "Leaving"
        app.title = "mockint"
        await pilot.pause()
        assert app.is_running
        assert app.return_value is None and not app._exception


async def test_the_title_is_shown_as_before() -> None:
    app = _HeaderApp()
    async with app.run_test() as pilot:
        app.screen.title = "History"
        await pilot.pause()
        assert "History" in str(app.query_one(HeaderTitle).render())
