"""Settings: theme (previewed live), defaults for new interviews, speaking pace, decks."""

from __future__ import annotations

import typing
from typing import Any

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Select, Switch, TextArea

from mockint.storage.settings import Settings, field_words, problem_words
from mockint.tui.access import mockint_app
from mockint.tui.literal import visible
from mockint.tui.speaker import find_speaker
from mockint.tui.themes import theme_groups
from mockint.tui.widgets.footer import Footer
from mockint.tui.widgets.plain import Plain
from mockint.tui.widgets.screen_header import ScreenHeader

# The text fields, in order, each with a hint. Their labels and units come from
# storage's FIELD_WORDS, which the settings file's messages use too.
INPUTS = {
    "default_seconds": "empty = each deck's own",
    "warning_fraction": "of the time left; 25 = a quarter left",
    "words_per_minute": "for the spoken-time estimate",
    "interviewer_name": "for decks without a persona",
    "interviewer_role": "",
    "desired_retention": "0.7–0.99: higher forgets less but asks for more reviews; lower, "
                         "fewer reviews but more forgetting",
    "practice_size": "",
    "daily_minutes": "what the plan toward an interview fills each day",
    "full_intro": "0–5",
    "full_technical": "0–20",
    "full_behavioral": "0–20",
    "full_design": "0–10",
    "full_minutes": "5–300",
    "think_seconds": "0 = none; typing starts the clock early",
    "speaker_command": "empty = espeak-ng; the question goes on its standard input",
}
# On/off settings shown as switches (after the bell, which sits with the timer).
SWITCHES = ("cram_moves_cards", "require_rating_in_mock", "speak_questions")


def heading(field: str) -> str:
    """A field's label as the screen shows it, with its unit: "Timer warning (%)"."""
    words = field_words(field)
    return f"{words.label} ({words.unit})" if words.unit else words.label


def shown_value(settings: Settings, field: str) -> str:
    """A setting as its field shows it (a fraction in %, nothing for None)."""
    value = getattr(settings, field)
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value * field_words(field).scale:g}"
    return str(value)


def settings_from_form(current: Settings,
                       values: dict[str, Any]) -> tuple[Settings | None, dict[str, str]]:
    """New settings from the form's raw values, or every problem by field, each worded
    as the screen labels the field ("Timer warning: between 0 and 90 %")."""
    data = current.model_dump()
    problems: dict[str, str] = {}
    for field, raw in values.items():
        info = Settings.model_fields.get(field)
        if info is None:
            continue
        kinds = typing.get_args(info.annotation) or (info.annotation,)
        if field == "deck_folders":
            data[field] = [line.strip() for line in raw.splitlines() if line.strip()]
        elif not isinstance(raw, str) or not ({int, float} & set(kinds)):
            data[field] = raw.strip() if isinstance(raw, str) else raw
        elif not raw.strip():  # empty: none if the setting allows it, else its default
            data[field] = None if type(None) in kinds else info.get_default(
                call_default_factory=True)
        else:
            try:
                data[field] = (int(raw.strip()) if int in kinds
                               else float(raw.strip()) / field_words(field).scale)
            except ValueError:
                kind = "int_parsing" if int in kinds else "float_parsing"
                problems[field] = problem_words({"loc": (field,), "type": kind})[1]
    try:
        settings = Settings.model_validate(data)
    except ValidationError as error:
        for problem in error.errors():
            field, message = problem_words(problem)
            problems.setdefault(field, message)
        return None, problems
    return (None if problems else settings), problems


class SettingsScreen(Screen[None]):
    CSS_PATH = "settings.tcss"
    HELP_TITLE = "Settings"
    HELP = """
The theme changes as you pick it, so you can see it before saving: mockint's
themes come first, Textual's built-in ones after them, marked as such. The
other settings apply to the next interview. A value out of range is named
under its field, in the field's own unit. Ctrl+S saves them to settings.toml
(see `mockint config path`); Esc leaves, and asks first if you changed
something (the theme goes back too unless you save).
"""
    BINDINGS = [
        Binding("ctrl+s", "save", "Save settings", priority=True),
        Binding("escape", "cancel", "Back"),
    ]

    def compose(self) -> ComposeResult:
        s: Settings = mockint_app(self).settings
        # Inputs show controls as symbols; an untouched field keeps its stored text.
        self._stored = {name: shown_value(s, name) for name in INPUTS}
        self._stored["deck_folders"] = "\n".join(s.deck_folders)
        ours, textuals = theme_groups(self.app)
        themes = [(Content(visible(t)), t) for t in ours] + [
            (Content(visible(t)) + Content.styled("  · Textual built-in", "$text-muted"), t)
            for t in textuals]
        yield ScreenHeader()
        with VerticalScroll(id="settings-form"):
            yield Label("Theme  · mockint's first, then Textual's built-in themes",
                        classes="field-label")
            yield Select(themes, value=self.app.theme, allow_blank=False, id="theme")
            yield Label(heading("default_mode"), classes="field-label")
            yield Select([("practice: peeks allowed", "practice"), ("mock: strict", "mock")],
                         value=s.default_mode, allow_blank=False, id="default_mode")
            with Horizontal(classes="switch-row"):
                yield Switch(value=s.bell, id="bell")
                yield Label(heading("bell"), classes="field-label")
            for name, hint in INPUTS.items():
                yield Label(heading(name) + (f"  · {hint}" if hint else ""),
                            classes="field-label")
                yield Input(visible(self._stored[name]), id=name, compact=True)
                yield Plain("", id=f"{name}-problem", classes="field-problem")
            for name in SWITCHES:
                with Horizontal(classes="switch-row"):
                    yield Switch(value=getattr(s, name), id=name)
                    yield Label(heading(name), classes="field-label")
            # Whether a speaker is there to read questions aloud, or why not (one line).
            yield Plain(find_speaker(s.speaker_command).note, id="speaker-note",
                        classes="field-label")
            yield Label(heading("deck_folders") + "  · one per line", classes="field-label")
            yield TextArea(visible(self._stored["deck_folders"]), id="deck_folders")
            yield Plain("", id="deck_folders-problem", classes="field-problem")
        with Horizontal(id="settings-actions"):
            yield Plain("", id="settings-status")
            yield Button("Back", id="back", action="screen.cancel", compact=True)
            yield Button("Save ^S", id="save", action="screen.save", variant="primary", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.original_theme = self.app.theme
        self._as_opened = self.form()
        self._show_problems({})
        self.query_one("#theme").focus()

    def form(self) -> dict[str, Any]:
        values: dict[str, Any] = {name: self._typed(name, self.query_one(f"#{name}", Input).value)
                                  for name in INPUTS}
        values["theme"] = self.query_one("#theme", Select).value
        values["default_mode"] = self.query_one("#default_mode", Select).value
        values["bell"] = self.query_one("#bell", Switch).value
        for name in SWITCHES:
            values[name] = self.query_one(f"#{name}", Switch).value
        values["deck_folders"] = self._typed("deck_folders",
                                             self.query_one("#deck_folders", TextArea).text)
        return values

    def _typed(self, name: str, shown: str) -> str:
        """What the field holds: the stored text if the user left it as shown."""
        stored = self._stored[name]
        return stored if shown == visible(stored) else shown

    @property
    def edited(self) -> bool:
        """Something differs from what the screen opened with."""
        return self.form() != self._as_opened

    @on(Select.Changed, "#theme")
    def _preview(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.app.theme = event.value

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Switch.Changed)
    @on(TextArea.Changed)
    def _check(self) -> None:
        form = self.form()
        settings, problems = settings_from_form(mockint_app(self).settings, form)
        self.query_one("#speaker-note", Plain).update(find_speaker(form["speaker_command"]).note)
        self._show_problems(problems)
        self.query_one("#save", Button).disabled = settings is None

    def _show_problems(self, problems: dict[str, str]) -> None:
        """Each problem under its field; the status line names the fields to fix (or
        says the problem itself when its field has no place on this screen)."""
        for widget in self.query(".field-problem").results(Plain):
            field = (widget.id or "").removesuffix("-problem")
            widget.update(problems.get(field, ""))
            widget.display = field in problems
        elsewhere = [message for field, message in problems.items()
                     if not self.query(f"#{field}-problem")]
        status = elsewhere[0] if elsewhere else ""
        if problems and not status:
            status = "Can't save yet: " + ", ".join(field_words(f).label for f in problems)
        self.query_one("#settings-status", Plain).update(status)

    def action_save(self) -> None:
        settings, problems = settings_from_form(mockint_app(self).settings, self.form())
        if settings is None:
            self._show_problems(problems)
            self.notify("\n".join(problems.values()) or "These settings cannot be saved.",
                        title="Not saved", severity="error", markup=False)
            first = next((f for f in problems if self.query(f"#{f}-problem")), None)
            if first is not None:
                self.query_one(f"#{first}").focus()  # scrolls the field into view
            return
        mockint_app(self).prefs.update(settings)
        self.notify("Settings saved; they apply to the next interview.")
        self.app.pop_screen()

    def action_cancel(self) -> None:
        if not self.edited:
            self._leave()
            return
        from mockint.tui.screens.choice import ChoiceScreen

        def decided(choice: str | None) -> None:
            if choice == "save":
                self.action_save()
            elif choice == "discard":
                self._leave()

        self.app.push_screen(ChoiceScreen(
            "You changed settings here without saving them.",
            [("cancel", "Stay"), ("discard", "Discard"), ("save", "Save")]), decided)

    def _leave(self) -> None:
        self.app.theme = self.original_theme
        self.app.pop_screen()
