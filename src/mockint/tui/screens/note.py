"""A note on a session: a modal with a text box, returning the text or None."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, TextArea


class NoteScreen(ModalScreen[str | None]):
    DEFAULT_CSS = """
    NoteScreen { align: center middle; }
    NoteScreen > Vertical {
        width: 70; height: 16; border: thick $primary; background: $surface; padding: 1 2;
    }
    NoteScreen TextArea { height: 1fr; }
    NoteScreen Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
    NoteScreen Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save note", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, note: str) -> None:
        super().__init__()
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Note on this session (Ctrl+S saves, Esc cancels)")
            yield TextArea(self.note, id="note", soft_wrap=True)
            with Horizontal():
                yield Button("Cancel", id="cancel", action="screen.cancel")
                yield Button("Save ^S", id="save", action="screen.save", variant="primary")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)
