"""The interview flow: the one owner of the running `Interview` and of its saves.

Screens post what happened (`messages.AnswerSubmitted`, `RatingChosen`, …)
with the data it carries; the app hands each message to this flow, which
checks that it still fits the interview's phase (a key pressed twice in a row
arrives twice), advances the core `Interview`, asks the history to save, and
shows the next screen. Nothing else calls an `Interview` intent, so no order
of keys and clicks can reach a transition the phase does not allow.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual.screen import Screen

from mockint.core.deck import Interviewer
from mockint.core.session import (
    AnswerRecord,
    AskedQuestion,
    FullInterviewSpec,
    Interview,
    InterviewError,
    Mode,
    Phase,
    SessionConfig,
    SessionRecord,
    decks_by_id,
    prepare_config,
    select_questions,
)
from mockint.storage.history import BackgroundWriter, HistoryStore, HistoryUnavailable
from mockint.tui import messages
from mockint.tui.history_guard import reads_history, store_error_text
from mockint.tui.literal import plural
from mockint.tui.screens.interview import InterviewScreen

if TYPE_CHECKING:
    from mockint.storage.settings import Settings
    from mockint.tui.app import MockintApp
    from mockint.tui.screens.reveal import RevealScreen

S = TypeVar("S", bound=Screen)
DRAFT_EVERY = 1.0  # seconds: a killed terminal loses at most about this much typing
CLOCK_EVERY = 10.0  # seconds: ... and at most this much of the clock while nobody types
EMPTY_PRACTICE = {
    "due": "Nothing is due today: well done. Try weak or new questions.",
    "weak": "No weak questions yet: rate a few answers first.",
    "new": "You have answered every question in these decks.",
    "mixed": "Nothing to practise in these decks yet.",
    "cram": "No questions match these filters.",
    "plan": "Today's plan is done (or there is no interview ahead).",
}


def full_interview_spec(settings: Settings) -> FullInterviewSpec:
    """A full interview's shape as the settings give it (section counts, budget)."""
    return FullInterviewSpec(intro=settings.full_intro, technical=settings.full_technical,
                             behavioral=settings.full_behavioral, design=settings.full_design,
                             budget_minutes=settings.full_minutes)


def full_interview_config(settings: Settings, deck_ids: list[str],
                          mode: Mode | None = None) -> SessionConfig:
    """A full interview's config from the settings (shape, mode, seconds)."""
    return SessionConfig(deck_ids=deck_ids, kind="full", full=full_interview_spec(settings),
                         order="shuffled", mode=mode or settings.default_mode,
                         time_limit=settings.default_seconds)


class InterviewFlow:
    """Starts, resumes and advances the interview; queues its saves in order."""

    def __init__(self, app: MockintApp) -> None:
        self.app = app
        self.interview: Interview | None = None
        self.writer: BackgroundWriter | None = None
        self._last_draft = float("-inf")
        self._last_clock = float("-inf")
        self._draft_pending = False
        self._waiting: SessionConfig | None = None

    # --- the history --------------------------------------------------------

    def history_ready(self, history: HistoryStore) -> None:
        """The history is open: save from now on (everything so far, if an interview runs)."""
        if self.writer is None:
            self.writer = BackgroundWriter(history, self._save_failed,
                                           on_recovered=self._saved_again)
        if self.interview is not None:
            self._save(all_answers=True)
        if self._waiting is not None:  # `mockint practice` waited for the history
            config, self._waiting = self._waiting, None
            self.start(config)

    def history_missing(self) -> None:
        """The history could not be opened: a practice session waiting for it cannot start."""
        if self._waiting is not None:
            self._waiting = None
            self.app.notify("Practice sessions need the history, which is unavailable.",
                            title="Cannot start", severity="error")
            self.app.nav.leave_blank_start()

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()

    def flush(self) -> None:
        """Wait for queued saves (tests, and before reading the history back)."""
        if self.writer is not None:
            self.writer.flush()

    # --- starting -----------------------------------------------------------

    def start(self, config: SessionConfig) -> bool:
        """Choose the questions and show the first; False (and a message) if none."""
        app = self.app
        settings = app.settings
        if config.kind == "full":  # a full interview always has a seed and a shape
            config = config.model_copy(update={
                "order": "shuffled", "full": config.full or full_interview_spec(settings)})
        config = prepare_config(config).model_copy(update={
            "warning_fraction": settings.warning_fraction,
            "think_seconds": settings.think_seconds,
            "require_rating": settings.require_rating_in_mock and config.mode == "mock"})
        if (config.kind not in ("custom", "full") and app.history is None
                and app.history_pending):
            self._waiting = config  # chosen once the history is open (see history_ready)
            return True
        try:
            decks = decks_by_id(app.decks.decks_with(config.deck_ids), config.deck_ids)
            if config.kind == "full":
                questions = self._full_questions(decks, config)
            elif config.kind == "custom":
                questions = select_questions(decks, config, self._default_interviewer())
            else:
                questions = self._practice_questions(decks, config)
            self.interview = Interview.start(questions, config, clock=app.clock,
                                             wall_clock=app.now)
        except (InterviewError, HistoryUnavailable) as error:
            app.notify(store_error_text(error), title="Cannot start", severity="error",
                       markup=False)
            app.nav.leave_blank_start()
            return False
        self._save(all_answers=True)
        app.nav.interview(self.interview, replace=False)
        return True

    def start_full_interview(self, deck_ids: list[str] | None = None,
                             mode: Mode | None = None) -> bool:
        """A full interview (intro, technical, behavioral, design, then the person's
        questions) over `deck_ids` (default: every deck), shaped by the settings.
        The one entry point for presets, the palette and `mockint run --full`."""
        return self.start(full_interview_config(self.app.settings, deck_ids or [
            e.deck_id for e in self.app.decks.entries if e.ok and e.deck_id], mode))

    def _full_questions(self, decks: list, config: SessionConfig) -> list[AskedQuestion]:
        from mockint.core.full_interview import build_full_plan

        plan = build_full_plan(decks, config.full or FullInterviewSpec(), config.seed,
                               default_interviewer=self._default_interviewer(),
                               time_limit=config.time_limit, levels=config.levels)
        if not plan.questions:
            raise InterviewError("these decks have no intro, technical, behavioral or design "
                                 "questions for a full interview; choose more decks")
        if plan.notes:
            self.app.notify(" ".join(plan.notes), title="Full interview", timeout=8,
                            markup=False)
        return plan.questions

    def start_practice(self, kind: str) -> bool:
        """One key from home: a practice session of `kind` over every deck."""
        settings = self.app.settings
        deck_ids = [e.deck_id for e in self.app.decks.entries if e.ok and e.deck_id]
        return self.start(SessionConfig(deck_ids=deck_ids, kind=kind, mode=settings.default_mode,
                                        count=settings.practice_size))

    def resume(self, record: SessionRecord) -> None:
        app = self.app
        self.interview = Interview(record, clock=app.clock, wall_clock=app.now)
        if self.interview.phase in (Phase.REVEALED, Phase.RATED):
            app.nav.reveal(self.interview, replace=False)
        else:
            app.nav.interview(self.interview, replace=False)

    @reads_history
    def offer_resume(self) -> None:
        """At start-up: ask whether to resume an interview left unfinished."""
        from mockint.tui.screens.confirm import ConfirmScreen

        history = self.app.history
        if history is None:
            return
        record = history.unfinished()
        if record is None:
            return
        answer = record.answers[-1] if record.answers else None
        where = f"question {answer.index + 1} of {len(record.plan)}" if answer else "the start"
        typed = f", {plural(len(answer.text.split()), 'word')} typed" if answer and answer.text else ""
        question = (f"You have an unfinished interview from {record.started_at:%a %d %b %H:%M} "
                    f"UTC ({where}{typed}). Resume it?")

        def decided(resume: bool | None) -> None:
            if resume:
                self.resume(record)
            elif self.writer is not None:
                self.writer.submit(lambda: history.abandon(record.id))
                self.app.notify("Kept in your history as left early.")

        self.app.push_screen(ConfirmScreen(question, yes="Resume", no="Not now"), decided)

    def _default_interviewer(self) -> Interviewer | None:
        settings = self.app.settings
        name = settings.interviewer_name
        return Interviewer(name=name, role=settings.interviewer_role) if name else None

    def _practice_questions(self, decks: list, config: SessionConfig) -> list[AskedQuestion]:
        from mockint.storage.practice import choose

        app = self.app
        if app.history is None:
            raise InterviewError("practice sessions need the history, which is unavailable")
        limit = config.count or app.settings.practice_size
        if config.kind == "plan":
            from mockint.storage.plan import plan_questions

            questions = plan_questions(app.history, app.decks.decks, app.now(),
                                       app.settings.daily_minutes)
        else:
            questions = choose(config.kind, app.history, decks, config, app.now(), limit,
                               app.settings.new_share)
        if not questions:
            raise InterviewError(EMPTY_PRACTICE.get(config.kind, "no questions"))
        return questions

    # --- what the screens post ------------------------------------------------

    def handle(self, message: messages.InterviewMessage) -> None:
        """Apply one message from an interview screen, if it is still about this question."""
        interview = self.interview
        if interview is None or not self._current(message, interview):
            return
        handler = self._handlers.get(type(message))
        if handler is not None:
            handler(self, message, interview)

    @staticmethod
    def _current(message: messages.InterviewMessage, interview: Interview) -> bool:
        return (message.index == interview.index
                and message.follow_up == (interview.follow_up is not None)
                and interview.phase is not Phase.FINISHED)

    def _shown(self, _: messages.QuestionShown, interview: Interview) -> None:
        if interview.phase is Phase.ASKING:
            if not interview.think():  # think time first, if the settings give some
                interview.begin()
            self._show_state()

    def _held(self, message: messages.ClockHeld, interview: Interview) -> None:
        """A dialog covers the interview: its clock (or think time) waits until it goes."""
        if message.held == interview.held:
            return
        if message.held and interview.phase in (Phase.ASKING, Phase.ANSWERING, Phase.PAUSED):
            interview.hold()
        elif not message.held:
            interview.release()
        self._show_state()

    def _draft(self, message: messages.DraftChanged, interview: Interview) -> None:
        if interview.phase is Phase.ASKING:  # typing ends the think time: the clock starts
            interview.begin()
            self._show_state()
        if interview.phase not in (Phase.ANSWERING, Phase.PAUSED):
            return
        interview.update_text(message.text)
        if self.app.clock() - self._last_draft >= DRAFT_EVERY:
            self._save_draft()
        else:
            # Trailing edge: the last words typed are saved too, at most a second late.
            self._draft_pending = True

    def tick(self) -> None:
        """Called a few times a second: think time that ran out starts the clock; a draft
        held back by the debounce is saved when due, and so is the clock of someone
        thinking without typing (a resume after a crash gives back the time they used)."""
        interview = self.interview
        if interview is None:
            return
        if interview.think_over:
            interview.begin()
            self._show_state()
        now = self.app.clock()
        if self._draft_pending and now - self._last_draft >= DRAFT_EVERY:
            self._save_draft()
        elif interview.phase is Phase.ANSWERING and now - self._last_clock >= CLOCK_EVERY:
            self._save_draft(typed=False)  # does not hold back the next words typed

    def _begin_early(self, interview: Interview) -> None:
        """A key pressed in the instant before the first frame: the clock starts now."""
        if interview.phase is Phase.ASKING:
            interview.begin()

    def _submitted(self, message: messages.AnswerSubmitted, interview: Interview) -> None:
        self._begin_early(interview)
        if interview.phase not in (Phase.ANSWERING, Phase.PAUSED):
            return
        if message.skipped and interview.follow_up is not None:
            return
        interview.update_text(message.text)
        interview.skip() if message.skipped else interview.submit()
        if interview.phase is Phase.SUBMITTED:
            interview.reveal()
        self._save()
        self.app.nav.reveal(interview, replace=True)

    def _pause(self, _: messages.PauseToggled, interview: Interview) -> None:
        self._begin_early(interview)
        if interview.can_pause and interview.phase in (Phase.ANSWERING, Phase.PAUSED):
            interview.toggle_pause()
            self._show_state()

    def _peek(self, message: messages.PeekRequested, interview: Interview) -> None:
        if interview.can_peek and interview.follow_up is None:
            text = interview.peek(message.what)
            screen = self._screen(InterviewScreen)
            if screen is not None:
                screen.show_peek(message.what, text)

    def _leave(self, message: messages.LeaveConfirmed, interview: Interview) -> None:
        if interview.phase is Phase.ASKING and message.text:
            # Typed before the clock started (`mockint run`'s first look, think time)
            # and left before a tick saved it: the words are kept all the same.
            interview.begin()
        if interview.phase in (Phase.ANSWERING, Phase.PAUSED):
            interview.update_text(message.text)
        interview.abandon()
        self._save()
        self.app.nav.summary(interview.record)

    def _analysed(self, message: messages.AnswerAnalysed, interview: Interview) -> None:
        if interview.phase in (Phase.REVEALED, Phase.RATED):
            ticked = interview.apply_analysis(message.analysis)
            screen = self._reveal_screen()
            if screen is not None:
                screen.show_analysis(message.analysis, ticked)

    def _key_points(self, message: messages.KeyPointsChecked, interview: Interview) -> None:
        count = len(interview.answer.key_points_checked)
        if interview.phase in (Phase.REVEALED, Phase.RATED) and len(message.checked) == count:
            for index, covered in enumerate(message.checked):
                interview.check_key_point(index, covered)

    def _star(self, message: messages.StarChecked, interview: Interview) -> None:
        if interview.phase in (Phase.REVEALED, Phase.RATED):
            for part, covered in message.checked.items():
                if part in interview.answer.star_checked:
                    interview.check_star(part, covered)

    def _rated(self, message: messages.RatingChosen, interview: Interview) -> None:
        if interview.phase in (Phase.REVEALED, Phase.RATED):
            interview.rate(message.rating)
            self._save()  # a rating is kept at once, not only when moving on
            self._show_state()

    def _follow_up(self, _: messages.FollowUpAsked, interview: Interview) -> None:
        if interview.phase in (Phase.REVEALED, Phase.RATED) and interview.remaining_follow_ups():
            interview.ask_follow_up()
            self.app.nav.interview(interview, replace=True)

    def _moved_on(self, _: messages.MovedOn, interview: Interview) -> None:
        if not interview.can_move_on:
            return
        previous = interview.index
        interview.next()
        self._save(answers=[previous, interview.index])
        self._review(interview.record.answers[previous])
        if interview.phase is Phase.FINISHED:
            self.app.nav.summary(interview.record)
        elif interview.phase is Phase.CLOSING:
            self.app.nav.ask_them(interview)
        else:
            self.app.nav.interview(interview, replace=True)

    def _asked_them(self, message: messages.QuestionsToAskChosen, interview: Interview) -> None:
        if not interview.can_ask_them:
            return
        from mockint.core.full_interview import questions_to_ask

        asked = questions_to_ask(self.app.decks.decks, message.picks, message.own,
                                 interview.questions[0].interviewer,
                                 interview.config.time_limit)
        interview.ask_them(asked)
        if interview.phase is Phase.FINISHED:
            self._save()
            self.app.nav.summary(interview.record)
        else:
            self._save(all_answers=True)  # the plan grew: the session row keeps it
            self.app.nav.interview(interview, replace=True)

    def _screen(self, kind: type[S]) -> S | None:
        """The topmost screen of `kind` (a dialog may be on top of it) that shows its widgets.

        A screen still composing, or one of an app that is closing, gets nothing: what
        the flow applied is in the interview, which a screen reads when it mounts."""
        return next((s for s in reversed(self.app.screen_stack)
                     if isinstance(s, kind) and s.is_mounted and s.is_attached), None)

    def _reveal_screen(self) -> RevealScreen | None:
        """The reveal, if one is shown. Its module (and the story bank's) loads with the
        first reveal, not before the first question (issue 15): until it is loaded, no
        reveal screen can exist."""
        module = sys.modules.get("mockint.tui.screens.reveal")
        return None if module is None else self._screen(module.RevealScreen)

    def _show_state(self) -> None:
        """The interview moved: the screen showing it follows."""
        interview_screen = self._screen(InterviewScreen)
        if interview_screen is not None:
            interview_screen.show_state()
        reveal_screen = self._reveal_screen()
        if reveal_screen is not None:
            reveal_screen.show_state()

    _handlers: dict[type, Callable[[InterviewFlow, Any, Interview], None]] = {
        messages.QuestionShown: _shown,
        messages.DraftChanged: _draft,
        messages.AnswerSubmitted: _submitted,
        messages.PauseToggled: _pause,
        messages.ClockHeld: _held,
        messages.PeekRequested: _peek,
        messages.LeaveConfirmed: _leave,
        messages.AnswerAnalysed: _analysed,
        messages.KeyPointsChecked: _key_points,
        messages.StarChecked: _star,
        messages.RatingChosen: _rated,
        messages.FollowUpAsked: _follow_up,
        messages.MovedOn: _moved_on,
        messages.QuestionsToAskChosen: _asked_them,
    }

    # --- saving ---------------------------------------------------------------

    def _save(self, *, all_answers: bool = False, answers: list[int] | None = None) -> None:
        """Queue a save of the session (a copy, so later edits cannot race the thread)."""
        if self.writer is None or self.interview is None:
            return
        interview = self.interview
        interview.checkpoint()
        record = interview.record.model_copy(deep=True)
        chosen = None if all_answers else sorted(set(answers or [interview.index]))
        history = self.writer.store
        self.writer.submit(lambda: history.save_session(record, chosen))

    def _save_draft(self, *, typed: bool = True) -> None:
        self._last_clock = self.app.clock()
        if typed:
            self._draft_pending = False
            self._last_draft = self._last_clock
        interview = self.interview
        if self.writer is None or interview is None:
            return
        if interview.phase not in (Phase.ANSWERING, Phase.PAUSED):
            return
        if interview.follow_up is not None:
            self._save()
            return
        answer = interview.checkpoint().model_copy(deep=True)
        session_id, history = interview.record.id, self.writer.store
        self.writer.submit(lambda: history.save_draft(session_id, answer))

    def _review(self, answer: AnswerRecord) -> None:
        """The rating moves the question's FSRS card (on the history thread, in order)."""
        if self.writer is None or answer.rating is None or self.interview is None:
            return
        from mockint.core.full_interview import OWN_DECK_ID

        if answer.asked.deck_id == OWN_DECK_ID:  # a question of the person's own: no card
            return
        from mockint.core.scheduling import scheduler
        from mockint.storage.plan import record_rating

        history, record = self.writer.store, self.interview.record
        session_id, kind = record.id, record.config.kind
        settings = self.app.settings
        fsrs = scheduler(settings.desired_retention, fuzz=self.app.fuzz)
        copy = answer.model_copy(deep=True)
        moves = settings.cram_moves_cards

        def review() -> None:
            record_rating(history, session_id, kind, copy, fsrs, moves)

        self.writer.submit(review)

    def _save_failed(self, error: Exception) -> None:
        self.app.call_from_thread(self.app.notify, f"Could not save to the history: {error}",
                                  title="Not saved", severity="error", timeout=10, markup=False)

    def _saved_again(self) -> None:
        """The writer got the held-back saves onto the disk (space was freed)."""
        self.app.call_from_thread(self.app.notify, "Everything is saved to the history again.",
                                  title="Saved", timeout=5)
