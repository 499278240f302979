"""`Plain`: a Static for content (deck and answer text), never markup."""

from __future__ import annotations

from typing import Any

from textual.visual import VisualType
from textual.widget import Widget
from textual.widgets import Static

from mockint.tui.literal import visible


class Plain(Static):
    """Shows text exactly as written: `[bold]` stays `[bold]`, ESC shows as ␛."""

    def __init__(self, text: str = "", **kwargs) -> None:
        super().__init__(visible(text), markup=False, **kwargs)

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        super().update(visible(content) if isinstance(content, str) else content, layout=layout)


def show_part(parent: Widget, part_id: str, text: str, **where: Any) -> None:
    """Show `text` in `parent`'s Plain `#part_id`, or hide it when `text` is empty.

    The Plain is mounted (`where`: before= or after=) the first time there is text for
    it: a part most screens never show (a lead-in, a follow-up's context, a peek) is
    then not composed, styled and drawn on every one (~4.5 M instructions a widget on
    the first frame, issue 15)."""
    found = parent.query(f"#{part_id}")
    if found:
        part = found.first(Plain)
        part.update(text)
        part.display = bool(text)
    elif text:
        parent.mount(Plain(text, id=part_id), **where)
