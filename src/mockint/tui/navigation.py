"""Navigation: the one way to open any screen, by name.

Screens and the app call `app.nav.history()`, `app.nav.session(record)` and so
on; nothing else pushes a full screen. (Small dialogs, such as a confirmation,
are still pushed by the screen that asks.) Screen modules are imported when a
screen is first opened, so start-up only pays for the first one, and screens
never import each other.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual.screen import Screen

from mockint.tui.history_guard import reads_history

if TYPE_CHECKING:  # the session models (pydantic) load with the first screen that needs them
    from mockint.core.first_look import FirstLook
    from mockint.core.session import AnswerRecord, Interview, SessionConfig, SessionRecord
    from mockint.storage.history import AnswerHit
    from mockint.tui.app import MockintApp
    from mockint.tui.screens.compare import Attempt
    from mockint.tui.screens.interview import InterviewScreen


class Navigator:
    """Opens screens for the app; each method is one named place."""

    def __init__(self, app: MockintApp) -> None:
        self.app = app

    def _push(self, screen: Screen, callback: Callable | None = None) -> None:
        self.app.push_screen(screen, callback)

    def back(self) -> None:
        self.app.pop_screen()

    def palette_commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        """The command palette's places: (title, help, what to do)."""
        practice = self.app.flow.start_practice
        return [
            *self.app.setups.palette_commands(),  # "Start interview" and each preset
            ("Settings", "Theme, default mode and time, bell, pace, deck folders", self.settings),
            ("Decks", "Edit, copy, create, import and export decks", self.decks),
            ("History", "Past sessions, search inside answers, export", self.history),
            ("Stats", "Progress over the last weeks and what is due", self.stats),
            ("Interviews and daily plan", "Interview dates, countdown, the plan toward them",
             self.plan),
            ("Story bank", "Your STAR stories, the competencies they cover, practise one",
             self.stories),
            ("Practise weak questions", "Lowest recent ratings, missed points, overtime",
             lambda: practice("weak")),
            ("Practise new questions", "Questions you have never answered",
             lambda: practice("new")),
        ]

    # --- places anyone can go ---------------------------------------------------

    def home(self) -> None:
        """Back to the home screen, building it if the app started on an interview."""
        from mockint.tui.screens.home import HomeScreen

        app = self.app
        if any(isinstance(screen, HomeScreen) for screen in app.screen_stack):
            while not isinstance(app.screen, HomeScreen):
                app.pop_screen()
        else:
            self._switch(HomeScreen())
            app.deck_actions.check()  # `mockint run` left the other decks unchecked

    def leave_blank_start(self) -> None:
        """Home, if the app started waiting for an interview that could not start
        (`mockint run` / `practice` with nothing to ask, on a blank screen or on the
        first question `mockint run` showed before building its interview)."""
        from mockint.tui.screens.home import HomeScreen

        first = self._first_question_screen()
        if first is not None:  # `mockint run`'s first question (under a dialog, maybe)
            first.awaiting = False  # no interview is coming for it
            while self.app.screen is not first:
                self.app.pop_screen()
            self._switch(HomeScreen())
        elif type(self.app.screen) is Screen:
            self._push(HomeScreen())  # the blank start screen cannot be switched away

    def settings(self) -> None:
        from mockint.tui.screens.settings import SettingsScreen

        if not isinstance(self.app.screen, SettingsScreen):
            self._push(SettingsScreen())

    def help(self) -> None:
        from mockint.tui.screens.help import HelpScreen

        if not isinstance(self.app.screen, HelpScreen):
            self._push(HelpScreen(self.app.screen))

    def decks(self) -> None:
        from mockint.tui.screens.decks import DecksScreen

        self._push(DecksScreen())

    def editor(self, path: Path) -> None:
        from mockint.storage.decks import DeckLoadError
        from mockint.tui.screens.deck_editor import DeckEditorScreen

        try:
            self._push(DeckEditorScreen(path))
        except DeckLoadError as error:
            self.app.notify(str(error), title="Cannot open the deck", severity="error",
                            markup=False)

    def history(self) -> None:
        from mockint.tui.screens.history import HistoryScreen

        self._push(HistoryScreen())

    def plan(self) -> None:
        """The interviews ahead and the daily plan toward them."""
        from mockint.tui.screens.plan import PlanScreen

        self._push(PlanScreen())

    def stories(self) -> None:
        from mockint.tui.screens.stories import StoriesScreen

        self._push(StoriesScreen())

    def stats(self) -> None:
        from mockint.tui.screens.stats import StatsScreen

        self._push(StatsScreen())

    def setup(self, deck_ids: list[str] | None = None, *, cursor_deck: str | None = None,
              config: SessionConfig | None = None) -> None:
        """The setup form, on the last setup (or `config`); what it returns starts the
        interview and is remembered. `deck_ids`: the decks to tick instead of the
        remembered ones (Enter on a deck); `cursor_deck`: the deck to tick when
        nothing is remembered (home's cursor)."""
        from mockint.core.session import SessionConfig
        from mockint.tui.screens.setup import SetupScreen

        app = self.app
        memory = app.setups

        def chosen(config: SessionConfig | None) -> None:
            if config is not None:
                memory.remember(config)
                app.flow.start(config)

        settings = app.settings
        start = (config or memory.setups.remembered()
                 or SessionConfig(deck_ids=[], count=5, mode=settings.default_mode,
                                  time_limit=settings.default_seconds, order="shuffled"))
        if deck_ids:
            start = start.model_copy(update={"deck_ids": deck_ids})
        fallback = [cursor_deck] if cursor_deck else []
        self._push(SetupScreen(app.decks.decks, start, memory.setups.last, fallback), chosen)

    def session(self, record: SessionRecord,
                closed: Callable[[bool | None], None] | None = None) -> None:
        """One past session; `closed(True)` when the user deleted it."""
        from mockint.tui.screens.session import SessionScreen

        self._push(SessionScreen(record), closed)

    def answer(self, answer: AnswerRecord, when: str = "", find: Sequence[str] = ()) -> None:
        """One recorded answer; `find`: searched words to mark and scroll to."""
        from mockint.tui.screens.answer import AnswerScreen

        self._push(AnswerScreen(answer, when, find=find))

    @reads_history
    def answer_hit(self, hit: AnswerHit, find: Sequence[str] = ()) -> None:
        """The recorded answer a search or timeline row stands for."""
        history = self.app.history
        if history is not None:
            self.answer(history.load_answer(hit.session_id, hit.index),
                        f"{hit.started_at:%Y-%m-%d %H:%M}", find)

    def timeline(self, deck_id: str, question_id: str, prompt: str) -> None:
        from mockint.tui.screens.timeline import TimelineScreen

        self._push(TimelineScreen(deck_id, question_id, prompt))

    def compare(self, older: Attempt, newer: Attempt | None) -> None:
        """Two attempts word by word (`newer` None: the attempt against the sample)."""
        from mockint.tui.screens.compare import CompareScreen

        self._push(CompareScreen(older, newer))

    # --- the interview's screens (the interview flow moves between them) --------

    def first_question(self, look: FirstLook) -> Screen:
        """`mockint run`'s first screen: question 1, shown while its interview is built."""
        from mockint.core.first_look import PendingInterview, Persona
        from mockint.tui.screens.interview import InterviewScreen

        settings = self.app.settings
        name = settings.interviewer_name
        persona = Persona(name, settings.interviewer_role) if name else None
        return InterviewScreen(PendingInterview(look, persona, settings.warning_fraction))

    def interview(self, interview: Interview, *, replace: bool) -> None:
        from mockint.tui.screens.interview import InterviewScreen

        first = self._first_question_screen()
        if first is not None:
            first.attach(interview)  # question 1 is on screen already (first_question)
        else:
            self._show(InterviewScreen(interview), replace)

    def _first_question_screen(self) -> InterviewScreen | None:
        """The screen `first_question` made (the app's first), while it waits for its
        interview."""
        from mockint.tui.screens.interview import InterviewScreen

        return next((s for s in self.app.screen_stack
                     if isinstance(s, InterviewScreen) and s.awaiting), None)

    def reveal(self, interview: Interview, *, replace: bool) -> None:
        from mockint.tui.screens.reveal import RevealScreen

        self._show(RevealScreen(interview), replace)

    def ask_them(self, interview: Interview) -> None:
        """A full interview's end: the person picks or types questions to ask."""
        from mockint.tui.screens.ask_them import AskThemScreen

        self._switch(AskThemScreen(interview, self.app.decks.decks))

    def summary(self, record: SessionRecord) -> None:
        from mockint.tui.screens.summary import SummaryScreen

        self._switch(SummaryScreen(record))

    def _show(self, screen: Screen, replace: bool) -> None:
        if replace:
            self._switch(screen)
        else:
            self._push(screen)

    def _switch(self, screen: Screen) -> None:
        """Put `screen` in place of the top one. The app's first screen (`mockint run`'s
        first question) cannot be replaced: Textual's switch_screen fails on it, so a
        screen that would replace it goes over it instead."""
        if len(self.app.screen_stack) > 1:
            self.app.switch_screen(screen)
        else:
            self._push(screen)
