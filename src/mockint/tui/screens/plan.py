"""Interviews: the dates ahead, what each covers, and the daily plan toward the next one."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable

from mockint.core.planning import UpcomingInterview, countdown
from mockint.storage.history import HistoryUnavailable
from mockint.tui.access import mockint_app
from mockint.tui.literal import visible
from mockint.tui.widgets.footer import Footer
from mockint.tui.widgets.plain import Plain
from mockint.tui.widgets.screen_header import ScreenHeader


class PlanScreen(Screen[None]):
    CSS_PATH = "plan.tcss"
    HELP_TITLE = "Interviews"
    HELP = """
Your interview dates and the plan toward the next one. Each day mixes what
FSRS has due, your weakest questions and new ones, so that before the date
every question in scope is answered at least twice and the weak ones three
times, within your daily budget (settings). The day before is a short mock.
The plan is worked out again from your history every day, so a missed day is
spread over the days left. a adds an interview, x removes the highlighted
one, g practises what is left of today's plan, c practises anything in scope
now (cards move only when they were due, unless settings say otherwise).
"""
    BINDINGS = [
        Binding("a", "add", "Add interview"),
        Binding("x,delete", "remove", "Remove"),
        Binding("g", "practise_plan", "Today's plan"),
        Binding("c", "cram", "Practise now"),
        Binding("escape,b", "back", "Back"),
    ]

    interviews: list[UpcomingInterview] = []
    next_interview: UpcomingInterview | None = None

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        with VerticalScroll(id="plan-body"):
            yield Plain("Interviews", classes="section-title")
            yield DataTable(id="interviews", cursor_type="row", zebra_stripes=True)
            yield Plain("Reading your plan…", id="plan-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("#", "Interview", "When", "Countdown", "Covers")
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        self._read()

    @work(thread=True, exclusive=True, group="plan")
    def _read(self) -> None:
        from mockint.storage.interviews import load_calendar_or_empty
        from mockint.storage.plan import plan_text

        app = mockint_app(self)
        now = app.now()
        calendar, problem = load_calendar_or_empty()
        listed = sorted(calendar.interviews, key=lambda i: i.starts())
        upcoming = calendar.upcoming(now)
        if problem is not None:
            text = f"{problem}\nFix or remove that entry; nothing is changed until you do."
        elif upcoming:
            try:
                text = plan_text(app.history, app.decks.decks, upcoming[0], now,
                                 app.settings.daily_minutes)
            except HistoryUnavailable as damaged:  # since it opened: say so, run on
                text = damaged.user_message
        else:
            text = "No interview ahead. Press a to add one; mockint then plans each day to it."
        app.call_from_thread(self._show, listed, upcoming[0] if upcoming else None, text)

    def _show(self, listed: list[UpcomingInterview], upcoming: UpcomingInterview | None,
              text: str) -> None:
        now = mockint_app(self).now()
        self.interviews, self.next_interview = listed, upcoming
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for number, interview in enumerate(listed, 1):
            ahead = interview.is_upcoming(now)
            scope = ", ".join(interview.decks) + (
                f" · {', '.join(interview.categories)}" if interview.categories else "") + (
                f" · {', '.join(interview.levels)}" if interview.levels else "")
            table.add_row(Text(str(number), justify="right"), Text(visible(interview.label)),
                          Text(interview.when_text()),
                          Text(countdown(interview, now).removeprefix(interview.label).strip()
                               if ahead else "past", style="" if ahead else "dim"),
                          Text(visible(scope)))
        if listed:
            table.move_cursor(row=min(row, len(listed) - 1))
        table.display = bool(listed)
        self.query_one("#plan-text", Plain).update(text)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "remove":
            return bool(self.interviews)
        if action in ("practise_plan", "cram"):
            return self.next_interview is not None and mockint_app(self).history is not None
        return True

    def action_add(self) -> None:
        from mockint.tui.screens.plan_form import InterviewFormScreen

        def added(interview: UpcomingInterview | None) -> None:
            if interview is not None:
                self._save(interview)

        self.app.push_screen(InterviewFormScreen(), added)

    @work(thread=True, exclusive=True, group="plan-save")
    def _save(self, interview: UpcomingInterview) -> None:
        from mockint.storage.interviews import InterviewsProblem, add_interview

        try:
            add_interview(interview)
        except (InterviewsProblem, OSError) as error:
            self.app.call_from_thread(self.notify, f"Not added: {error}", severity="error",
                                      markup=False)
            return
        self.app.call_from_thread(self.notify, f"Added {interview.label}", markup=False)
        self.app.call_from_thread(self.reload)

    def action_remove(self) -> None:
        from mockint.tui.screens.confirm import ConfirmScreen

        row = self.query_one(DataTable).cursor_row
        if not 0 <= row < len(self.interviews):
            return
        chosen = self.interviews[row]

        def decided(yes: bool | None) -> None:
            if yes:
                self._remove(str(row + 1))

        self.app.push_screen(ConfirmScreen(f"Remove “{visible(chosen.label)}” ({chosen.when_text()})?",
                                           yes="Remove", no="Keep"), decided)

    @work(thread=True, exclusive=True, group="plan-save")
    def _remove(self, number: str) -> None:
        from mockint.storage.interviews import InterviewsProblem, remove_interview

        try:
            removed = remove_interview(number)
        except (KeyError, InterviewsProblem, OSError) as error:
            self.app.call_from_thread(self.notify, f"Not removed: {error}", severity="error",
                                      markup=False)
            return
        self.app.call_from_thread(self.notify, f"Removed {removed.label}", markup=False)
        self.app.call_from_thread(self.reload)

    def action_practise_plan(self) -> None:
        from mockint.tui.plan_actions import start_plan

        if self.next_interview is not None:
            start_plan(mockint_app(self), self.next_interview)

    def action_cram(self) -> None:
        from mockint.tui.plan_actions import start_cram

        start_cram(mockint_app(self), self.next_interview)

    def action_back(self) -> None:
        self.app.pop_screen()
