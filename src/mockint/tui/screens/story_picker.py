"""Which story did you tell? A list of the person's stories, those that fit first.

Dismisses with the story's id, `NEW_STORY` for "a new one", or None (cancelled).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from mockint.core.stories import Story
from mockint.tui.literal import one_line, visible
from mockint.tui.widgets.plain import Plain

NEW_STORY = "-new-"


class StoryPickerScreen(ModalScreen[str | None]):
    DEFAULT_CSS = """
    StoryPickerScreen { align: center middle; }
    StoryPickerScreen > Vertical {
        width: 80; height: auto; max-height: 80%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    StoryPickerScreen Plain { margin-bottom: 1; }
    StoryPickerScreen OptionList { height: auto; max-height: 16; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, fitting: list[Story], others: list[Story], told: str | None) -> None:
        """`fitting` show the question's competencies; `told` is the answer given before."""
        super().__init__()
        self.fitting, self.others, self.told = fitting, others, told

    def compose(self) -> ComposeResult:
        options: list[Option | None] = []
        for story in [*self.fitting, *self.others]:
            mark = "★ " if story in self.fitting else "  "
            label = Content(f"{mark}{visible(one_line(story.title, 60))}")
            options.append(Option(label, id=story.id))
        options.append(Option(Content("  A new one (not in your story bank yet)"), id=NEW_STORY))
        with Vertical():
            yield Plain("Which story did you tell? ★ marks the stories that show what this "
                        "question probes. Enter chooses, Esc cancels.")
            yield OptionList(*options, id="story-options")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if self.told is not None:
            try:
                options.highlighted = options.get_option_index(self.told)
            except OptionDoesNotExist:  # a story deleted since: start at the top
                options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
