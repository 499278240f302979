"""Adding an interview: its date, time, label and what it covers, checked as typed."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, SelectionList

from mockint.core.deck import CATEGORIES, LEVELS
from mockint.core.planning import UpcomingInterview, interview_from_form
from mockint.tui.access import mockint_app
from mockint.tui.literal import visible
from mockint.tui.widgets.plain import Plain


class InterviewFormScreen(ModalScreen[UpcomingInterview | None]):
    """Dismisses with the new interview, or None when cancelled."""

    CSS_PATH = "plan_form.tcss"
    HELP_TITLE = "Add an interview"
    HELP = """
The day of the interview (YYYY-MM-DD), when it starts if you know (HH:MM,
your local time), a label such as “Acme — backend”, and what it covers: the
decks, and if you like only some categories or levels (none ticked: all).
mockint then plans each day up to it. Ctrl+S adds it; Esc cancels.
"""
    BINDINGS = [
        Binding("ctrl+s", "save", "Add interview", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def compose(self) -> ComposeResult:
        decks = mockint_app(self).decks.decks
        with Vertical(id="interview-form"):
            yield Plain("Add an interview", classes="section-title")
            with VerticalScroll():
                yield Label("Date  · YYYY-MM-DD", classes="field-label")
                yield Input(placeholder="2026-12-15", id="date", compact=True)
                yield Label("Time  · HH:MM, optional", classes="field-label")
                yield Input(placeholder="14:00", id="time", compact=True)
                yield Label("Label", classes="field-label")
                yield Input(placeholder="Acme — backend", id="label", compact=True,
                            max_length=80)
                yield Label("Decks it covers", classes="field-label")
                yield SelectionList[str](*[(visible(d.title), d.id) for d in decks], id="decks")
                with Horizontal(id="filters"):
                    with Vertical():
                        yield Label("Categories  · none: all", classes="field-label")
                        yield SelectionList[str](*[(c, c) for c in CATEGORIES], id="categories")
                    with Vertical():
                        yield Label("Levels  · none: all", classes="field-label")
                        yield SelectionList[str](*[(v, v) for v in LEVELS], id="levels")
            with Horizontal(id="form-actions"):
                yield Plain("", id="form-status")
                yield Button("Cancel", id="cancel", action="screen.cancel", compact=True)
                yield Button("Add ^S", id="add", action="screen.save", variant="primary",
                             compact=True, disabled=True)

    def on_mount(self) -> None:
        self.query_one("#date", Input).focus()

    def values(self) -> dict[str, object]:
        return {
            **{name: self.query_one(f"#{name}", Input).value for name in ("date", "time", "label")},
            **{name: list(self.query_one(f"#{name}", SelectionList).selected)
               for name in ("decks", "categories", "levels")},
        }

    def checked(self) -> tuple[UpcomingInterview | None, str]:
        deck_ids = [d.id for d in mockint_app(self).decks.decks]
        return interview_from_form(self.values(), deck_ids, mockint_app(self).now())

    @on(Input.Changed)
    @on(SelectionList.SelectedChanged)
    def _check(self) -> None:
        interview, problem = self.checked()
        self.query_one("#form-status", Plain).update(problem)
        self.query_one("#add", Button).disabled = interview is None

    def action_save(self) -> None:
        interview, problem = self.checked()
        if interview is None:
            self.notify(problem, severity="error", markup=False)
            return
        self.dismiss(interview)

    def action_cancel(self) -> None:
        self.dismiss(None)
