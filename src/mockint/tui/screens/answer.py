"""One recorded answer, as it was: beside the sample, with its checks and rating."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen

from mockint.core.session import AnswerRecord
from mockint.tui.access import mockint_app
from mockint.tui.formatting import answer_blocks, answer_meta, checks_text, insights_text
from mockint.tui.literal import visible
from mockint.tui.widgets.footer import Footer
from mockint.tui.widgets.plain import Plain
from mockint.tui.widgets.screen_header import ScreenHeader
from mockint.tui.widgets.side_by_side import SideBySide


class AnswerScreen(Screen[None]):
    CSS_PATH = "answer.tcss"
    HELP_TITLE = "A recorded answer"
    HELP = """
One answer from your history exactly as it was recorded: your words beside the
sample answer of the question as it was asked then (later deck edits do not
change it), the key points and STAR parts you ticked, and your rating.

t shows every attempt at this question over time.
"""
    BINDINGS = [
        Binding("t", "timeline", "Timeline", tooltip="Every attempt at this question"),
        Binding("escape,b", "back", "Back"),
    ]

    def __init__(self, answer: AnswerRecord, when: str = "", find: Sequence[str] = ()) -> None:
        """`find`: words a search matched; they are marked and the answer opens at the first."""
        super().__init__()
        self.answer = answer
        self.when = when
        self.find = [w for w in find if w.strip()]
        self.match_line: int | None = None  # where the first match is, in the left pane

    def compose(self) -> ComposeResult:
        answer = self.answer
        question = answer.asked.question
        yield ScreenHeader()
        yield Plain(question.prompt, id="answer-question")
        yield Plain(" · ".join(p for p in (self.when, answer_meta(answer)) if p), id="answer-meta")
        yield SideBySide(("Your answer", answer_blocks(answer)),
                         ("Sample answer", [("text", question.sample_answer or "(none)")]))
        if answer.analysis is not None:
            yield Plain(insights_text(answer.analysis), id="answer-insights")
        yield Plain(checks_text(answer), id="answer-checks")
        yield Footer()

    def on_mount(self) -> None:
        if self.find:
            self.call_after_refresh(self._show_match)

    def _show_match(self) -> None:
        """Mark the searched words in your answer and scroll to the first of them."""
        pane = self.query_one("SideBySide > .left", VerticalScroll)
        words = sorted({w.lower() for w in self.find}, key=len, reverse=True)
        pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
        first: tuple[Plain, str, int] | None = None
        for block, (_, raw) in zip(pane.query(Plain), answer_blocks(self.answer), strict=False):
            shown = visible(raw)
            spans = [m.span() for m in pattern.finditer(shown)]
            if not spans:
                continue
            text = Text(shown)
            for start, end in spans:
                text.stylize("bold reverse", start, end)
            block.update(text)
            first = first or (block, shown, spans[0][0])
        if first is None:
            return
        block, shown, offset = first
        # Lines above the match: the text before it, wrapped as the pane wraps it.
        width = max(1, block.content_region.width)
        above = len(Text(shown[:offset]).wrap(self.app.console, width)) - 1 if offset else 0
        self.match_line = block.virtual_region.y + max(0, above)
        pane.scroll_to(y=max(0, self.match_line - 2), animate=False)

    def action_timeline(self) -> None:
        asked = self.answer.asked
        mockint_app(self).nav.timeline(asked.deck_id, asked.question.id, asked.question.prompt)

    def action_back(self) -> None:
        mockint_app(self).nav.back()
