"""The footer (widgets/footer.py: rebuilt once per refresh), made to keep F1 Help and
Quit in view at 80 columns.

Below `NARROW` columns it leaves out the keys the screen names
in `NARROW_HIDDEN` (and the palette's key): they stay in F1 help and in the
command palette, which both list every key. Home at 80 columns had Start,
History, Decks, Stats and Stories in its footer and cut F1 Help off the edge.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual import events
from textual.app import ComposeResult
from textual.widgets._footer import FooterKey

from mockint.tui.widgets.footer import Footer

NARROW = 100  # columns


class NarrowFooter(Footer):
    _narrow: bool | None = None

    def _is_narrow(self) -> bool:
        return self.app.size.width < NARROW

    def shows(self) -> Hashable:
        return (self._is_narrow(), super().shows())

    def compose(self) -> ComposeResult:
        narrow = self._narrow = self._is_narrow()
        hidden = set(getattr(self.screen, "NARROW_HIDDEN", ())) if narrow else set()
        for widget in super().compose():
            if isinstance(widget, FooterKey) and (
                    widget.action in hidden or (narrow and widget.has_class("-command-palette"))):
                continue
            yield widget

    def on_resize(self, event: events.Resize) -> None:
        if self._narrow is not None and self._is_narrow() != self._narrow:
            self.call_after_refresh(self.recompose)
