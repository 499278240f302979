"""Summary: every question of the session with its time, rating and coverage."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header

from mockint.core.session import SessionRecord
from mockint.core.timing import format_duration
from mockint.tui.access import mockint_app
from mockint.tui.formatting import fill_answers_table
from mockint.tui.widgets.plain import Plain


class SummaryScreen(Screen[None]):
    CSS_PATH = "summary.tcss"
    HELP_TITLE = "Summary"
    HELP = """
The session at a glance: for each question the time you used against the
limit, any overtime, your rating, and how many key points and STAR parts you
covered. R opens the session to review each answer; H goes home.
"""
    BINDINGS = [
        Binding("h,escape", "home", "Home"),
        Binding("r", "review", "Review", tooltip="Open this session's answers one by one"),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(self, record: SessionRecord) -> None:
        super().__init__()
        self.record = record

    def compose(self) -> ComposeResult:
        record = self.record
        status = {"finished": "Finished", "abandoned": "Left early", "in_progress": "In progress"}
        average = record.average_rating
        yield Header()
        yield Plain(
            f"{status[record.status]}"
            + (" (empty session)" if record.counts.empty and record.status != "in_progress" else "")
            + f" · {record.counts.label()} · "
            f"total {format_duration(record.total_used)} · mode {record.config.mode}"
            + (f" · average rating {average:.1f}" if average else "")
            + (f" · seed {record.config.seed}" if record.config.seed is not None else ""),
            id="summary-head",
        )
        yield DataTable(id="summary-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        fill_answers_table(self.query_one(DataTable), self.record).focus()

    def action_home(self) -> None:
        mockint_app(self).nav.home()

    def action_review(self) -> None:
        mockint_app(self).nav.session(self.record)
