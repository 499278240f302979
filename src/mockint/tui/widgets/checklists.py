"""Checklists on the reveal screen: key points and STAR parts the answer covered."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import SelectionList
from textual.widgets.selection_list import Selection

from mockint.core.deck import KeyPoint
from mockint.tui.literal import visible

STAR_LABELS = {
    "situation": "Situation: the context, briefly",
    "task": "Task: what you were responsible for",
    "action": "Action: what you did, in the first person",
    "result": "Result: how it ended, ideally with a number",
}


class KeyPointChecklist(SelectionList[int]):
    """One line per key point; ticked means 'my answer covered this'."""

    DEFAULT_CSS = """
    KeyPointChecklist { height: auto; max-height: 12; border: round $foreground 30%; }
    KeyPointChecklist:focus { border: round $primary; }
    """

    def __init__(self, points: list[KeyPoint], checked: list[bool], **kwargs) -> None:
        selections = [
            Selection(Content(visible(p.point)), i, checked[i] if i < len(checked) else False)
            for i, p in enumerate(points)
        ]
        super().__init__(*selections, **kwargs)
        self.border_title = "Key points you covered"


class StarChecklist(SelectionList[str]):
    """Situation, Task, Action, Result, each ticked when the answer had it."""

    DEFAULT_CSS = """
    StarChecklist { height: auto; max-height: 8; border: round $foreground 30%; }
    StarChecklist:focus { border: round $primary; }
    """

    def __init__(self, checked: dict[str, bool], **kwargs) -> None:
        selections = [
            Selection(Content(label), part, checked.get(part, False))
            for part, label in STAR_LABELS.items()
        ]
        super().__init__(*selections, **kwargs)
        self.border_title = "STAR"
