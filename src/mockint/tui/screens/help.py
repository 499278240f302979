"""Help: what the current screen is for and every key it answers to."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from mockint.tui.keys import NOT_NOW, screen_keys


def describe_keys(screen: Screen) -> list[tuple[str, str]]:
    """Every binding the screen and the app answer to, with its description (from
    `tui/keys.py`, the palette's source too); keys not usable right now are marked."""
    return [(entry.keys, entry.description + ("" if entry.available else f" ({NOT_NOW})"))
            for entry in screen_keys(screen)]


def reflow(text: str) -> str:
    """Join the lines of each paragraph so the help wraps to the box, not the source."""
    paragraphs = [" ".join(p.split()) for p in text.strip().split("\n\n")]
    return "\n\n".join(paragraphs)


class HelpScreen(ModalScreen[None]):
    """F1 / ?: the screen's own help text and its keys."""

    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape,f1,q,question_mark", "dismiss", "Close help"),
    ]

    def __init__(self, about: Screen) -> None:
        super().__init__()
        self.about = about

    def compose(self) -> ComposeResult:
        title = getattr(self.about, "HELP_TITLE", type(self.about).__name__)
        text = reflow(getattr(self.about, "HELP", "") or "")
        keys = "\n".join(f"  {key:<14} {description}" for key, description in describe_keys(self.about))
        with Vertical(id="help-box"):
            with VerticalScroll(id="help-body"):
                yield Static(title, classes="section-title", markup=False)
                yield Static(text, id="help-text", markup=False)
                yield Static("Keys", classes="section-title")
                yield Static(keys or "  (none)", id="help-keys", markup=False)
            # Outside the scrolling part: in view however long the list of keys is.
            yield Static("Ctrl+P opens the command palette. Esc closes this help.", classes="hint")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
