"""Two texts side by side in scrolling panes: your answer beside another."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll

from mockint.tui.widgets.plain import Plain


class SideBySide(Horizontal):
    """Left and right panes, each with a title and plain text (never markup)."""

    DEFAULT_CSS = """
    SideBySide { height: 1fr; min-height: 5; }
    SideBySide > VerticalScroll {
        width: 1fr; border: round $foreground 30%; padding: 0 1;
        border-title-color: $text-accent;
    }
    SideBySide > VerticalScroll:focus-within, SideBySide > VerticalScroll:focus {
        border: round $primary;
    }
    SideBySide .aside { color: $text-accent; margin-top: 1; }
    """

    def __init__(self, left: tuple[str, list[tuple[str, str]]], right: tuple[str, list[tuple[str, str]]],
                 **kwargs) -> None:
        """Each side is (title, [(kind, text), ...]); kind "aside" is shown as a heading."""
        super().__init__(**kwargs)
        self.sides = (left, right)

    def compose(self) -> ComposeResult:
        for position, (title, blocks) in zip(("left", "right"), self.sides, strict=True):
            with VerticalScroll(classes=position) as pane:
                pane.border_title = title
                pane.can_focus = True
                for kind, text in blocks:
                    yield Plain(text, classes=kind)
