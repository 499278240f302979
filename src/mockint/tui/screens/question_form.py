"""The question form: every field of a question, checked live as it is typed."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, TextArea

from mockint.core.deck import CATEGORIES, LEVELS, Question
from mockint.core.editing import (
    check_question,
    form_values,
    key_points_text,
    question_from_form,
)
from mockint.tui.literal import plural, visible
from mockint.tui.screens.confirm import ConfirmScreen
from mockint.tui.widgets.footer import Footer
from mockint.tui.widgets.plain import Plain

AREAS = {"prompt": 3, "why_asked": 3, "sample_answer": 8, "key_points": 5, "framework": 4,
         "follow_ups": 3}
LABELS = {
    "prompt": ("Prompt", "the question as the interviewer asks it"),
    "category": ("Category", ""),
    "level": ("Level", ""),
    "topics": ("Topics", "comma separated, e.g. orm, performance"),
    "why_asked": ("Why they ask this", ""),
    "sample_answer": ("Sample answer", ""),
    "key_points": ("Key points", "one per line: point | cue, cue  (order = line order)"),
    "star_situation": ("STAR: situation", "behavioral and situational questions"),
    "star_task": ("STAR: task", ""),
    "star_action": ("STAR: action", ""),
    "star_result": ("STAR: result", ""),
    "competencies": ("Competencies", "what it probes, comma separated: ownership, conflict, "
                     "failure-and-learning, leadership, mentoring, deadline-and-priorities, "
                     "ambiguity, technical-depth, customer-focus, communication (filled from "
                     "the wording when the deck names none)"),
    "framework": ("Answer framework", "one step per line, for design and scenario questions"),
    "tip": ("Tip", "how to make the answer personal"),
    "follow_ups": ("Follow-ups", "one per line"),
    "time_limit": ("Seconds", "empty = the deck's default"),
}


class QuestionFormScreen(Screen[Question | None]):
    """Dismisses with the edited question, or None when cancelled."""

    CSS_PATH = "question_form.tcss"
    HELP_TITLE = "Question"
    HELP = """
Every field of one question. Problems are shown under the field as you type
and Save stays off until the question is valid; nothing you typed is lost.
Key points go one per line as `point | cue, cue`: the cues are words that show
the point was said; Ctrl+G suggests key points from the sample answer,
for you to edit. Competencies name what a behavioral or situational
question probes (they match it to your stories); when the deck names none they
are filled in from the wording, for you to correct. The id is made from the
prompt once and never changes, so
your history and practice schedule keep pointing at this question.
"""
    BINDINGS = [
        Binding("ctrl+s", "save", "Save question", priority=True),
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+g", "suggest_key_points", "Suggest key points", priority=True,
                tooltip="Accept key points suggested from the sample answer, to edit"),
    ]

    def __init__(self, question: Question | None, question_id: str) -> None:
        super().__init__()
        self.original = question
        self.question_id = question_id
        # Control characters (a stray ESC pasted into a deck) are shown as symbols so the
        # editor cannot send them to the terminal; saving keeps the symbols.
        self.values = {k: visible(v) for k, v in form_values(question).items()} if question \
            else {**{name: "" for name in LABELS}, "category": "technical", "level": "mid"}
        self.initial = dict(self.values)
        self.problems: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        title = "Edit question" if self.original else "New question"
        yield Plain(f"{title} · id {self.question_id} (fixed)", id="form-title")
        with VerticalScroll(id="form"):
            for name, (label, hint) in LABELS.items():
                with Vertical(classes="field", id=f"field-{name}"):
                    yield Label(label + (f"  · {hint}" if hint else ""), classes="field-label")
                    yield self._editor(name)
                    yield Plain("", classes="field-error", id=f"error-{name}")
        with Horizontal(id="form-actions"):
            yield Plain("", id="form-status")
            yield Button("Cancel", id="cancel", action="screen.cancel", compact=True)
            yield Button("Save ^S", id="save", action="screen.save", variant="primary", compact=True)
        yield Footer()

    def _editor(self, name: str) -> Widget:
        value = self.values.get(name, "")
        if name == "category":
            return Select([(c, c) for c in CATEGORIES], value=value, allow_blank=False,
                          id=name, compact=True)
        if name == "level":
            return Select([(v, v) for v in LEVELS], value=value, allow_blank=False, id=name,
                          compact=True)
        if name in AREAS:
            area = TextArea(value, id=name, soft_wrap=True, tab_behavior="focus")
            area.styles.height = AREAS[name] + 2
            return area
        return Input(value, id=name, compact=True)

    def on_mount(self) -> None:
        self.query_one("#prompt").focus()
        self._check()

    def read_values(self) -> dict[str, str]:
        values = {}
        for name in LABELS:
            widget = self.query_one(f"#{name}")
            if isinstance(widget, TextArea):
                values[name] = widget.text
            elif isinstance(widget, Select):
                values[name] = str(widget.value)
            else:
                values[name] = self.query_one(f"#{name}", Input).value
        return values

    def _check(self) -> Question | None:
        self.values = self.read_values()
        question, self.problems = check_question(question_from_form(self.values,
                                                                    self.question_id))
        for name in LABELS:
            message = self.problems.get(name, "")
            self.query_one(f"#error-{name}", Plain).update(message)
            self.query_one(f"#field-{name}").set_class(bool(message), "-invalid")
        self.query_one("#save", Button).disabled = question is None
        status = (f"{plural(len(self.problems), 'problem')} to fix before saving" if self.problems
                  else "valid")
        self.query_one("#form-status", Plain).update(status)
        return question

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        self._check()

    def action_save(self) -> None:
        question = self._check()
        if question is None:
            self.notify("Fix the fields marked in red first; nothing is lost.",
                        severity="warning")
            return
        self.dismiss(question)

    def action_suggest_key_points(self) -> None:
        """Fill an empty key-points field with points derived from the sample answer."""
        from mockint.core.analysis import Vocabulary, derive_key_points

        area = self.query_one("#key_points", TextArea)
        sample = self.query_one("#sample_answer", TextArea).text
        if area.text.strip() or not sample.strip():
            self.notify("Suggestions need a sample answer and an empty key-points field.",
                        severity="warning")
            return
        store = getattr(self.app, "decks", None)
        questions = [q for deck in store.decks for q in deck.questions] if store else []
        points = derive_key_points(sample, Vocabulary(questions))
        area.text = key_points_text(points)
        self.notify(f"{len(points)} key points suggested from the sample answer: edit freely.")

    def action_cancel(self) -> None:
        if self.read_values() == self.initial:
            self.dismiss(None)
            return

        def decided(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Discard your changes to this question?",
                                           yes="Discard", no="Keep editing"), decided)
