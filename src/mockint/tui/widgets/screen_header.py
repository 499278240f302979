"""Textual's Header, without its title race.

Textual's Header updates its title from watchers on the app and the screen and
looks its `HeaderTitle` child up each time, catching only `NoScreen`. When a
screen is dismissed right after it was pushed (leaving an interview on its first
key, say), a watcher can fire while that child is not mounted, or no longer is,
and the `NoMatches` ends the app. A title that cannot be shown just now is simply
shown on the next change.
"""

from __future__ import annotations

from textual.css.query import NoMatches
from textual.events import Mount
from textual.widget import NoScreen
from textual.widgets import Header
from textual.widgets._header import HeaderTitle


class ScreenHeader(Header):
    """The header every full screen shows: the app title and the screen's."""

    def _on_mount(self, event: Mount) -> None:
        # Replaces Header._on_mount (prevent_default stops Textual from calling it too).
        event.prevent_default()

        async def set_title() -> None:
            try:
                self.query_one(HeaderTitle).update(self.format_title())
            except (NoScreen, NoMatches):
                pass

        self.watch(self.app, "title", set_title)
        self.watch(self.app, "sub_title", set_title)
        self.watch(self.screen, "title", set_title)
        self.watch(self.screen, "sub_title", set_title)
