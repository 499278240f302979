"""One recorded answer, as it was: beside the sample, with its checks and rating."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header

from mockint.core.session import AnswerRecord
from mockint.tui.access import mockint_app
from mockint.tui.formatting import answer_blocks, answer_meta, checks_text, insights_text
from mockint.tui.widgets.plain import Plain
from mockint.tui.widgets.side_by_side import SideBySide


class AnswerScreen(Screen[None]):
    CSS_PATH = "answer.tcss"
    HELP_TITLE = "A recorded answer"
    HELP = """
One answer from your history exactly as it was recorded: your words beside the
sample answer of the question as it was asked then (later deck edits do not
change it), the key points and STAR parts you ticked, and your rating.

T shows every attempt at this question over time.
"""
    BINDINGS = [
        Binding("t", "timeline", "Timeline", tooltip="Every attempt at this question"),
        Binding("escape,b", "back", "Back"),
    ]

    def __init__(self, answer: AnswerRecord, when: str = "") -> None:
        super().__init__()
        self.answer = answer
        self.when = when

    def compose(self) -> ComposeResult:
        answer = self.answer
        question = answer.asked.question
        yield Header()
        yield Plain(question.prompt, id="answer-question")
        yield Plain(" · ".join(p for p in (self.when, answer_meta(answer)) if p), id="answer-meta")
        yield SideBySide(("Your answer", answer_blocks(answer)),
                         ("Sample answer", [("text", question.sample_answer or "(none)")]))
        if answer.analysis is not None:
            yield Plain(insights_text(answer.analysis), id="answer-insights")
        yield Plain(checks_text(answer), id="answer-checks")
        yield Footer()

    def action_timeline(self) -> None:
        asked = self.answer.asked
        mockint_app(self).nav.timeline(asked.deck_id, asked.question.id, asked.question.prompt)

    def action_back(self) -> None:
        mockint_app(self).nav.back()
