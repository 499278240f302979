"""A question's timeline: every past answer to it, and two of them compared."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Sparkline

from mockint.core.session import RATINGS
from mockint.core.timing import format_duration
from mockint.core.trends import QuestionStory, question_trends
from mockint.storage.history import AnswerHit
from mockint.tui.access import mockint_app
from mockint.tui.history_guard import reads_history
from mockint.tui.literal import one_line, plural, visible
from mockint.tui.screens.compare import Attempt
from mockint.tui.widgets.footer import Footer
from mockint.tui.widgets.plain import Plain
from mockint.tui.widgets.screen_header import ScreenHeader

TREND_WORDS = {"up": "up", "down": "down", "flat": "level"}


class TimelineScreen(Screen[None]):
    CSS_PATH = "timeline.tcss"
    HELP_TITLE = "Question timeline"
    HELP = """
How your answers to this question went over time: key points covered, STAR
parts, rating, time used and words, each as a small chart with its figures
written beside it, and when practice brings the question back next. Then
every time you answered it, oldest first, with the rating, the time and the
start of your answer. Enter opens an attempt. Space marks up to two
attempts and c compares them word by word (with none marked, the last two);
s compares the highlighted attempt with the sample answer.
"""
    BINDINGS = [
        Binding("enter", "app.select_row", "Open attempt", show=False,
                tooltip="The highlighted attempt beside its sample answer"),
        Binding("space", "mark", "Mark", tooltip="Mark an attempt to compare"),
        Binding("c", "compare", "Compare", tooltip="Two attempts compared word by word"),
        Binding("s", "compare_sample", "Vs sample",
                tooltip="The highlighted attempt against the sample answer"),
        Binding("escape,b", "back", "Back"),
    ]

    def __init__(self, deck_id: str, question_id: str, prompt: str) -> None:
        super().__init__()
        self.deck_id, self.question_id, self.prompt = deck_id, question_id, prompt
        self.hits: list[AnswerHit] = []
        self.marked: list[int] = []

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        yield Plain(self.prompt, id="timeline-question")
        yield Vertical(id="timeline-trends")
        yield Plain("", id="timeline-due", classes="hint")
        yield DataTable(id="attempts", cursor_type="row", zebra_stripes=True)
        yield Plain("", id="timeline-hint", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        history = mockint_app(self).history
        self.hits = history.question_timeline(self.deck_id, self.question_id) if history else []
        table = self.query_one(DataTable)
        table.add_columns(" ", "Date", "Rating", "Time", "Words", "Answer")
        for i, hit in enumerate(self.hits):
            table.add_row(*self._cells(hit, False), key=str(i))
        self._hint()
        table.focus()
        if history is not None:
            self._load_story()

    @work(thread=True, exclusive=True, group="timeline-story")
    @reads_history
    def _load_story(self) -> None:
        history = mockint_app(self).history
        if history is None:
            return
        answers = [history.load_answer(h.session_id, h.index) for h in self.hits]
        due = history.card_due(self.deck_id, self.question_id)
        self.app.call_from_thread(self._show_story, question_trends(answers), due)

    def _show_story(self, story: QuestionStory, due: datetime | None) -> None:
        box = self.query_one("#timeline-trends", Vertical)
        rows: list[Widget] = []
        for trend in story.trends:
            rows.append(Horizontal(
                Plain(trend.name, classes="trend-name"),
                Sparkline(trend.values, classes="trend-chart"),
                Plain(f"{trend.text}  ({TREND_WORDS[trend.direction]})", classes="trend-text"),
                classes="trend"))
        if not rows:
            rows.append(Plain("No answered attempts yet: the trends start with the first.",
                              classes="hint"))
        box.mount_all(rows)
        passed = f" · {story.passed} skipped or unanswered (not in the trends)" if story.passed else ""
        if due is None:
            when = "not scheduled yet (rate an answer to schedule it)"
        else:
            days = (due.astimezone().date() - mockint_app(self).now().astimezone().date()).days
            when = f"{due.astimezone():%a %d %b %Y}" + (
                " (due now)" if days <= 0 else f" (in {plural(days, 'day')})")
        self.query_one("#timeline-due", Plain).update(f"Next review: {when}{passed}")

    def _cells(self, hit: AnswerHit, marked: bool) -> tuple[Text, ...]:
        return (
            Text("●" if marked else " "),
            Text(f"{hit.started_at:%Y-%m-%d %H:%M}"),
            Text(RATINGS.get(hit.rating or 0, "—")),
            Text(format_duration(hit.used)),
            Text(str(len(hit.text.split())), justify="right"),
            Text(visible(one_line(hit.text))),
        )

    def _hint(self) -> None:
        count = len(self.hits)
        text = plural(count, "attempt")
        if self.marked:
            text += f" · {len(self.marked)} marked"
        self.query_one("#timeline-hint", Plain).update(text)

    def action_mark(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        if not self.hits:
            return
        if row in self.marked:
            self.marked.remove(row)
        else:
            self.marked = (self.marked + [row])[-2:]
        for i, hit in enumerate(self.hits):
            table.update_cell_at(Coordinate(i, 0), self._cells(hit, i in self.marked)[0])
        self._hint()

    @reads_history
    def action_compare(self) -> None:
        chosen = sorted(self.marked) if len(self.marked) == 2 else [len(self.hits) - 2,
                                                                     len(self.hits) - 1]
        if min(chosen) < 0:
            self.notify("Answer this question at least twice to compare attempts.")
            return
        older, newer = (self._attempt(self.hits[i]) for i in chosen)
        mockint_app(self).nav.compare(older, newer)

    @reads_history
    def action_compare_sample(self) -> None:
        if not self.hits:
            return
        row = min(self.query_one(DataTable).cursor_row, len(self.hits) - 1)
        mockint_app(self).nav.compare(self._attempt(self.hits[row]), None)

    def _attempt(self, hit: AnswerHit) -> Attempt:
        history = mockint_app(self).history
        assert history is not None  # the timeline is only filled from an open history
        answer = history.load_answer(hit.session_id, hit.index)
        return Attempt(answer, hit.session_id, hit.started_at)

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        mockint_app(self).nav.answer_hit(self.hits[event.cursor_row])

    def action_back(self) -> None:
        self.app.pop_screen()
