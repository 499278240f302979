"""The Textual application: one factory (`make_app`) used by the CLI, tests and snapshots.

The app coordinates the interview: screens post what happened (an answer
submitted, a rating chosen, a move on), the app advances the core `Interview`
and shows the next screen, and every step is saved to the history in the
background so nothing typed is lost.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from mockint import paths
from mockint.core.deck import Deck, Interviewer
from mockint.core.session import (
    Interview,
    InterviewError,
    Phase,
    SessionConfig,
    SessionRecord,
    decks_by_id,
    prepare_config,
    select_questions,
    utcnow,
)
from mockint.storage.decks import DeckStore
from mockint.storage.history import BackgroundWriter, HistoryStore, HistoryUnavailable
from mockint.storage.settings import Settings, SettingsProblem, load_settings_or_defaults
from mockint.tui.screens.interview import InterviewScreen
from mockint.tui.screens.reveal import RevealScreen
from mockint.tui.themes import DEFAULT_THEME, register_themes

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
MIN_SIZE = (80, 24)  # every screen is laid out (and snapshot-tested) down to this
DRAFT_EVERY = 1.0  # seconds: a killed terminal loses at most about this much typing


class MockintApp(App[None]):
    """mockint: decks in, timed answers, reveal side by side, and a record of it all."""

    CSS_PATH = "app.tcss"
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
        open_history_later: bool = False,
        deck_paths: Iterable[Path] = (),
        edit_deck: Path | None = None,
        settings: Settings | None = None,
        settings_problem: SettingsProblem | None = None,
        now: Callable[[], datetime] = utcnow,
        fuzz: bool = True,
    ) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.settings_problem = settings_problem
        self.theme_problems = register_themes(self)
        self.theme = self._usable_theme(self.settings.theme)
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
        self.interview: Interview | None = None
        self.bell_enabled = self.settings.bell
        self._writer = BackgroundWriter(history, self._save_failed) if history else None
        self._last_draft = 0.0
        self._said_small = False
        self._draft_pending = False

    def _usable_theme(self, name: str) -> str:
        if name in self.available_themes:
            return name
        if name != DEFAULT_THEME:
            self.theme_problems.append(f"theme “{name}” (from your settings) was not found; "
                                       f"using {DEFAULT_THEME}")
        return DEFAULT_THEME if DEFAULT_THEME in self.available_themes else "textual-dark"

    def watch_theme(self, name: str) -> None:
        """Remember a theme chosen from the palette or the settings screen."""
        if self.is_running and name != self.settings.theme:
            self.update_settings(self.settings.model_copy(update={"theme": name}))

    def update_settings(self, settings: Settings) -> None:
        """Apply new settings now and keep them in settings.toml (atomically, off the UI)."""
        self.settings = settings
        self.bell_enabled = settings.bell
        if settings.theme != self.theme and settings.theme in self.available_themes:
            self.theme = settings.theme
        self._write_settings(settings)

    @work(thread=True, exclusive=True, group="settings")
    def _write_settings(self, settings: Settings) -> None:
        from mockint.storage.settings import save_settings

        try:
            kept = save_settings(settings)
        except OSError as error:
            self.call_from_thread(self.notify, f"Settings not saved: {error}",
                                  severity="error", markup=False)
            return
        if kept is not None:
            self.call_from_thread(self.notify, f"Your settings file had errors; it is kept as "
                                  f"{kept} and a valid one was written.", severity="warning",
                                  markup=False, timeout=15)

    @property
    def words_per_minute(self) -> int:
        return self.settings.words_per_minute

    def get_theme_variable_defaults(self) -> dict[str, str]:
        base = self.current_theme.to_color_system().generate()
        return {name: base[source] for name, source in THEME_VARIABLE_SOURCES.items()}

    def get_default_screen(self) -> Screen:
        if self.start_with is not None:
            # `mockint run`: the interview comes first; home is built when it is wanted.
            return Screen()
        from mockint.tui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        self._check_size(*self.size)
        if self.start_with is None:  # `mockint run` shows no deck list: no need yet
            self.call_after_refresh(self._check_decks)
        if self.start_with is not None:
            self.start_interview(self.start_with)
        if self.edit_deck is not None:
            self.open_editor(self.edit_deck)
        if self.history is None and self.history_problem is None and self.open_history_later:
            self._open_history()
        else:
            self._history_ready()

    @work(thread=True, exclusive=True, group="history-open")
    def _open_history(self) -> None:
        # Off the start-up path: creating or migrating the file must not delay the
        # first screen. Saves asked for before it is open are made once it is.
        history, problem = open_history()
        self.call_from_thread(self._history_opened, history, problem)

    def _history_opened(self, history: HistoryStore | None,
                        problem: HistoryUnavailable | None) -> None:
        self.history, self.history_problem = history, problem
        if history is not None:
            self._writer = BackgroundWriter(history, self._save_failed)
        self._history_ready()
        for screen in self.screen_stack:  # home was drawn before the history was open
            if hasattr(screen, "show_recent"):
                screen.show_recent()

    @property
    def history_opening(self) -> bool:
        """Whether the history is still being opened in the background (the CLI's way)."""
        return self.history is None and self.history_problem is None and self.open_history_later

    def _history_ready(self) -> None:
        if self.theme_problems:
            self.notify("\n".join(self.theme_problems) + "\nFix or remove those files; the "
                        "other themes work.", title="Themes skipped", severity="warning",
                        timeout=20, markup=False)
            self.theme_problems = []
        if self.settings_problem is not None:
            self.notify(f"{self.settings_problem}. mockint runs on the default settings and "
                        "leaves the file as it is until you change a setting.",
                        title="Settings not read", severity="warning", timeout=20,
                        markup=False)
            self.settings_problem = None
        if self.history_problem is not None:
            problem = self.history_problem
            self.notify(f"{problem.path}: {problem.problem}. {problem.advice} Interviews still "
                        "work, but this session will not be saved.",
                        title="History unavailable", severity="error", timeout=20)
        if self.history is None:
            return
        if self.interview is not None:
            self._save(all_answers=True)
        elif self.start_with is None:
            self._offer_resume()

    def on_resize(self, event) -> None:
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
        if self._writer is not None:
            self._writer.close()

    async def action_quit(self) -> None:
        """Quit, unless the screen wants to ask first (an interview in progress does)."""
        leave = getattr(self.screen, "action_leave", None)
        if leave is not None:
            leave()
        else:
            self.exit()

    def action_settings(self) -> None:
        from mockint.tui.screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        commands = [
            ("Settings", "Theme, default mode and time, bell, pace, deck folders",
             self.action_settings),
            ("Decks", "Edit, copy, create, import and export decks", self.open_decks),
            ("History", "Past sessions, search inside answers, export", self._open_history_screen),
            ("Stats", "Progress over the last weeks and what is due", self._open_stats),
            ("Story bank", "Your STAR stories, the competencies they cover, practise one",
             self._open_stories),
            ("Practise due questions", "A session of the questions FSRS says are due",
             lambda: self.start_practice("due")),
            ("Practise weak questions", "Lowest recent ratings, missed points, overtime",
             lambda: self.start_practice("weak")),
            ("Practise new questions", "Questions you have never answered",
             lambda: self.start_practice("new")),
            ("Interviews and daily plan", "Interview dates, countdown, the plan toward them",
             self._open_plan),
        ]
        for title, help_text, callback in commands:
            yield SystemCommand(title, help_text, callback)

    def _open_plan(self) -> None:
        from mockint.tui.screens.plan import PlanScreen

        self.push_screen(PlanScreen())

    def _open_history_screen(self) -> None:
        from mockint.tui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen())

    def _open_stories(self) -> None:
        from mockint.tui.screens.stories import StoriesScreen

        self.push_screen(StoriesScreen())

    def _open_stats(self) -> None:
        from mockint.tui.screens.stats import StatsScreen

        self.push_screen(StatsScreen())

    def action_help(self) -> None:
        from mockint.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    # --- the interview flow: screens post what happened, the app moves on ---

    def go_home(self) -> None:
        """Back to the home screen, building it if the app started on an interview."""
        from mockint.tui.screens.home import HomeScreen

        if any(isinstance(screen, HomeScreen) for screen in self.screen_stack):
            while not isinstance(self.screen, HomeScreen):
                self.pop_screen()
        else:
            self.switch_screen(HomeScreen())
            self._check_decks()

    # --- decks ------------------------------------------------------------------

    def reload_decks(self) -> None:
        """Read the decks again after one was saved, copied, created or imported."""
        self.decks = DeckStore.discover(self.deck_paths, index=True)
        self._check_decks()

    @work(thread=True, exclusive=True, group="check-decks")
    def _check_decks(self) -> None:
        """Validate, after the first frame, the decks the index has no verdict for."""
        store = self.decks
        if store.check_pending():
            self.call_from_thread(self._decks_checked, store)

    def _decks_checked(self, store: DeckStore) -> None:
        if store is not self.decks:
            return
        for screen in self.screen_stack:  # a deck found broken gets its ⚠
            if hasattr(screen, "show_decks"):
                screen.show_decks()

    def open_decks(self) -> None:
        from mockint.tui.screens.decks import DecksScreen

        self.push_screen(DecksScreen())

    def open_editor(self, path: Path) -> None:
        from mockint.storage.decks import DeckLoadError
        from mockint.tui.screens.deck_editor import DeckEditorScreen

        try:
            self.push_screen(DeckEditorScreen(path))
        except DeckLoadError as error:
            self.notify(str(error), title="Cannot open the deck", severity="error",
                        markup=False)

    def import_deck_file(self) -> None:
        """The import dialog: a path, a preview, then the questions into a deck of the user's."""
        from mockint.storage.formats.importing import ImportReport
        from mockint.tui.screens.import_dialog import ImportScreen

        def done(reports: list[ImportReport] | None) -> None:
            if not reports:
                return
            lines = []
            for report in reports:
                lines.append(f"{report.added} question(s) added to {report.deck_path.name}"
                             + (f", {report.updated} updated" if report.updated else "")
                             + f", {report.skipped_duplicates} already there.")
                problems = [f"line {p.line}: {p.reason}" for p in report.problems[:6]]
                if problems:
                    lines += ["Not imported:", *problems]
                if len(report.problems) > 6:
                    lines.append(f"…and {len(report.problems) - 6} more "
                                 "(mockint import FILE lists them all)")
            self._imported("\n".join(lines), any(r.problems for r in reports))

        self.push_screen(ImportScreen(), done)

    def _imported(self, text: str, had_problems: bool) -> None:
        self.reload_decks()
        for screen in self.screen_stack:
            if hasattr(screen, "show_decks"):
                screen.show_decks()
        self.notify(text, title="Imported", severity="warning" if had_problems else "information",
                    timeout=15, markup=False)

    def export_deck_file(self, deck: Deck) -> None:
        """Ask for a format and write the deck to the exports folder."""
        from mockint.tui.screens.choice import ChoiceScreen

        def chosen(fmt: str | None) -> None:
            if fmt:
                self._export_deck(deck, fmt)

        self.push_screen(ChoiceScreen(f"Export “{deck.title}” as…", [
            ("csv", "CSV"), ("markdown", "Markdown"), ("json", "JSON")]), chosen)

    @work(thread=True, exclusive=True, group="export")
    def _export_deck(self, deck: Deck, fmt: str) -> None:
        from mockint.storage.formats.export import write_deck_export

        fmt = "md" if fmt == "markdown" else fmt
        path = paths.data_dir() / "exports" / f"{deck.id}.{fmt}"
        try:
            write_deck_export(deck, fmt, path)
        except OSError as error:
            self.call_from_thread(self.notify, f"Could not write {path}: {error.strerror}",
                                  severity="error", markup=False)
            return
        self.call_from_thread(self.notify, str(path), title="Deck exported", markup=False)

    def create_deck(self, title: str) -> Path | None:
        from mockint.storage.decks import create_deck

        taken = {deck.id for deck in self.decks.decks}
        try:
            path = create_deck(title, taken)
        except FileExistsError as error:
            self.notify(f"{error} already exists; choose another name.", severity="error",
                        markup=False)
            return None
        self.reload_decks()
        return path

    def open_setup(self, deck_ids: list[str]) -> None:
        from mockint.tui.screens.setup import SetupScreen

        def chosen(config: SessionConfig | None) -> None:
            if config is not None:
                self.start_interview(config)

        settings = self.settings
        defaults = SessionConfig(deck_ids=[], count=5, mode=settings.default_mode,
                                 time_limit=settings.default_seconds)
        self.push_screen(SetupScreen(self.decks.decks, deck_ids, defaults), chosen)

    def start_interview(self, config: SessionConfig) -> bool:
        config = prepare_config(config).model_copy(
            update={"warning_fraction": self.settings.warning_fraction})
        try:
            decks = decks_by_id(self.decks.decks_with(config.deck_ids), config.deck_ids)
            questions = (select_questions(decks, config, self._default_interviewer())
                         if config.kind == "custom" else self._practice_questions(decks, config))
            self.interview = Interview.start(questions, config, clock=self.clock,
                                             wall_clock=self.now)
        except InterviewError as error:
            self.notify(str(error), title="Cannot start", severity="error")
            return False
        self._save(all_answers=True)
        self.push_screen(InterviewScreen(self.interview))
        return True

    def _default_interviewer(self) -> Interviewer | None:
        name = self.settings.interviewer_name
        return Interviewer(name=name, role=self.settings.interviewer_role) if name else None

    def _practice_questions(self, decks: list, config: SessionConfig) -> list:
        from mockint.storage.practice import choose

        if self.history is None:
            raise InterviewError("practice sessions need the history, which is unavailable")
        limit = config.count or self.settings.practice_size
        if config.kind == "plan":
            from mockint.storage.plan import plan_questions

            questions = plan_questions(self.history, self.decks.decks, self.now(),
                                       self.settings.daily_minutes)
        else:
            questions = choose(config.kind, self.history, decks, config, self.now(), limit,
                               self.settings.new_share)
        if not questions:
            empty = {"due": "Nothing is due today: well done. Try weak or new questions.",
                     "weak": "No weak questions yet: rate a few answers first.",
                     "new": "You have answered every question in these decks.",
                     "mixed": "Nothing to practise in these decks yet.",
                     "cram": "No questions match these filters.",
                     "plan": "Today's plan is done (or there is no interview ahead)."}
            raise InterviewError(empty.get(config.kind, "no questions"))
        return questions

    def start_practice(self, kind: str) -> bool:
        """One key from home: a practice session of `kind` over every deck."""
        deck_ids = [e.deck_id for e in self.decks.entries if e.ok and e.deck_id]
        return self.start_interview(SessionConfig(deck_ids=deck_ids, kind=kind,
                                                  mode=self.settings.default_mode,
                                                  count=self.settings.practice_size))

    def due_today(self) -> int:
        from mockint.storage.practice import due_count

        if self.history is None:
            return 0
        # The deck summaries' keys: home asks at start-up, and must not validate every deck.
        return due_count(self.history, self.decks.question_keys(), self.now())

    def resume_interview(self, record: SessionRecord) -> None:
        self.interview = Interview(record, clock=self.clock, wall_clock=self.now)
        if self.interview.phase in (Phase.REVEALED, Phase.RATED):
            self.push_screen(RevealScreen(self.interview))
        else:
            self.push_screen(InterviewScreen(self.interview))

    def _offer_resume(self) -> None:
        assert self.history is not None
        record = self.history.unfinished()
        if record is None:
            return
        answer = record.answers[-1] if record.answers else None
        where = f"question {answer.index + 1} of {len(record.plan)}" if answer else "the start"
        typed = f", {len(answer.text.split())} words typed" if answer and answer.text else ""
        question = (f"You have an unfinished interview from {record.started_at:%a %d %b %H:%M} "
                    f"UTC ({where}{typed}). Resume it?")

        def decided(resume: bool | None) -> None:
            if resume:
                self.resume_interview(record)
            elif self._writer is not None:
                history = self.history
                self._writer.submit(lambda: history.abandon(record.id))
                self.notify("Kept in your history as left early.")

        from mockint.tui.screens.confirm import ConfirmScreen

        self.push_screen(ConfirmScreen(question, yes="Resume", no="Not now"), decided)

    @on(InterviewScreen.AnswerSubmitted)
    def _answer_submitted(self) -> None:
        interview = self._current()
        if interview.phase is Phase.SUBMITTED:
            interview.reveal()
        self._save()
        self.switch_screen(RevealScreen(interview))

    @on(InterviewScreen.DraftChanged)
    def _draft_changed(self) -> None:
        if self._writer is None or self.interview is None:
            return
        wait = DRAFT_EVERY - (time.monotonic() - self._last_draft)
        if wait <= 0:
            self._save_draft()
        elif not self._draft_pending:
            # Trailing edge: the last words typed are saved too, at most a second late.
            self._draft_pending = True
            self.set_timer(wait, self._save_draft)

    @on(RevealScreen.FollowUpAsked)
    def _follow_up_asked(self) -> None:
        interview = self._current()
        interview.ask_follow_up()
        self.switch_screen(InterviewScreen(interview))

    @on(RevealScreen.MovedOn)
    def _moved_on(self) -> None:
        interview = self._current()
        previous = interview.index
        interview.next()
        self._save(answers=[previous, interview.index])
        self._review(interview.record.answers[previous])
        if interview.phase is Phase.FINISHED:
            self._show_summary()
        else:
            self.switch_screen(InterviewScreen(interview))

    @on(InterviewScreen.LeaveRequested)
    def _leave_requested(self) -> None:
        interview = self._current()
        interview.abandon()
        self._save()
        self._show_summary()

    def _show_summary(self) -> None:
        from mockint.tui.screens.summary import SummaryScreen

        self.switch_screen(SummaryScreen(self._current().record))

    def _current(self) -> Interview:
        assert self.interview is not None, "no interview in progress"
        return self.interview

    # --- saving --------------------------------------------------------------

    def _save(self, *, all_answers: bool = False, answers: list[int] | None = None) -> None:
        """Queue a save of the session (a copy, so later edits cannot race the thread)."""
        if self._writer is None or self.interview is None:
            return
        interview = self.interview
        interview.checkpoint()
        record = interview.record.model_copy(deep=True)
        chosen = None if all_answers else sorted(set(answers or [interview.index]))
        history = self.history
        assert history is not None
        self._writer.submit(lambda: history.save_session(record, chosen))

    def _save_draft(self) -> None:
        self._draft_pending = False
        self._last_draft = time.monotonic()
        interview = self.interview
        if interview is None or interview.phase not in (Phase.ANSWERING, Phase.PAUSED):
            return
        if interview.follow_up is not None:
            self._save()
            return
        answer = interview.checkpoint().model_copy(deep=True)
        session_id, history = interview.record.id, self.history
        assert self._writer is not None and history is not None
        self._writer.submit(lambda: history.save_draft(session_id, answer))

    def _review(self, answer) -> None:
        """The rating moves the question's FSRS card (on the history thread, in order)."""
        if self._writer is None or answer.rating is None:
            return
        from mockint.core.scheduling import scheduler
        from mockint.storage.plan import record_rating

        history, record = self.history, self._current().record
        session_id, kind = record.id, record.config.kind
        fsrs = scheduler(self.settings.desired_retention, fuzz=self.fuzz)
        copy = answer.model_copy(deep=True)
        moves = self.settings.cram_moves_cards
        self._writer.submit(lambda: record_rating(history, session_id, kind, copy, fsrs, moves))

    def flush_saves(self) -> None:
        """Wait for queued saves (tests, and before reading the history back)."""
        if self._writer is not None:
            self._writer.flush()

    def _save_failed(self, error: Exception) -> None:
        self.call_from_thread(self.notify, f"Could not save to the history: {error}",
                              title="Not saved", severity="error", timeout=10)


def open_history(path: Path | None = None) -> tuple[HistoryStore | None, HistoryUnavailable | None]:
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
                      start_with=start_with, open_history_later=history_in_background,
                      deck_paths=deck_paths, edit_deck=edit_deck, settings=settings,
                      settings_problem=settings_problem, now=now, fuzz=fuzz)
