"""`Footer`: the screen's keys on the bottom line, drawn as one widget.

Textual's footer is a container with one widget per key: each is styled, laid
out and drawn on its own, ~25 ms of every screen's first frame (home, the first
question: bench startup-home, startup-interview), and it recomposes them all
whenever the bindings change. This footer reads the same bindings
(`screen.active_bindings`, what `show` and the screen's `check_action` say) and
draws them in one line of text: the key bold, its description beside it, keys
whose action is off now dimmed. A click runs the key under the pointer, hovering
highlights it and shows its tooltip, as on Textual's footer.

Below `NARROW` columns it leaves out the keys the screen names in
`NARROW_HIDDEN` and the palette's key: they stay in F1 help and in the command
palette, which both list every key, so F1 Help and Quit stay in view at 80.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

NARROW = 100  # columns


class ShownKey(NamedTuple):
    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str
    palette: bool = False  # the command palette's key, drawn at the right end


class Footer(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer--key", "footer--description", "footer--hover"}
    DEFAULT_CSS = """
    Footer {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .footer--hover {
            background: $block-hover-background;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys: tuple[ShownKey, ...] = ()
        self._spans: list[tuple[int, int, ShownKey]] = []  # where each key is drawn
        self._hover: ShownKey | None = None
        self._pending = False

    def on_mount(self) -> None:
        self._keys = self.shown_keys()
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    @property
    def keys(self) -> tuple[ShownKey, ...]:
        """The keys shown now, in order."""
        return tuple(shown for _, _, shown in self._spans)

    def key_spans(self) -> list[tuple[int, int, ShownKey]]:
        """(column, width, key) of each key as last drawn."""
        return list(self._spans)

    def shown_keys(self) -> tuple[ShownKey, ...]:
        """The keys the screen's bindings put in the footer at this width."""
        narrow = self.app.size.width < NARROW
        hidden = set(getattr(self.screen, "NARROW_HIDDEN", ())) if narrow else set()
        palette_key = self.app.COMMAND_PALETTE_BINDING if self.app.ENABLE_COMMAND_PALETTE else ""
        keys, seen, palette = [], set(), None
        for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items():
            if key == palette_key:
                if not narrow:
                    palette = ShownKey(key, self.app.get_key_display(binding), binding.description,
                                       enabled, tooltip or binding.description, palette=True)
                continue
            if not binding.show or binding.action in seen or binding.action in hidden:
                continue
            seen.add(binding.action)  # one key per action, as Textual's footer shows
            keys.append(ShownKey(key, self.app.get_key_display(binding), binding.description,
                                 enabled, tooltip or binding.tooltip))
        return (*keys, *([palette] if palette is not None else []))

    def _bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen and not self._pending:
            self._pending = True  # once per refresh, however often they change
            self.call_after_refresh(self._update_keys)

    def _update_keys(self) -> None:
        self._pending = False
        if self.is_attached:
            keys = self.shown_keys()
            if keys != self._keys:
                self._keys = keys
                self.refresh()

    def on_resize(self, _: events.Resize) -> None:
        self._update_keys()

    def render(self) -> Text:
        line, spans, palette = Text(no_wrap=True, overflow="crop"), [], None
        for shown in self._keys:
            if shown.palette:
                palette = shown
            else:
                start = len(line)
                spans.append((start, self._draw(line, shown), shown))
        if palette is not None:
            part = Text(no_wrap=True)
            width = self._draw(part, palette)
            gap = self.size.width - len(line) - width - 1
            if gap >= 1:
                line.append(" " * gap)
                line.append("│", style=self.get_component_rich_style("footer--description"))
                spans.append((len(line), width, palette))
                line.append_text(part)
        self._spans = spans
        return line

    def _draw(self, line: Text, shown: ShownKey) -> int:
        """Append one key to `line`; the width it took."""
        extra = Style(dim=not shown.enabled)
        if shown == self._hover:
            extra = self.get_component_rich_style("footer--hover") + extra
        before = len(line)
        line.append(f" {shown.display} ",
                    style=self.get_component_rich_style("footer--key") + extra)
        if shown.description:
            line.append(f"{shown.description} ",
                        style=self.get_component_rich_style("footer--description") + extra)
        return len(line) - before

    def _key_at(self, x: int) -> ShownKey | None:
        return next((shown for start, width, shown in self._spans if start <= x < start + width),
                    None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        shown = self._key_at(event.x)
        if shown != self._hover:
            self._hover = shown
            self.tooltip = shown.tooltip or None if shown is not None else None
            self.refresh()

    def on_leave(self, _: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        shown = self._key_at(event.x)
        if shown is None:
            return
        if shown.enabled:
            self.app.simulate_key(shown.key)
        else:
            self.app.bell()
