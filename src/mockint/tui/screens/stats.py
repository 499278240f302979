"""Stats: practice over the last weeks, weak spots, and what is coming due."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Sparkline

from mockint.core.stats import DAYS, Stats, compute_stats, stats_text
from mockint.storage.history import HistoryUnavailable
from mockint.tui.access import mockint_app
from mockint.tui.widgets.footer import Footer
from mockint.tui.widgets.plain import Plain
from mockint.tui.widgets.screen_header import ScreenHeader


class StatsScreen(Screen[None]):
    CSS_PATH = "stats.tcss"
    HELP_TITLE = "Stats"
    HELP = """
Your practice at a glance: sessions and answers per day over the last four
weeks, the average rating week by week, and week by week the share of key
points you ticked, how complete your STAR answers were and the share of
answers over the time limit (each bar with its figure and how many answers it
counts), how often you ran over the time limit,
your weakest topics and categories, how many questions come due in each of the
next seven days, and per deck how many questions are new, being learned, or in
review. Sessions left before any answer are not counted; e counts them too.
`mockint stats` prints the same in the shell.

With an interview ahead: its plan, planned against done per day, and how much
of its scope has reached its target. Then your true retention (the share of
reviews made when due that you rated Good or Easy, last 30 days) next to the
retention you asked for in settings, and the reviews due in the next 14 days.
"""
    BINDINGS = [
        Binding("e", "toggle_empty", "Empty sessions",
                tooltip="Count sessions left before any answer, or leave them out"),
        Binding("escape,b", "back", "Back"),
    ]
    include_empty = False

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        with VerticalScroll(id="stats"):
            with Horizontal(id="charts"):
                with Vertical(classes="chart"):
                    yield Plain("", id="sessions-title", classes="section-title")
                    yield Sparkline([], id="sessions-chart")
                with Vertical(classes="chart"):
                    yield Plain("", id="answers-title", classes="section-title")
                    yield Sparkline([], id="answers-chart")
            yield Plain("", id="plan-stats")
            yield Plain("Reading your history…", id="stats-text")
        yield Footer()

    def on_mount(self) -> None:
        if mockint_app(self).history is None:
            self.query_one("#stats-text", Plain).update("The history is unavailable.")
            return
        self._compute()
        self._compute_plan()

    @work(thread=True, exclusive=True, group="stats")
    def _compute(self) -> None:
        app = mockint_app(self)
        if app.history is None:
            return
        try:
            stats = compute_stats(app.history, app.decks.decks, app.now(),
                                  include_empty=self.include_empty)
        except HistoryUnavailable as problem:  # damaged since it was opened: say so, run on
            app.call_from_thread(self.query_one("#stats-text", Plain).update, problem.user_message)
            return
        app.call_from_thread(self._show, stats)

    @work(thread=True, exclusive=True, group="stats-plan")
    def _compute_plan(self) -> None:
        from mockint.storage.plan import plan_stats_text

        app = mockint_app(self)
        settings = app.settings
        if app.history is None:
            return
        try:
            text = plan_stats_text(app.history, app.decks.decks, app.now(),
                                   settings.daily_minutes, settings.desired_retention)
        except HistoryUnavailable:
            return  # the figures above say what is wrong
        app.call_from_thread(self.query_one("#plan-stats", Plain).update, text)

    def _show(self, stats: Stats) -> None:
        self.query_one("#sessions-title", Plain).update(
            f"Sessions per day, last {DAYS} days ({sum(stats.sessions_per_day)})")
        self.query_one("#answers-title", Plain).update(
            f"Answers per day ({sum(stats.answers_per_day)})")
        self.query_one("#sessions-chart", Sparkline).data = stats.sessions_per_day
        self.query_one("#answers-chart", Sparkline).data = stats.answers_per_day
        self.query_one("#stats-text", Plain).update(stats_text(stats))

    def action_toggle_empty(self) -> None:
        self.include_empty = not self.include_empty
        self._compute()

    def action_back(self) -> None:
        self.app.pop_screen()
