"""Checklists on the reveal screen: key points and STAR parts the answer covered."""

from __future__ import annotations

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widgets import (
    Checkbox,  # a ToggleButton: same glyphs as the list draws
    SelectionList,
)
from textual.widgets.option_list import OptionDoesNotExist
from textual.widgets.selection_list import Selection, SelectionType

from mockint.core.analysis import Evidence, StarPart
from mockint.core.deck import KeyPoint
from mockint.tui.literal import visible

STAR_LABELS = {
    "situation": "Situation: the context, briefly",
    "task": "Task: what you were responsible for",
    "action": "Action: what you did, in the first person",
    "result": "Result: how it ended, ideally with a number",
}


class TickList(SelectionList[SelectionType]):
    """A SelectionList whose ticks show as ✓ and blanks, not only as colours.

    Textual draws the same "X" for ticked and unticked items and tells them
    apart by colour alone: unreadable without colour (NO_COLOR, some colour
    blindness, a screen reader's text).
    """

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 2 or segments[1].text != Checkbox.BUTTON_INNER:
            return strip
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        mark = "✓" if selection.value in self._selected else " "
        segments[1] = Segment(mark, segments[1].style)
        return Strip(segments, strip.cell_length)


class KeyPointChecklist(TickList[int]):
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
        self.points = points
        self.border_title = "Key points you covered"

    def show_evidence(self, evidence: list[Evidence]) -> None:
        """Each point with the words that suggest it was covered, or the denial
        that kept it from counting."""
        for index, (point, found) in enumerate(zip(self.points, evidence, strict=True)):
            label = Content(visible(point.point))
            if found.covered and found.words:
                quoted = ", ".join(f"“{w}”" for w in found.words[:3])
                where = " (in follow-up)" if found.in_follow_up else ""
                label = label + Content.styled(f"  {visible(quoted)}{where}", "$text-success")
            elif found.negated:
                quoted = ", ".join(f"“{w}”" for w in found.negated[:2])
                label = label + Content.styled(f"  mentioned, but negated: {visible(quoted)}",
                                               "$text-warning")
            self.replace_option_prompt_at_index(index, label)


class StarChecklist(TickList[str]):
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

    def show_evidence(self, parts: dict[str, StarPart], quantified: bool) -> None:
        """Each STAR part with the start of the sentence that shows it."""
        for index, (part, label) in enumerate(STAR_LABELS.items()):
            content = Content(label)
            found = parts.get(part)
            if found and found.present:
                sentence = " ".join(found.sentences[0].split())
                sentence = sentence if len(sentence) <= 48 else sentence[:47] + "…"
                extra = " (quantified)" if part == "result" and quantified else ""
                extra += f" ({found.note})" if found.note else ""
                content = content + Content.styled(f"  “{visible(sentence)}”{extra}",
                                                   "$text-success")
            self.replace_option_prompt_at_index(index, content)
