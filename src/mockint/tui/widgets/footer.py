"""`Footer`: Textual's footer, rebuilt at most once per refresh.

Textual's footer rebuilds all its keys after every change of the screen's
bindings (focus, the screen stack, `refresh_bindings`). Home's start-up
changes them four times before its first frames, and each rebuild styles
every key again: a large share of start-up CPU (bench: startup-home). This
footer coalesces the changes of one refresh into one rebuild; what it shows
is the same.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    _rebuild_pending = False

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        await self.recompose()
