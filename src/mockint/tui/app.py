"""The Textual application: one factory (`make_app`) used by the CLI, tests and snapshots.

The app composes the parts and starts up (theme, settings, opening the
history, start-up notices). The jobs live in their own rooms: `flow` (the
interview and its saves, `interview_flow.py`), `nav` (every screen, by name,
`navigation.py`) and `deck_actions` (import, export, create).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import cached_property
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.signal import Signal
from textual.theme import Theme

from mockint import collector, paths
from mockint.core.display import visible
from mockint.core.timing import utcnow
from mockint.storage.decks import DeckStore
from mockint.storage.history_errors import HistoryUnavailable
from mockint.storage.settings import Settings, SettingsProblem, load_settings_or_defaults
from mockint.tui import messages, paste
from mockint.tui.deck_actions import DeckActions
from mockint.tui.leftovers import release_closed_widgets
from mockint.tui.navigation import Navigator
from mockint.tui.preferences import Preferences
from mockint.tui.themes import register_themes, theme_variable_defaults, usable_theme

if TYPE_CHECKING:
    # The interview flow brings the session models (pydantic) and the interview and
    # reveal screens: it is built when first wanted, not before the first frame.
    from mockint.core.first_look import FirstLook
    from mockint.core.session import Interview, SessionConfig
    from mockint.storage.history import HistoryStore
    from mockint.tui.interview_flow import InterviewFlow
    from mockint.tui.presets import SetupMemory

MIN_SIZE = (80, 24)  # every screen is laid out (and snapshot-tested) down to this
TICK_SECONDS = 0.25  # how often timers look at the clock: the display lags by at most this


class MockintApp(App[None]):
    """mockint: decks in, timed answers, reveal side by side, and a record of it all."""

    # Home is the default screen, and Textual loads a screen's CSS_PATH only when it is
    # pushed, never for the default screen: home's rules (padding, the plan's colour,
    # the panes' widths) were never applied. Its rules are scoped to HomeScreen. An app
    # that starts on an interview (`mockint run`) loads the interview's rules instead:
    # a screen pushed with rules not yet loaded makes Textual parse every sheet again.
    CSS_PATH = ["app.tcss", "screens/home.tcss"]
    INTERVIEW_FIRST_CSS: list[str | PurePath] = ["app.tcss", "screens/interview.tcss"]
    TITLE = "mockint"
    SUB_TITLE = "mock interviews in your terminal"
    BINDINGS = [
        Binding("f1", "help", "Help", tooltip="What this screen is for and its keys"),
        Binding("question_mark", "help", "Help", show=False),
        Binding("f2", "settings", "Settings", show=False, tooltip="Theme and defaults"),
        Binding("ctrl+q", "quit", "Quit", tooltip="Quit mockint (asks first mid-interview)",
                priority=True),
    ]

    def __init__(
        self,
        decks: DeckStore,
        *,
        history: HistoryStore | None = None,
        history_problem: HistoryUnavailable | None = None,
        clock: Callable[[], float] | None = None,
        start_with: SessionConfig | None = None,
        first_look: FirstLook | None = None,
        open_history_later: bool = False,
        deck_paths: Iterable[Path] = (),
        edit_deck: Path | None = None,
        settings: Settings | None = None,
        settings_problem: SettingsProblem | None = None,
        now: Callable[[], datetime] = utcnow,
        fuzz: bool = True,
    ) -> None:
        starts_on_interview = start_with is not None or first_look is not None
        self._variables: tuple[Theme, dict[str, str]] | None = None  # get_css_variables
        self._themes_known = False
        super().__init__(css_path=self.INTERVIEW_FIRST_CSS if starts_on_interview else None)
        paste.install()  # a paste with ESC in it arrives whole (tui/paste.py)
        settings = settings or Settings()
        theme_problems = register_themes(self)
        self._themes_known = True
        self.prefs = Preferences(self, settings, settings_problem, theme_problems)
        self.theme = usable_theme(self, settings.theme, theme_problems)
        # Textual made the stylesheet with its default theme's variables, and setting
        # `theme` queued a refresh that re-parses every sheet once the app runs (~6 ms of
        # the first frame). Nothing is parsed yet: give it the right variables now, and
        # that first refresh has nothing to do (refresh_css).
        self._first_variables: dict[str, str] | None = self.get_css_variables()
        self.stylesheet.set_variables(self._first_variables)
        self.now = now
        self.fuzz = fuzz
        self.deck_paths = list(deck_paths)
        self.edit_deck = edit_deck
        self.open_history_later = open_history_later
        self.decks = decks
        self.history = history
        self.history_problem = history_problem
        self.clock = clock or time.monotonic
        self.start_with = start_with
        self.first_look = first_look  # `mockint run`'s first question, before the models
        self._said_small = False
        self.ticked: Signal[float] = Signal(self, "ticked")
        """Published every TICK_SECONDS with the injected clock's time."""
        self.nav = Navigator(self)
        self._flow: InterviewFlow | None = None
        self.deck_actions = DeckActions(self)

    @property
    def flow(self) -> InterviewFlow:
        """The interview flow, built on first use: home never needs it before its first frame."""
        if self._flow is None:
            from mockint.tui.interview_flow import InterviewFlow

            self._flow = InterviewFlow(self)
            if self.history is not None:
                self._flow.history_ready(self.history)
        return self._flow

    @property
    def history_opening(self) -> bool:
        """Whether the history is still being opened in the background (the CLI's way)."""
        return self.history_pending

    @property
    def history_pending(self) -> bool:
        """The history is still being opened in the background."""
        return self.history is None and self.history_problem is None and self.open_history_later

    @property
    def settings(self) -> Settings:
        return self.prefs.settings

    @cached_property
    def setups(self) -> SetupMemory:
        """The remembered setups and presets (read when first wanted, not at start-up)."""
        from mockint.tui.presets import SetupMemory

        return SetupMemory(self)

    def watch_theme(self, name: str) -> None:
        self.prefs.theme_chosen(name)

    def refresh_css(self, animate: bool = True) -> None:
        first, self._first_variables = self._first_variables, None
        if first is not None and first == self.get_css_variables():
            return  # the refresh the first theme queued: parsed with these already
        super().refresh_css(animate)

    def get_css_variables(self) -> dict[str, str]:
        """Textual's variables, made once per theme (each making costs ~2 ms of the start).

        Textual asks first in `App.__init__`, before mockint's themes are registered
        and chosen; `__init__` replaces that answer at once, so it is not worked out."""
        if not self._themes_known:
            return {}
        theme = self.current_theme
        if self._variables is None or self._variables[0] is not theme:
            self._variables = (theme, super().get_css_variables())
        self.theme_variables = self._variables[1]
        return dict(self._variables[1])

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return theme_variable_defaults(self.current_theme)

    def get_default_screen(self) -> Screen:
        if self.first_look is not None:  # `mockint run`, decks known good: question 1 at once
            return self.nav.first_question(self.first_look)
        if self.start_with is not None:
            # `mockint run`: the interview comes first; home is built when it is wanted.
            return Screen()
        from mockint.tui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        self._check_size(*self.size)
        if self.start_with is None and self.first_look is None:  # no deck list: no need yet
            self.call_after_refresh(self.deck_actions.check)
        self.set_interval(TICK_SECONDS, self.tick)
        if self.start_with is not None:
            self.flow.start(self.start_with)
        elif self.first_look is not None:
            self.call_after_refresh(self._start_first_look)
        if self.edit_deck is not None:
            self.nav.editor(self.edit_deck)
        if self.history_pending:
            self.call_after_refresh(self._open_history)
        else:
            self._history_ready()
        self.call_after_refresh(collector.release)

    def _start_first_look(self) -> None:
        """Question 1 is on screen: now load the models and build the interview it belongs
        to (the screen attaches it; keys pressed meanwhile wait in Textual's queue)."""
        from mockint.core.session import SessionConfig

        assert self.first_look is not None
        self.start_with = SessionConfig(**self.first_look.config)
        self.flow.start(self.start_with)

    @work(thread=True, exclusive=True, group="history-open")
    def _open_history(self) -> None:
        # Off the start-up path: creating or migrating the file must not delay the
        # first screen. Saves asked for before it is open are made once it is.
        history, problem = open_history()
        self.call_from_thread(self._history_opened, history, problem)

    def _history_opened(self, history: HistoryStore | None,
                        problem: HistoryUnavailable | None) -> None:
        self.history, self.history_problem = history, problem
        self.open_history_later = False
        self._history_ready()
        for screen in self.screen_stack:  # home was drawn before the history was open
            screen.post_message(messages.HistoryOpened())

    def _history_ready(self) -> None:
        self.prefs.report_problems()
        if self.history_problem is not None:
            problem = self.history_problem
            self.notify(f"{problem.path}: {problem.problem}. {problem.advice} Interviews "
                        "still work, but this session will not be saved.",
                        title="History unavailable", severity="error", timeout=20)
        if self.history is None:
            if self._flow is not None:  # only a flow can be waiting for the history
                self._flow.history_missing()
            return
        had_interview = (self.interview is not None or self.start_with is not None
                         or self.first_look is not None)
        if self._flow is not None:
            self._flow.history_ready(self.history)
        if not had_interview and self.history.unfinished() is not None:
            self.flow.offer_resume()

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every notification is plain text: they carry paths, deck titles and error
        messages, so none is read as markup or reaches the terminal with a control."""
        super().notify(visible(message), title=visible(title), severity=severity,
                       timeout=timeout, markup=False)

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(*event.size)

    def _check_size(self, width: int, height: int) -> None:
        small = width < MIN_SIZE[0] or height < MIN_SIZE[1]
        if small and not self._said_small:
            self.notify(f"The terminal is {width}×{height}; mockint is laid out for at least "
                        f"{MIN_SIZE[0]}×{MIN_SIZE[1]}. Everything still works; make the "
                        "window bigger to see it all.", title="Terminal too small",
                        severity="warning", timeout=8)
        self._said_small = small

    def on_unmount(self) -> None:
        if self._flow is not None:
            self._flow.close()

    async def action_quit(self) -> None:
        """Quit, but ask first in the middle of an interview."""
        from mockint.tui.screens.interview import InterviewScreen

        if isinstance(self.screen, InterviewScreen):
            self.screen.action_leave()
        else:
            self.exit()

    def action_settings(self) -> None:
        self.nav.settings()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from mockint.tui.keys import palette_commands

        # The screen's own keys first (tui/keys.py: generated from its bindings), then
        # the places anyone can go and Textual's own; one command per title.
        titles: set[str] = set()
        for command in [*(SystemCommand(*c) for c in palette_commands(screen)),
                        *(SystemCommand(*c) for c in self.nav.palette_commands()),
                        *super().get_system_commands(screen)]:
            if command.title not in titles:
                titles.add(command.title)
                yield command

    def action_help(self) -> None:
        self.nav.help()

    def action_select_row(self) -> None:
        """Enter's job on a list, for screens that bind it (so F1 and the palette show it):
        the focused table selects its highlighted row, as Enter on it does."""
        from textual.widgets import DataTable

        from mockint.tui.widgets.fitted_table import FittedTable

        focused = self.screen.focused
        if isinstance(focused, DataTable | FittedTable) and focused.row_count:
            focused.action_select_cursor()

    # --- the running app ---------------------------------------------------------

    def tick(self) -> None:
        """A few times a second: timers and debounces compare the injected clock."""
        if self._flow is not None:
            self._flow.tick()
        self.ticked.publish(self.clock())
        stack = self.screen_stack
        changed = bool(stack) and stack[-1] is not self._ticked_screen  # opened or closed
        if changed:
            self._ticked_screen = stack[-1]
        release_closed_widgets(self, screen_changed=changed)

    _ticked_screen: Screen | None = None

    @on(messages.InterviewMessage)
    def _interview_message(self, message: messages.InterviewMessage) -> None:
        self.flow.handle(message)

    @property
    def interview(self) -> Interview | None:
        """The interview in progress (owned by `flow`)."""
        return self._flow.interview if self._flow is not None else None

    def flush_saves(self) -> None:
        """Wait for queued saves (tests, and before reading the history back)."""
        if self._flow is not None:
            self._flow.flush()


def run_app(app: App[Any], *, headless: bool = False) -> int:
    """Run `app`; the process's exit status: non-zero when it ended on an error (Textual
    has shown the traceback), so a crash is never reported to the shell as success."""
    app.run(headless=headless)
    return app.return_code or 0


def open_history(path: Path | None = None) -> tuple[HistoryStore | None, HistoryUnavailable | None]:
    from mockint.storage.history import HistoryStore  # SQLite and the store: after the first frame

    try:
        return HistoryStore.open(path or paths.history_db_path()), None
    except HistoryUnavailable as problem:
        return None, problem


def make_app(
    deck_paths: Iterable[Path] = (),
    *,
    decks: DeckStore | None = None,
    history: HistoryStore | None = None,
    use_history: bool = True,
    history_in_background: bool = False,
    clock: Callable[[], float] | None = None,
    start_with: SessionConfig | None = None,
    first_look: FirstLook | None = None,
    edit_deck: Path | None = None,
    settings: Settings | None = None,
    now: Callable[[], datetime] = utcnow,
    fuzz: bool = True,
) -> MockintApp:
    """Build the app the way the CLI does; tests pass `decks`, a `history` and a fake `clock`.

    The CLI opens the history in the background (`history_in_background`) so the
    first screen is not kept waiting; tests open it here, before the app runs.
    """
    settings_problem = None
    if settings is None:
        settings, settings_problem = load_settings_or_defaults()
    deck_paths = [*deck_paths, *(Path(p).expanduser() for p in settings.deck_folders)]
    store = decks if decks is not None else DeckStore.discover(deck_paths, index=True)
    problem = None
    if history is None and use_history and not history_in_background:
        history, problem = open_history()
    return MockintApp(store, history=history, history_problem=problem, clock=clock,
                      start_with=start_with, first_look=first_look,
                      open_history_later=history_in_background,
                      deck_paths=deck_paths, edit_deck=edit_deck, settings=settings,
                      settings_problem=settings_problem, now=now, fuzz=fuzz)
