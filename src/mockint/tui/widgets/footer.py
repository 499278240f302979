"""`Footer`: Textual's footer, drawn with the screen's first frame and rebuilt only
when what it shows changes.

Textual's footer starts empty and rebuilds all its keys after every change of
the screen's bindings (focus, the screen stack, `refresh_bindings`), each time
after a refresh. Home's keys therefore appeared two frames (~65 ms) after the
rest of the screen, and its start-up changed the bindings four times, each
rebuild styling every key again (bench: startup-home). This footer composes
its keys with the screen and, when the bindings change, rebuilds once per
refresh and only if the keys it would show differ from those it shows.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    _rebuild_pending = False
    _shown: Hashable = None

    def compose(self) -> ComposeResult:
        self._bindings_ready = True  # the screen's bindings are known when it composes
        self._shown = self.shows()
        yield from super().compose()

    def shows(self) -> Hashable:
        """What the keys composed now would show (compared to skip a rebuild)."""
        return tuple((binding.key, binding.action, binding.description, enabled, tooltip,
                      binding.group)
                     for _, binding, enabled, tooltip in self.screen.active_bindings.values()
                     if binding.show or binding.action == "command_palette")

    def bindings_changed(self, screen: Screen) -> None:
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        if self.is_attached and self.shows() != self._shown:
            await self.recompose()
