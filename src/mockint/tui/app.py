"""The Textual application: one factory (`make_app`) used by the CLI, tests and snapshots."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from textual import on
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from mockint.core.session import (
    Interview,
    InterviewError,
    Phase,
    SessionConfig,
    decks_by_id,
    prepare_config,
    select_questions,
)
from mockint.storage.decks import DeckStore
from mockint.tui.screens.help import HelpScreen
from mockint.tui.screens.home import HomeScreen
from mockint.tui.screens.interview import InterviewScreen
from mockint.tui.screens.reveal import RevealScreen
from mockint.tui.screens.setup import SetupScreen
from mockint.tui.screens.summary import SummaryScreen

# App-specific colours, overridable by a theme file (see themes/). Each defaults
# to one of the theme's own base colours, so a theme that sets none still works.
THEME_VARIABLE_SOURCES = {
    "timer-normal": "success",
    "timer-warning": "warning",
    "timer-overtime": "error",
    "covered": "success",
    "missed": "error",
    "star-situation": "primary",
    "star-task": "secondary",
    "star-action": "accent",
    "star-result": "success",
}


class MockintApp(App[None]):
    """mockint: decks in, timed answers, reveal side by side, and a record of it all."""

    CSS_PATH = "app.tcss"
    TITLE = "mockint"
    SUB_TITLE = "mock interviews in your terminal"
    BINDINGS = [
        Binding("f1", "help", "Help", tooltip="What this screen is for and its keys"),
        Binding("ctrl+q", "quit", "Quit", tooltip="Quit mockint (asks first mid-interview)",
                priority=True),
    ]

    def __init__(
        self,
        decks: DeckStore,
        *,
        clock: Callable[[], float] | None = None,
        start_with: SessionConfig | None = None,
    ) -> None:
        super().__init__()
        self.decks = decks
        self.clock = clock or time.monotonic
        self.start_with = start_with
        self.interview: Interview | None = None
        self.bell_enabled = False

    def get_theme_variable_defaults(self) -> dict[str, str]:
        base = self.current_theme.to_color_system().generate()
        return {name: base[source] for name, source in THEME_VARIABLE_SOURCES.items()}

    def get_default_screen(self) -> Screen:
        return HomeScreen()

    def on_mount(self) -> None:
        if self.start_with is not None:
            self.start_interview(self.start_with)

    async def action_quit(self) -> None:
        """Quit, unless the screen wants to ask first (an interview in progress does)."""
        leave = getattr(self.screen, "action_leave", None)
        if leave is not None:
            leave()
        else:
            self.exit()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    # --- the interview flow: screens post what happened, the app moves on ---

    def open_setup(self, deck_ids: list[str]) -> None:
        def chosen(config: SessionConfig | None) -> None:
            if config is not None:
                self.start_interview(config)

        self.push_screen(SetupScreen(self.decks.decks, deck_ids), chosen)

    def start_interview(self, config: SessionConfig) -> bool:
        config = prepare_config(config)
        try:
            questions = select_questions(decks_by_id(self.decks.decks, config.deck_ids), config)
            self.interview = Interview.start(questions, config, clock=self.clock)
        except InterviewError as error:
            self.notify(str(error), title="Cannot start", severity="error")
            return False
        self.push_screen(InterviewScreen(self.interview))
        return True

    @on(InterviewScreen.AnswerSubmitted)
    def _answer_submitted(self) -> None:
        interview = self._current()
        if interview.phase is Phase.SUBMITTED:
            interview.reveal()
        self.switch_screen(RevealScreen(interview))

    @on(RevealScreen.FollowUpAsked)
    def _follow_up_asked(self) -> None:
        interview = self._current()
        interview.ask_follow_up()
        self.switch_screen(InterviewScreen(interview))

    @on(RevealScreen.MovedOn)
    def _moved_on(self) -> None:
        interview = self._current()
        interview.next()
        if interview.phase is Phase.FINISHED:
            self.switch_screen(SummaryScreen(interview.record))
        else:
            self.switch_screen(InterviewScreen(interview))

    @on(InterviewScreen.LeaveRequested)
    def _leave_requested(self) -> None:
        interview = self._current()
        interview.abandon()
        self.switch_screen(SummaryScreen(interview.record))

    def _current(self) -> Interview:
        assert self.interview is not None, "no interview in progress"
        return self.interview


def make_app(
    deck_paths: Iterable[Path] = (),
    *,
    decks: DeckStore | None = None,
    clock: Callable[[], float] | None = None,
    start_with: SessionConfig | None = None,
) -> MockintApp:
    """Build the app the way the CLI does; tests pass `decks` and a fake `clock`."""
    store = decks if decks is not None else DeckStore.discover(deck_paths)
    return MockintApp(store, clock=clock, start_with=start_with)
