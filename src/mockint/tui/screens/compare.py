"""Two attempts at one question compared: what changed, word by word and in figures.

The word diff marks removed words `[-like this-]` and added ones `{+like this+}`
as well as by style, so it reads the same without colour (NO_COLOR, a
screenshot in a bug report). The table under it says what changed in key
points, STAR parts, words, time, fillers and rating. S swaps the newer attempt
for the sample answer, so an attempt can be measured against the model too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from mockint.core.deck import Question
from mockint.core.diff import (
    DiffPiece,
    Side,
    answer_side,
    change_table,
    diff_counts,
    sample_side,
    word_diff,
)
from mockint.core.session import AnswerRecord
from mockint.tui.literal import plural, visible
from mockint.tui.widgets.footer import Footer
from mockint.tui.widgets.plain import Plain
from mockint.tui.widgets.screen_header import ScreenHeader

PIECE_STYLES = {"same": "", "removed": "strike red", "added": "bold green"}


@dataclass(frozen=True)
class Attempt:
    """An answer with the session it belongs to, for the headers."""

    answer: AnswerRecord
    session_id: str
    started_at: datetime

    def heading(self) -> str:
        answer = self.answer
        when = answer.submitted_at or answer.started_at or self.started_at
        return f"{when.astimezone():%a %d %b %Y %H:%M} · session {self.session_id[:8]}"


def diff_content(pieces: list[DiffPiece]) -> Text:
    """The diff as styled text that still carries its markers (content, never markup)."""
    text = Text()
    for i, piece in enumerate(pieces):
        if i:
            text.append(" ")
        text.append(visible(piece.marked), style=PIECE_STYLES[piece.kind])
    return text


class CompareScreen(Screen[None]):
    """The older attempt against the newer one (or against the sample answer)."""

    CSS_PATH = "compare.tcss"
    HELP_TITLE = "Two attempts compared"
    HELP = """
The words of the newer attempt against the older one: removed words are
struck through and written [-like this-], added ones are bold and written
{+like this+}. The table says what changed: key points and STAR parts gained
and lost, words, time used against the limit, fillers and the rating.
s compares the older attempt with the sample answer instead (s again goes
back). Esc goes back.
"""
    BINDINGS = [
        Binding("s", "toggle_sample", "Sample", tooltip="Compare with the sample answer"),
        Binding("escape,b", "back", "Back"),
    ]

    def __init__(self, older: Attempt, newer: Attempt | None) -> None:
        """`newer` None compares `older` with the sample answer."""
        super().__init__()
        self.older, self.newer = older, newer
        self.with_sample = newer is None

    @property
    def question(self) -> Question:
        return self.older.answer.asked.question

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        yield Plain(self.question.prompt, id="compare-question")
        with Horizontal(id="compare-headers"):
            yield Plain("", id="compare-old", classes="compare-heading")
            yield Plain("", id="compare-new", classes="compare-heading")
        yield DataTable(id="compare-table", cursor_type="none", zebra_stripes=True)
        yield Plain("", id="compare-words", classes="hint")
        with VerticalScroll(id="compare-diff-pane"):
            yield Static("", id="compare-diff")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("", "Before", "After", "Change")
        self._show()
        self.query_one("#compare-diff-pane").focus()

    def _sides(self) -> tuple[Side, Side, str]:
        old = answer_side(self.older.answer)
        if self.with_sample or self.newer is None:
            return old, sample_side(self.question), "Sample answer (as the question was asked)"
        return old, answer_side(self.newer.answer), "Newer: " + self.newer.heading()

    def _show(self) -> None:
        old, new, new_heading = self._sides()
        self.query_one("#compare-old", Plain).update("Older: " + self.older.heading())
        self.query_one("#compare-new", Plain).update(new_heading)
        pieces = word_diff(old.text, new.text)
        added, removed = diff_counts(pieces)
        self.query_one("#compare-words", Plain).update(
            f"{plural(added, 'word')} added {{+like this+}} · {removed} removed [-like this-]")
        self.query_one("#compare-diff", Static).update(
            diff_content(pieces) if pieces else Text("(both answers are empty)"))
        table = self.query_one(DataTable)
        table.clear()
        for row in change_table(self.question, old, new):
            table.add_row(Text(row.what), Text(row.before, justify="right"),
                          Text(row.after, justify="right"), Text(visible(row.change)))

    def action_toggle_sample(self) -> None:
        if self.newer is None:
            self.notify("Only one attempt here: it is compared with the sample answer.")
            return
        self.with_sample = not self.with_sample
        self._show()

    def action_back(self) -> None:
        self.app.pop_screen()
