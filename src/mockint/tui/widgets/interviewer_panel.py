"""The interviewer panel: who is asking, what, where we are, and the time bar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from mockint.tui.literal import visible
from mockint.tui.widgets.answer_timer import AnswerTimer
from mockint.tui.widgets.plain import Plain, show_part

if TYPE_CHECKING:
    from mockint.core.first_look import FirstQuestion
    from mockint.core.session import AskedQuestion


class InterviewerPanel(VerticalScroll):
    """A bordered panel: persona in the title, progress in the subtitle, the prompt inside,
    and the time bar on its last line (docked, so a long prompt scrolls but not the bar)."""

    DEFAULT_CSS = """
    InterviewerPanel {
        height: auto;
        max-height: 60%;  /* 80×24: a lead-in and a 3-line question still fit */
        border: round $primary;
        border-title-color: $text-primary;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
        padding: 0 1;
    }
    InterviewerPanel #prompt { text-style: bold; }
    InterviewerPanel #context { color: $text-muted; }
    InterviewerPanel #lead-in { margin-bottom: 1; }
    InterviewerPanel #timer { dock: bottom; }
    """

    def compose(self) -> ComposeResult:
        # Mounted when first needed (show_part): #lead-in, a full interview's introduction
        # or transition, before the prompt; #context, a follow-up's question, after it.
        yield Plain("", id="prompt")
        yield AnswerTimer(id="timer")

    def ask(self, asked: AskedQuestion | FirstQuestion, progress: str,
            prompt: str | None = None) -> None:
        """Show a question (or, with `prompt`, a follow-up to it)."""
        persona = asked.interviewer
        # Literal text (a name like `Sam [/]` is not markup), controls made visible.
        name = f"{persona.name} · {persona.role}" if persona.role else persona.name
        self.border_title = Content(visible(name))
        question = asked.question
        self.border_subtitle = Content(visible(f"{progress} · {question.category} · {question.level}"))
        shown = self.query_one("#prompt", Static)
        shown.update(prompt or question.prompt)
        show_part(self, "context", f"Follow-up to: {question.prompt}" if prompt else "",
                  after=shown)
        show_part(self, "lead-in", "" if prompt else asked.lead_in, before=shown)
