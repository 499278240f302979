"""A question with several answers: `ChoiceScreen` dismisses with the chosen key."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button

from mockint.tui.widgets.plain import Plain


class ChoiceScreen(ModalScreen[str | None]):
    DEFAULT_CSS = """
    ChoiceScreen { align: center middle; }
    ChoiceScreen > Vertical {
        width: 70; height: auto; border: thick $warning; background: $surface; padding: 1 2;
    }
    ChoiceScreen Plain { margin-bottom: 1; }
    ChoiceScreen Horizontal { height: auto; align-horizontal: right; }
    ChoiceScreen Button { margin-left: 2; }
    """
    BINDINGS = [Binding("escape", "choose('')", "Cancel")]

    def __init__(self, question: str, choices: list[tuple[str, str]]) -> None:
        """`choices` are (key, label); the first letter of each key also answers."""
        super().__init__()
        self.question, self.choices = question, choices

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Plain(self.question)
            with Horizontal():
                for key, label in self.choices:
                    yield Button(f"{label} ({key[0]})", id=f"choice-{key}")

    def on_mount(self) -> None:
        self.query(Button).last().focus()

    def on_key(self, event) -> None:
        for key, _ in self.choices:
            if event.character == key[0]:
                event.stop()
                self.dismiss(key)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        assert event.button.id is not None
        self.dismiss(event.button.id.removeprefix("choice-"))

    def action_choose(self, key: str) -> None:
        self.dismiss(key or None)
