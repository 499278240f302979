"""Summary: every question of the session with its time, rating and coverage."""

from __future__ import annotations

import sqlite3

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from mockint.core.session import AnswerRecord, SessionConfig, SessionRecord
from mockint.core.timing import format_duration
from mockint.core.verdict import SessionVerdict, session_verdict
from mockint.core.words import SESSION_STATUS
from mockint.tui.access import mockint_app
from mockint.tui.formatting import answers_table, fill_answers_table
from mockint.tui.history_guard import reads_history
from mockint.tui.widgets.fitted_table import FittedTable
from mockint.tui.widgets.footer import Footer
from mockint.tui.widgets.plain import Plain
from mockint.tui.widgets.screen_header import ScreenHeader


class SummaryScreen(Screen[None]):
    CSS_PATH = "summary.tcss"
    HELP_TITLE = "Summary"
    HELP = """
The session at a glance: for each question the time you used against the
limit, any overtime, your rating, and how many key points and STAR parts you
covered. Under it, each question against your previous attempt at it
(coverage, STAR parts, time, rating), what improved, and what to practise
next: w starts a session on those questions. r opens the session to review
each answer; h goes home. If you told one story for more than two different
competencies (in this session or this week), a warning says so: interviewers
notice one story told for everything.
"""
    BINDINGS = [
        Binding("h,escape", "home", "Home"),
        Binding("r", "review", "Review", tooltip="Open this session's answers one by one"),
        Binding("w", "practise_weak", "Practise weak",
                tooltip="A session on the questions this summary says to practise"),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(self, record: SessionRecord) -> None:
        super().__init__()
        self.record = record
        self.verdict: SessionVerdict | None = None

    def compose(self) -> ComposeResult:
        record = self.record
        average = record.average_rating
        yield ScreenHeader()
        yield Plain(
            f"{SESSION_STATUS[record.status].capitalize()}"
            + (" (empty session)" if record.counts.empty and record.status != "in_progress" else "")
            + f" · {record.counts.label()} · "
            f"total {format_duration(record.total_used)} · mode {record.config.mode}"
            + (f" · average rating {average:.1f}" if average else "")
            + (f" · seed {record.config.seed}" if record.config.seed is not None else ""),
            id="summary-head",
        )
        if record.config.full is not None:  # a full interview: its sections and budget
            from mockint.core.full_interview import budget_line, sections_brief

            yield Plain(f"{sections_brief(record)}\n{budget_line(record)}", id="summary-sections")
        yield Plain("", id="schedule-note")
        yield Plain("", id="story-warnings")
        yield answers_table("summary-table")
        yield Plain("Comparing with your previous attempts…", id="summary-verdict")
        yield Footer()

    def on_mount(self) -> None:
        fill_answers_table(self.query_one(FittedTable), self.record).focus()
        self._compare_with_previous()
        from mockint.core.practice import CRAM_KINDS

        rated = sum(1 for a in self.record.answers if a.rating is not None)
        note = self.query_one("#schedule-note", Plain)
        note.display = self.record.config.kind in CRAM_KINDS and rated > 0
        if note.display and mockint_app(self).history is not None:
            self._count_moved(rated)
        self.query_one("#story-warnings").display = False
        if self.app.history is not None:  # type: ignore[attr-defined]
            self._warn_about_stories()

    @work(thread=True, exclusive=True, group="summary-stories")
    @reads_history
    def _warn_about_stories(self) -> None:
        """One story told for more than two competencies, in this session or this week."""
        from mockint.core.stories import OVERUSE_WINDOW, overuse_warnings

        app = self.app
        history, now = app.history, app.now()  # type: ignore[attr-defined]
        try:
            uses = history.story_uses(session_id=self.record.id, since=now - OVERUSE_WINDOW)
            stories = history.list_stories() if uses else []
        except sqlite3.Error:  # the history closed under it (the app is ending)
            return
        warnings = overuse_warnings(uses, stories, session_id=self.record.id, now=now)
        if warnings:
            app.call_from_thread(self._show_story_warnings, "\n".join(warnings))

    def _show_story_warnings(self, text: str) -> None:
        warnings = self.query_one("#story-warnings", Plain)
        warnings.update(text)
        warnings.display = True

    @work(thread=True, exclusive=True, group="summary-schedule")
    @reads_history
    def _count_moved(self, rated: int) -> None:
        """Say whether practising ahead moved the FSRS schedule (after the saves land)."""
        from mockint.storage.plan import cards_moved

        app = mockint_app(self)
        app.flush_saves()
        if app.history is None:
            return
        try:
            moved = cards_moved(app.history, self.record.id)
        except sqlite3.Error:  # the history closed under it (the app is ending)
            return
        if moved == 0:
            which = ("this question was not due, so FSRS kept its date" if rated == 1 else
                     f"none of these {rated} questions was due, so FSRS kept their dates")
            text = (f"Schedule unchanged: {which} (your answers are in the history and count "
                    "toward the plan).")
        elif moved == rated:
            text = ("Schedule moved for the rated question." if rated == 1
                    else f"Schedule moved for all {rated} rated questions.")
        else:
            text = (f"Schedule moved for {moved} of {rated} rated questions: the ones that were "
                    "due (or new); the others kept their dates.")
        app.call_from_thread(self.query_one("#schedule-note", Plain).update, text)

    @work(thread=True, exclusive=True, group="summary-verdict")
    def _compare_with_previous(self) -> None:
        previous = self._previous_answers() or {}
        verdict = session_verdict(self.record.answers, previous)
        self.app.call_from_thread(self._show_verdict, verdict)

    @reads_history  # damaged: said once, and the verdict is made without the past
    def _previous_answers(self) -> dict[int, AnswerRecord]:
        history = mockint_app(self).history
        if history is None:
            return {}
        from mockint.storage.progress import previous_attempts

        try:
            found = previous_attempts(history, self.record)
        except sqlite3.Error:  # the history closed under it (the app is ending)
            return {}
        return {i: p.answer for i, p in found.items()}

    def _show_verdict(self, verdict: SessionVerdict) -> None:
        self.verdict = verdict
        lines = ["Since last time:"]
        lines += [f"  #{q.index + 1}  {q.change}" for q in verdict.questions]
        lines += [verdict.improved, verdict.practise_next
                  + (" · w: a session on these" if verdict.weak_keys else "")]
        self.query_one("#summary-verdict", Plain).update("\n".join(lines))

    def action_practise_weak(self) -> None:
        if self.verdict is None:
            self.notify("Still comparing with your previous attempts…")
            return
        keys = self.verdict.weak_keys
        if not keys:
            self.notify("Nothing weak in this session.")
            return
        config = SessionConfig(deck_ids=list(dict.fromkeys(deck for deck, _ in keys)),
                               mode=self.record.config.mode, count=len(keys),
                               questions=keys)
        mockint_app(self).flow.start(config)

    def action_home(self) -> None:
        mockint_app(self).nav.home()

    def action_review(self) -> None:
        mockint_app(self).nav.session(self.record)
