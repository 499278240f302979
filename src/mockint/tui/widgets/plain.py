"""`Plain`: a Static for content (deck and answer text), never markup."""

from __future__ import annotations

from textual.visual import VisualType
from textual.widgets import Static

from mockint.tui.literal import visible


class Plain(Static):
    """Shows text exactly as written: `[bold]` stays `[bold]`, ESC shows as ␛."""

    def __init__(self, text: str = "", **kwargs) -> None:
        super().__init__(visible(text), markup=False, **kwargs)

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        super().update(visible(content) if isinstance(content, str) else content, layout=layout)
