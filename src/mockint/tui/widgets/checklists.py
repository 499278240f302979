"""Checklists on the reveal screen: key points and STAR parts the answer covered."""

from __future__ import annotations

from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.content import Content
from textual.strip import Strip
from textual.widgets import (
    Checkbox,  # a ToggleButton: same glyphs as the list draws
    OptionList,
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
    blindness, a screen reader's text). It also draws a box on every line, so an
    item that wraps got a second box for the wrong item; here only an item's
    first line has one.

    On the highlighted row every part of the label takes the row's own text
    colour (coloured words, such as the cue words, turn italic instead): a
    theme colour on the cursor's background can be nearly invisible.
    """

    def render_line(self, y: int) -> Strip:
        line = OptionList.render_line(self, y)
        try:
            index, line_offset = self._lines[self.scroll_offset.y + y]
            selection = self.get_option_at_index(index)
        except (IndexError, OptionDoesNotExist):
            return line
        segments = list(line)
        base = (segments[0].style if segments else None) or self.rich_style
        if index == self.highlighted:
            row = self.get_visual_style("option-list--option",
                                        "option-list--option-highlighted").rich_style
            if row.color is not None:
                segments = [_in_row_colour(segment, row.color) for segment in segments]
        gutter = Segment(" ", base)
        if line_offset:
            return Strip([Segment(" " * self._get_left_gutter_width(), base), *segments])
        ticked = selection.value in self._selected
        component = "selection-list--button" + ("-selected" if ticked else "")
        if self.highlighted == index:
            component += "-highlighted"
        button = self.get_component_rich_style(component) + Style(meta={"option": index})
        side = Style.from_color(button.bgcolor, base.bgcolor) + Style(meta={"option": index})
        return Strip([
            Segment(Checkbox.BUTTON_LEFT, side),
            Segment("✓" if ticked else " ", button),
            Segment(Checkbox.BUTTON_RIGHT, side),
            gutter,
            *segments,
        ])


def _in_row_colour(segment: Segment, colour: Color) -> Segment:
    style = segment.style
    if style is None or style.color is None or style.color == colour:
        return segment
    return Segment(segment.text, style + Style(color=colour, italic=True), segment.control)


FOCUS_MARK = "▶ "


class ChecklistPane(TickList[SelectionType]):
    """A titled checklist on the reveal. The one with focus (where Space ticks) shows
    it three ways: ▶ before its title, a heavy border and the title in bold, so it
    reads the same under NO_COLOR and in every theme. Long lines wrap."""

    DEFAULT_CSS = """
    ChecklistPane {
        height: auto;
        text-wrap: wrap;  /* a point and its cue words wrap rather than being cut */
        text-overflow: fold;
        border: round $foreground 30%;
        border-title-color: $foreground;
        &:focus {
            border: heavy $primary;
            border-title-color: $foreground;
            border-title-style: bold;
        }
    }
    """

    def __init__(self, *selections: Selection[SelectionType], heading: str, **kwargs) -> None:
        super().__init__(*selections, **kwargs)
        self._heading = heading
        self._show_heading(False)

    @property
    def heading(self) -> str:
        """The title, without the focus mark."""
        return self._heading

    @heading.setter
    def heading(self, heading: str) -> None:
        self._heading = heading
        self._show_heading(self.has_focus)

    def _show_heading(self, focused: bool) -> None:
        self.border_title = (FOCUS_MARK if focused else "") + self._heading

    def on_focus(self) -> None:
        self._show_heading(True)

    def on_blur(self) -> None:
        self._show_heading(False)


class KeyPointChecklist(ChecklistPane[int]):
    """One line per key point; ticked means 'my answer covered this'."""

    DEFAULT_CSS = """
    KeyPointChecklist { max-height: 12; }
    """

    def __init__(self, points: list[KeyPoint], checked: list[bool], **kwargs) -> None:
        selections = [
            Selection(Content(visible(p.point)), i, checked[i] if i < len(checked) else False)
            for i, p in enumerate(points)
        ]
        super().__init__(*selections, heading="Key points you covered", **kwargs)
        self.points = points

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


class StarChecklist(ChecklistPane[str]):
    """Situation, Task, Action, Result, each ticked when the answer had it."""

    DEFAULT_CSS = """
    StarChecklist { max-height: 8; }
    """

    def __init__(self, checked: dict[str, bool], **kwargs) -> None:
        selections = [
            Selection(Content(label), part, checked.get(part, False))
            for part, label in STAR_LABELS.items()
        ]
        super().__init__(*selections, heading="STAR", **kwargs)

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
