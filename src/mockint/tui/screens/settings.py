"""Settings: theme (previewed live), defaults for new interviews, speaking pace, decks."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Select, Switch, TextArea

from mockint.storage.settings import Settings
from mockint.tui.access import mockint_app
from mockint.tui.literal import visible
from mockint.tui.widgets.plain import Plain
from mockint.tui.widgets.screen_header import ScreenHeader

INPUTS = {
    "default_seconds": ("Default seconds per question", "empty = each deck's own"),
    "warning_percent": ("Timer warning at % of time left", "25 = a quarter left"),
    "words_per_minute": ("Speaking pace, words per minute", "for the spoken-time estimate"),
    "interviewer_name": ("Default interviewer name", "for decks without a persona"),
    "interviewer_role": ("Default interviewer role", ""),
    "desired_retention": ("Desired retention (FSRS)", "0.7–0.99: higher forgets less but "
                          "asks for more reviews; lower, fewer reviews but more forgetting"),
    "practice_size": ("Questions per practice session", ""),
    "daily_minutes": ("Daily practice budget, minutes", "what the plan toward an interview "
                      "fills each day"),
    "full_intro": ("Full interview: intro questions", "0–5"),
    "full_technical": ("Full interview: technical questions", "0–20"),
    "full_behavioral": ("Full interview: behavioral questions", "0–20"),
    "full_design": ("Full interview: design or situational questions", "0–10"),
    "full_minutes": ("Full interview: time budget, minutes", "5–300"),
}
FULL_FIELDS = ("full_intro", "full_technical", "full_behavioral", "full_design", "full_minutes")


def settings_from_form(current: Settings, values: dict[str, Any]) -> tuple[Settings | None, str]:
    """New settings from the form's raw values, or the first problem, worded for the user."""
    data = current.model_dump()
    data.update(theme=values["theme"], default_mode=values["default_mode"], bell=values["bell"],
                interviewer_name=values["interviewer_name"].strip(),
                interviewer_role=values["interviewer_role"].strip(),
                deck_folders=[line.strip() for line in values["deck_folders"].splitlines()
                              if line.strip()])
    data["cram_moves_cards"] = values.get("cram_moves_cards", current.cram_moves_cards)
    for key in ("default_seconds", "words_per_minute", "practice_size", "daily_minutes",
                *FULL_FIELDS):
        text = values[key].strip()
        data[key] = (int(text) if text.isdigit() else text) if text else None
    for key in FULL_FIELDS:
        data[key] = getattr(current, key) if data[key] is None else data[key]
    if data["words_per_minute"] is None:
        data["words_per_minute"] = current.words_per_minute
    if data["practice_size"] is None:
        data["practice_size"] = current.practice_size
    if data["daily_minutes"] is None:
        data["daily_minutes"] = current.daily_minutes
    try:
        data["warning_fraction"] = float(values["warning_percent"] or 25) / 100
        data["desired_retention"] = float(values["desired_retention"] or 0.9)
    except ValueError:
        return None, "warning % and retention must be numbers"
    try:
        return Settings.model_validate(data), ""
    except ValidationError as error:
        first = error.errors()[0]
        return None, f"{first['loc'][0]}: {first['msg']}"


class SettingsScreen(Screen[None]):
    CSS_PATH = "settings.tcss"
    HELP_TITLE = "Settings"
    HELP = """
The theme changes as you pick it, so you can see it before saving. The other
settings apply to the next interview. Ctrl+S saves them to settings.toml (see
`mockint config path`); Esc leaves without saving (the theme goes back too).
"""
    BINDINGS = [
        Binding("ctrl+s", "save", "Save settings", priority=True),
        Binding("escape", "cancel", "Back"),
    ]

    def compose(self) -> ComposeResult:
        s: Settings = mockint_app(self).settings
        values = {
            "default_seconds": str(s.default_seconds or ""),
            "warning_percent": f"{s.warning_fraction * 100:g}",
            "words_per_minute": str(s.words_per_minute),
            "interviewer_name": s.interviewer_name, "interviewer_role": s.interviewer_role,
            "desired_retention": f"{s.desired_retention:g}",
            "practice_size": str(s.practice_size),
            "daily_minutes": str(s.daily_minutes),
            **{key: str(getattr(s, key)) for key in FULL_FIELDS},
        }
        # Inputs show controls as symbols; an untouched field keeps its stored text.
        self._stored = {**values, "deck_folders": "\n".join(s.deck_folders)}
        themes = sorted(self.app.available_themes)
        yield ScreenHeader()
        with VerticalScroll(id="settings-form"):
            yield Label("Theme", classes="field-label")
            yield Select([(Content(visible(t)), t) for t in themes], value=self.app.theme,
                         allow_blank=False, id="theme")
            yield Label("Default mode", classes="field-label")
            yield Select([("practice: peeks allowed", "practice"), ("mock: strict", "mock")],
                         value=s.default_mode, allow_blank=False, id="default_mode")
            with Horizontal(classes="switch-row"):
                yield Switch(value=s.bell, id="bell")
                yield Label("Ring the bell at the warning and at zero", classes="field-label")
            for name, (label, hint) in INPUTS.items():
                yield Label(label + (f"  · {hint}" if hint else ""), classes="field-label")
                yield Input(visible(values[name]), id=name, compact=True)
            with Horizontal(classes="switch-row"):
                yield Switch(value=s.cram_moves_cards, id="cram_moves_cards")
                yield Label("Practising ahead (cram, plan) moves FSRS cards that are not due "
                            "yet too", classes="field-label")
            yield Label("Extra deck folders  · one per line", classes="field-label")
            yield TextArea(visible(self._stored["deck_folders"]), id="deck_folders")
        with Horizontal(id="settings-actions"):
            yield Plain("", id="settings-status")
            yield Button("Back", id="back", action="screen.cancel", compact=True)
            yield Button("Save ^S", id="save", action="screen.save", variant="primary", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.original_theme = self.app.theme
        self.query_one("#theme").focus()

    def form(self) -> dict[str, Any]:
        values: dict[str, Any] = {name: self._typed(name, self.query_one(f"#{name}", Input).value)
                                  for name in INPUTS}
        values["theme"] = self.query_one("#theme", Select).value
        values["default_mode"] = self.query_one("#default_mode", Select).value
        values["bell"] = self.query_one("#bell", Switch).value
        values["cram_moves_cards"] = self.query_one("#cram_moves_cards", Switch).value
        values["deck_folders"] = self._typed("deck_folders",
                                             self.query_one("#deck_folders", TextArea).text)
        return values

    def _typed(self, name: str, shown: str) -> str:
        """What the field holds: the stored text if the user left it as shown."""
        stored = self._stored[name]
        return stored if shown == visible(stored) else shown

    @on(Select.Changed, "#theme")
    def _preview(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.app.theme = event.value

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Switch.Changed)
    @on(TextArea.Changed)
    def _check(self) -> None:
        settings, problem = settings_from_form(mockint_app(self).settings, self.form())
        self.query_one("#settings-status", Plain).update(problem or "")
        self.query_one("#save", Button).disabled = settings is None

    def action_save(self) -> None:
        settings, problem = settings_from_form(mockint_app(self).settings, self.form())
        if settings is None:
            self.notify(problem, severity="error", markup=False)
            return
        mockint_app(self).prefs.update(settings)
        self.notify("Settings saved; they apply to the next interview.")
        self.app.pop_screen()

    def action_cancel(self) -> None:
        self.app.theme = self.original_theme
        self.app.pop_screen()
