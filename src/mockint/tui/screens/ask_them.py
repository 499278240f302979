"""A full interview's end: "Do you have any questions for me?".

The person ticks questions from the ask-them decks and types their own, one
per line; each is then asked in turn, timed and kept like an answer, and its
reveal shows what to listen for. Nothing here advances the interview: the
choice goes to the interview flow as `QuestionsToAskChosen`.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Label, SelectionList, TextArea
from textual.widgets.selection_list import Selection

from mockint.core.deck import Deck
from mockint.core.full_interview import ask_them_choices, closing_line
from mockint.core.session import Interview
from mockint.tui import messages
from mockint.tui.literal import visible
from mockint.tui.widgets.checklists import TickList
from mockint.tui.widgets.footer import Footer
from mockint.tui.widgets.plain import Plain


class AskThemScreen(Screen[None]):
    CSS_PATH = "ask_them.tcss"
    HELP_TITLE = "Your questions for the interviewer"
    HELP = """
The end of a full interview: the interviewer asks whether you have any
questions. Tick the ones you want to ask (Space) and type your own in the box,
one per line. Ctrl+S asks them: each is timed and kept like an answer, and its
reveal shows what to listen for in the reply. Ctrl+N ends the interview
without questions (real interviewers notice that, so practise a few).
"""
    BINDINGS = [
        Binding("ctrl+s", "ask", "Ask these", tooltip="Ask the ticked and typed questions"),
        Binding("ctrl+n", "no_questions", "No questions",
                tooltip="Finish the interview without asking anything"),
    ]

    def __init__(self, interview: Interview, decks: list[Deck]) -> None:
        super().__init__()
        self.interview = interview  # read only: the interview flow advances it
        self.decks = decks
        self._sent = False

    def compose(self) -> ComposeResult:
        persona = self.interview.questions[0].interviewer
        closing = Plain(closing_line(self.interview.record), id="closing")
        closing.border_title = Content(visible(
            f"{persona.name} · {persona.role}" if persona.role else persona.name))
        yield closing
        choices = ask_them_choices(self.decks)
        yield Label("Questions to ask (Space ticks)" if choices
                    else "No ask-them deck is loaded: type your own below.", classes="title")
        yield TickList[str](
            *[Selection(Content(visible(q.prompt)), f"{deck.id}/{q.id}") for deck, q in choices],
            id="choices")
        yield Label("Your own questions, one per line", classes="title")
        yield TextArea(id="own", soft_wrap=True, show_line_numbers=False, tab_behavior="focus",
                       placeholder="How does the team decide what to build next?")
        with Horizontal(id="ask-actions"):
            yield Label("", id="ask-count")
            yield Button("No questions ^N", id="no-questions", action="screen.no_questions",
                         compact=True)
            yield Button("Ask these ^S", id="ask", action="screen.ask", variant="primary",
                         compact=True)
        yield Footer()

    def on_mount(self) -> None:
        choices = self.query_one("#choices", SelectionList)
        choices.display = choices.option_count > 0
        (choices if choices.display else self.query_one("#own")).focus()
        self._count()

    def _picks(self) -> list[tuple[str, str]]:
        chosen = self.query_one("#choices", SelectionList).selected
        return [(key.split("/", 1)[0], key.split("/", 1)[1]) for key in chosen]

    def _own(self) -> list[str]:
        return [line.strip() for line in self.query_one("#own", TextArea).text.splitlines()
                if line.strip()]

    def _count(self) -> None:
        n = len(self._picks()) + len(self._own())
        text = "none chosen yet" if n == 0 else f"{n} question{'' if n == 1 else 's'} to ask"
        self.query_one("#ask-count", Label).update(text)

    def on_selection_list_selected_changed(self) -> None:
        self._count()

    def on_text_area_changed(self) -> None:
        self._count()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("ask", "no_questions"):
            return self.interview.can_ask_them and not self._sent
        return True

    def action_ask(self) -> None:
        picks, own = self._picks(), self._own()
        if not picks and not own:
            self.notify("Tick a question or type your own; Ctrl+N finishes without questions.",
                        severity="warning")
            return
        self._send(picks, own)

    def action_no_questions(self) -> None:
        self._send([], [])

    def _send(self, picks: list[tuple[str, str]], own: list[str]) -> None:
        self._sent = True
        self.refresh_bindings()
        self.post_message(messages.QuestionsToAskChosen(self.interview.index, picks, own))
