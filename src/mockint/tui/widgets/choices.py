"""Radio buttons whose state reads without colour, in a set that starts on the chosen one."""

from __future__ import annotations

from textual.content import Content
from textual.style import Style
from textual.widgets import RadioButton, RadioSet


class MarkedRadioButton(RadioButton):
    """A RadioButton that shows its state by its mark (● chosen, ○ not), not only by colour.

    Textual draws the same ● for both and greys the one not chosen: without colour
    (NO_COLOR, some colour blindness) the chosen mode could not be told apart.
    """

    @property
    def _button(self) -> Content:
        # As ToggleButton._button, with the mark chosen by the value.
        button_style = self.get_visual_style("toggle--button")
        side_style = Style(foreground=button_style.background,
                           background=self.background_colors[1])
        return Content.assemble((self.BUTTON_LEFT, side_style),
                                ("●" if self.value else "○", button_style),
                                (self.BUTTON_RIGHT, side_style))


class ChoiceSet(RadioSet):
    """A RadioSet whose keyboard cursor starts on the chosen button.

    Textual's starts on the first button whatever is chosen, so with "Mock"
    chosen the highlight sat on "Practice": it looked chosen.
    """

    def on_mount(self) -> None:
        # After RadioSet's own mount handler, which moves the cursor to the first.
        self.call_after_refresh(self._cursor_to_chosen)

    def _cursor_to_chosen(self) -> None:
        if self.pressed_index >= 0:
            self._selected = self.pressed_index
