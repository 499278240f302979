"""The story form: one STAR story, every field, checked as it is typed."""

from __future__ import annotations

from datetime import datetime

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Input, Label, SelectionList, TextArea
from textual.widgets.selection_list import Selection

from mockint.core.deck import COMPETENCIES, STAR_PARTS
from mockint.core.stories import COMPETENCY_MEANINGS, Story
from mockint.tui.literal import plural, visible
from mockint.tui.screens.confirm import ConfirmScreen
from mockint.tui.widgets.footer import Footer
from mockint.tui.widgets.plain import Plain

PART_HINTS = {
    "situation": "where and when; what was going on",
    "task": "what was yours to do",
    "action": "what you did, step by step, in the first person",
    "result": "how it ended; the figure an interviewer will remember",
}


def _items(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


class StoryFormScreen(Screen[Story | None]):
    """Dismisses with the story as saved, or None when cancelled."""

    CSS_PATH = "story_form.tcss"
    HELP_TITLE = "Story"
    HELP = """
One of your stories. The four STAR parts are notes to yourself, not a script:
what happened, what was yours, what you did, how it ended. The figures are
the numbers of the result you want an interviewer to hear (on the reveal,
mockint checks that your answer carried them). Tick the competencies the
story shows: the interview's peek and the coverage grid use them. Tags are
your own words. Ctrl+S saves, Esc cancels (asking first if you changed
anything).
"""
    BINDINGS = [
        Binding("ctrl+s", "save", "Save story", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, story: Story | None = None, *, heading: str | None = None,
                 now: datetime | None = None) -> None:
        super().__init__()
        self.original = story
        self.heading = heading or ("Edit story" if story else "New story")
        self.now = now
        self.initial: dict[str, object] = {}

    def compose(self) -> ComposeResult:
        story = self.original
        yield Plain(self.heading, id="form-title")
        with VerticalScroll(id="form"):
            yield from self._field("title", "Title", "a name you will recognise",
                                   Input(visible(story.title) if story else "", id="title",
                                         compact=True))
            with Horizontal(id="where"):
                yield from self._field("company", "Company", "optional",
                                       Input(visible(story.company) if story else "",
                                             id="company", compact=True))
                yield from self._field("role", "Role", "optional",
                                       Input(visible(story.role) if story else "", id="role",
                                             compact=True))
            for part in STAR_PARTS:
                area = TextArea(visible(story.part(part)) if story else "", id=part,
                                soft_wrap=True, tab_behavior="focus")
                yield from self._field(part, part.title(), PART_HINTS[part], area)
            yield from self._field("figures", "Figures", "comma separated, e.g. 40%, 2 weeks",
                                   Input(visible(", ".join(story.figures)) if story else "",
                                         id="figures", compact=True))
            chosen = set(story.competencies) if story else set()
            choices = SelectionList[str](*[
                Selection(Content(f"{c} · {COMPETENCY_MEANINGS[c]}"), c, c in chosen)
                for c in COMPETENCIES], id="competencies")
            yield from self._field("competencies", "Competencies it shows", "Space ticks",
                                   choices)
            yield from self._field("tags", "Your tags", "comma separated",
                                   Input(visible(", ".join(story.tags)) if story else "",
                                         id="tags", compact=True))
        with Horizontal(id="form-actions"):
            yield Plain("", id="form-status")
            yield Button("Cancel", id="cancel", action="screen.cancel", compact=True)
            yield Button("Save ^S", id="save", action="screen.save", variant="primary",
                         compact=True)
        yield Footer()

    def _field(self, name: str, label: str, hint: str, editor) -> ComposeResult:  # noqa: ANN001
        with Vertical(classes="field", id=f"field-{name}"):
            yield Label(label + (f"  · {hint}" if hint else ""), classes="field-label",
                        markup=False)
            yield editor
            yield Plain("", classes="field-error", id=f"error-{name}")

    def on_mount(self) -> None:
        self.initial = self.values()
        self.query_one("#title").focus()
        self._check()

    def values(self) -> dict[str, object]:
        text = {name: self.query_one(f"#{name}", Input).value
                for name in ("title", "company", "role", "figures", "tags")}
        parts = {part: self.query_one(f"#{part}", TextArea).text for part in STAR_PARTS}
        competencies = list(self.query_one("#competencies", SelectionList).selected)
        return {**text, **parts, "competencies": competencies}

    def story(self) -> tuple[Story | None, dict[str, str]]:
        values = self.values()
        base = self.original
        data = {
            "title": values["title"], "company": str(values["company"]).strip(),
            "role": str(values["role"]).strip(),
            **{part: str(values[part]).strip() for part in STAR_PARTS},
            "figures": _items(str(values["figures"])), "tags": _items(str(values["tags"])),
            "competencies": values["competencies"],
        }
        if base is not None:
            data |= {"id": base.id, "created_at": base.created_at}
        if self.now is not None:
            data["updated_at"] = self.now
            data.setdefault("created_at", self.now)
        try:
            return Story.model_validate(data), {}
        except ValidationError as error:
            problems: dict[str, str] = {}
            for item in error.errors():
                field = str(item["loc"][0]) if item["loc"] else "title"
                problems.setdefault(field, str(item["msg"]).removeprefix("Value error, "))
            return None, problems

    def _check(self) -> Story | None:
        story, problems = self.story()
        for name in ("title", "company", "role", *STAR_PARTS, "figures", "competencies", "tags"):
            self.query_one(f"#error-{name}", Plain).update(problems.get(name, ""))
            self.query_one(f"#field-{name}").set_class(name in problems, "-invalid")
        self.query_one("#save", Button).disabled = story is None
        self.query_one("#form-status", Plain).update(
            "valid" if story else f"{plural(len(problems), 'problem')} to fix before saving")
        return story

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(SelectionList.SelectedChanged)
    def _changed(self) -> None:
        self._check()

    def action_save(self) -> None:
        story = self._check()
        if story is None:
            self.notify("Fix the fields marked in red first; nothing is lost.",
                        severity="warning")
            return
        self.dismiss(story)

    def action_cancel(self) -> None:
        if self.values() == self.initial:
            self.dismiss(None)
            return

        def decided(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Discard your changes to this story?",
                                           yes="Discard", no="Keep editing"), decided)
