"""A question's timeline: every past answer to it, and two of them side by side."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header

from mockint.core.session import RATINGS
from mockint.core.timing import format_duration
from mockint.storage.history import AnswerHit
from mockint.tui.access import mockint_app
from mockint.tui.literal import one_line, visible
from mockint.tui.widgets.plain import Plain
from mockint.tui.widgets.side_by_side import SideBySide


class CompareScreen(Screen[None]):
    """Two attempts at one question, older on the left."""

    HELP_TITLE = "Two attempts side by side"
    HELP = "The older attempt on the left, the newer on the right. Esc goes back."
    BINDINGS = [Binding("escape,b", "back", "Back")]

    def __init__(self, prompt: str, older: AnswerHit, newer: AnswerHit) -> None:
        super().__init__()
        self.prompt, self.older, self.newer = prompt, older, newer

    def compose(self) -> ComposeResult:
        def side(hit: AnswerHit) -> tuple[str, list[tuple[str, str]]]:
            rating = RATINGS.get(hit.rating or 0, "not rated")
            title = f"{hit.started_at:%Y-%m-%d} · {rating} · {format_duration(hit.used)}"
            return title, [("text", hit.text or "(no answer typed)")]

        yield Header()
        yield Plain(self.prompt, classes="section-title")
        yield SideBySide(side(self.older), side(self.newer))
        yield Footer()

    def action_back(self) -> None:
        self.app.pop_screen()


class TimelineScreen(Screen[None]):
    CSS_PATH = "timeline.tcss"
    HELP_TITLE = "Question timeline"
    HELP = """
Every time you answered this question, oldest first, with the rating, the time
and the start of your answer. Enter opens an attempt. Space marks up to two
attempts and C shows them side by side (with none marked, the last two).
"""
    BINDINGS = [
        Binding("space", "mark", "Mark", tooltip="Mark an attempt to compare"),
        Binding("c", "compare", "Compare", tooltip="Two attempts side by side"),
        Binding("escape,b", "back", "Back"),
    ]

    def __init__(self, deck_id: str, question_id: str, prompt: str) -> None:
        super().__init__()
        self.deck_id, self.question_id, self.prompt = deck_id, question_id, prompt
        self.hits: list[AnswerHit] = []
        self.marked: list[int] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Plain(self.prompt, id="timeline-question")
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
        text = f"{count} attempt{'s' if count != 1 else ''}"
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
            table.update_cell_at((i, 0), self._cells(hit, i in self.marked)[0])
        self._hint()

    def action_compare(self) -> None:
        chosen = sorted(self.marked) if len(self.marked) == 2 else [len(self.hits) - 2,
                                                                     len(self.hits) - 1]
        if min(chosen) < 0:
            self.notify("Answer this question at least twice to compare attempts.")
            return
        older, newer = (self.hits[i] for i in chosen)
        mockint_app(self).nav.compare(self.prompt, older, newer)

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        mockint_app(self).nav.answer_hit(self.hits[event.cursor_row])

    def action_back(self) -> None:
        self.app.pop_screen()
