"""The interview: the interviewer asks, the user types against the clock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Static, TextArea

from mockint.core.first_look import PendingInterview
from mockint.core.phases import Phase
from mockint.core.words import count_words
from mockint.tui import messages
from mockint.tui.access import mockint_app
from mockint.tui.history_guard import reads_history
from mockint.tui.literal import plural
from mockint.tui.screens.confirm import ConfirmScreen
from mockint.tui.speaker import Speaker, find_speaker
from mockint.tui.widgets.answer_box import AnswerBox
from mockint.tui.widgets.answer_timer import AnswerTimer
from mockint.tui.widgets.footer import Footer
from mockint.tui.widgets.interviewer_panel import InterviewerPanel
from mockint.tui.widgets.key_button import KeyButton
from mockint.tui.widgets.plain import show_part

if TYPE_CHECKING:  # the session models (pydantic) come after `mockint run`'s first frame
    from textual.message import Message

    from mockint.core.session import Interview

COUNT_EVERY = 0.5  # seconds: the word count follows typing without work per keystroke


class InterviewScreen(Screen[None]):
    CSS_PATH = "interview.tcss"
    AUTO_FOCUS = "#answer"  # not the panel above it, which can take focus too
    HELP_TITLE = "Interview"
    HELP = """
The interviewer's question is at the top; type your answer in the box. The
timer counts down and, past the limit, counts overtime instead of stopping you.

Submit when you are done to see the sample answer beside yours. Skip passes on
the question (you still see the sample). In practice mode Ctrl+T pauses the
clock; a mock interview's clock is strict.

In practice mode F3 shows why they ask this and F4 a tip; each peek is
recorded. On a behavioral question F5 lists your stories that fit it. Mock
mode has no peeking. Ctrl+Q leaves the interview; what you typed is kept.

The bar under the question drains as the time goes: "⚠ 0:30 left" near the
end, "+0:12 over" past it. While a dialog, help or the palette is open the
clock waits. With think time set in Settings (F2) the bar first shows
"thinking 0:10"; the clock starts when it runs out or when you type.

With a speaker (espeak-ng) the interviewer can read each question aloud
(Settings: "Read questions aloud"); F6 reads it again, typing stops it.
"""
    BINDINGS = [
        Binding("ctrl+s", "submit", "Submit", tooltip="Submit this answer and see the sample"),
        Binding("ctrl+n", "skip", "Skip", tooltip="Pass on this question"),
        Binding("ctrl+t", "pause", "Pause/resume", tooltip="Stop or restart the clock"),
        Binding("f3", "peek('why_asked')", "Why asked", tooltip="Practice mode: why they ask this"),
        Binding("f4", "peek('tip')", "Tip", tooltip="Practice mode: how to make it personal"),
        Binding("f5", "peek_stories", "Your stories",
                tooltip="Practice mode, behavioral questions: your stories that fit"),
        # priority: the answer box would take F6 as "select line" (F5 is "Your stories").
        Binding("f6", "speak", "Hear again", tooltip="The interviewer reads the question aloud",
                priority=True),
    ]

    def __init__(self, interview: Interview | PendingInterview) -> None:
        super().__init__()
        self.interview = interview  # read only: the interview flow advances it
        # `mockint run`'s first question stands on a PendingInterview until `attach`;
        # what the screen would tell the flow meanwhile waits in `_told_later`.
        self.awaiting = isinstance(interview, PendingInterview)
        self._told_later: list[Message] = []
        self._dirty = False
        self._words = 0
        self._last_flush = float("-inf")
        self._sent = False  # an answer was sent: nothing more until the next screen
        self._shown_text = ""  # the box's text as the question was shown
        self.speaker: Speaker | None = None

    def compose(self) -> ComposeResult:
        yield InterviewerPanel(id="panel")  # then #peek, mounted on the first peek (show_part)
        yield AnswerBox(id="answer", soft_wrap=True, show_line_numbers=False,
                        tab_behavior="focus", placeholder="Type your answer here…")
        with Horizontal(id="status"):
            # Statics, not Labels: Label's CSS is parsed on first use (~1.5 ms of the start).
            yield Static("0 words", id="words", markup=False)
            yield Static(self.interview.mode, id="mode", markup=False)
            yield KeyButton("Submit ^S", id="submit", action="submit", primary=True)
            yield KeyButton("Skip ^N", id="skip", action="skip")
            yield KeyButton("Pause ^T", id="pause", action="pause")
        yield Footer()

    def on_mount(self) -> None:
        app = mockint_app(self)
        argv = find_speaker(app.settings.speaker_command).argv
        self.speaker = Speaker(argv) if argv else None
        self._show_question()
        app.ticked.subscribe(self, self._tick)
        # The clock starts once the question is on screen, not while a huge one is drawn.
        if not self.awaiting:
            self.call_after_refresh(self._question_shown)

    def attach(self, interview: Interview) -> None:
        """The interview this screen's first question was waiting for: follow it from now
        on, keeping whatever was typed, then tell the flow what happened meanwhile."""
        typed = self._text()
        self.interview, self.awaiting = interview, False
        self._show_question()
        if typed:
            box = self.query_one("#answer", TextArea)
            box.text = typed
            box.move_cursor(box.document.end)
            self._dirty = True  # the next tick saves it (and starts the clock)
        self.call_after_refresh(self._question_shown)
        told, self._told_later = self._told_later, []
        for message in told:
            self.post_message(message)

    def _tell(self, message: Message) -> None:
        """Post `message` to the interview flow, or keep it until `attach`."""
        if self.awaiting:
            self._told_later.append(message)
        else:
            self.post_message(message)

    def _question_shown(self) -> None:
        self.show_state()  # the bar, composed by the panel, is surely there by now
        self._post(messages.QuestionShown)
        if mockint_app(self).settings.speak_questions:
            self.action_speak()
        # The reveal's code is not loaded before the first question (issue 15); load it
        # now, while the question is read, so the first reveal is not the slower for it.
        import mockint.tui.screens.reveal  # noqa: F401

    def on_unmount(self) -> None:
        if self.speaker is not None:  # moved on or left: the interviewer stops talking
            self.speaker.stop()

    def on_screen_suspend(self, _: events.ScreenSuspend) -> None:
        """A dialog (leave?, help, the palette) covers the interview: the clock waits."""
        if not self._sent:
            self._tell(messages.ClockHeld(
                self.interview.index, self.interview.follow_up is not None, True))

    def on_screen_resume(self, _: events.ScreenResume) -> None:
        if not self._sent:
            self._tell(messages.ClockHeld(
                self.interview.index, self.interview.follow_up is not None, False))

    def _post(self, kind: type[messages.InterviewMessage]) -> None:
        self._tell(kind(self.interview.index, self.interview.follow_up is not None))

    # --- showing the state ---------------------------------------------------

    def _show_question(self) -> None:
        interview = self.interview
        follow_up = interview.follow_up
        progress = f"Question {interview.index + 1} of {interview.total}"
        if interview.current.section and not isinstance(interview, PendingInterview):
            # a full interview: where in which section
            from mockint.core.full_interview import progress_label

            progress = progress_label(interview.record, interview.index)
        if follow_up is not None:
            progress += " · follow-up"
        panel = self.query_one(InterviewerPanel)
        panel.ask(interview.current, progress, follow_up.prompt if follow_up else None)
        box = self.query_one("#answer", TextArea)
        box.text = follow_up.text if follow_up else interview.answer.text
        self._shown_text = box.text
        box.move_cursor(box.document.end)
        show_part(self, "peek", "")
        self._count_words(box.text)
        self.query_one("#pause").display = self.interview.can_pause
        self.show_state()
        box.focus()

    def show_state(self) -> None:
        """The interview moved (the clock started, a pause): follow it."""
        if not self.query("#answer"):
            return  # the screen is being taken down (the app closes): nothing to show
        interview = self.interview
        thinking = interview.think_clock if interview.thinking else None
        # The bar is the panel's child: composed a moment after the screen's own widgets.
        for timer in self.query(AnswerTimer):
            timer.show_clock(interview.answer_clock, thinking)
        self._show_pause()
        self.refresh_bindings()

    def show_peek(self, what: str, text: str) -> None:
        title = "Why they ask this" if what == "why_asked" else "Tip"
        self._show_peek(f"{title}: {text or '(the deck has none for this question)'}")

    def _show_peek(self, text: str) -> None:
        show_part(self, "peek", text, before=self.query_one("#answer"))

    def _show_pause(self) -> None:
        paused = self.interview.phase is Phase.PAUSED
        box = self.query_one("#answer", TextArea)
        was_paused = box.read_only
        box.read_only = paused
        box.border_subtitle = "paused: Ctrl+T to resume" if paused else ""
        self.query_one("#pause", KeyButton).label = "Resume ^T" if paused else "Pause ^T"
        for timer in self.query(AnswerTimer):
            timer.tick()
        if was_paused and not paused:
            box.focus()

    def _count_words(self, text: str) -> None:
        words = count_words(text)
        if words != self._words or not text:
            self._words = words
            self.query_one("#words", Static).update(plural(words, "word"), layout=False)

    # --- typing --------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        """A printable key that reached the screen itself belongs to the answer: keys
        typed while the app started, before the box had focus, were dropped (the words
        typed right after `mockint run` were lost), and so was a letter typed with a
        button focused."""
        if not (event.is_printable and event.character) or self._sent:
            return
        box = self.query_one("#answer", TextArea)
        if box.read_only:  # paused: the box itself refuses keys
            return
        event.stop()  # the box, had it had the key, would have taken it: it has not
        box.focus()
        box.insert(event.character)

    @on(TextArea.Changed, "#answer")
    def _typed(self) -> None:
        self._dirty = True  # O(1) per keystroke; the counting waits for the tick
        speaking = self.speaker is not None and self.speaker.speaking
        if not (speaking or self.interview.thinking):
            return
        if self._text() == self._shown_text:  # the question's own text being drawn
            return
        if self.speaker is not None:
            self.speaker.stop()  # the person answers: the interviewer stops talking
        if self.interview.thinking:
            self._flush_draft(mockint_app(self).clock())  # typing ends the think time at once

    def _tick(self, now: float) -> None:
        if now - self._last_flush >= COUNT_EVERY:
            self._flush_draft(now)

    def _flush_draft(self, now: float) -> None:
        if not self._dirty:
            return
        self._last_flush = now
        self._dirty = False
        text = self._text()
        self._count_words(text)
        if self.interview.phase is Phase.ASKING and text == self._shown_text:
            return  # nothing typed yet: think time goes on
        self._tell(messages.DraftChanged(self.interview.index,
                                         self.interview.follow_up is not None, text))

    def _text(self) -> str:
        return self.query_one("#answer", TextArea).text

    # --- intents: posted to the interview flow ---------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        interview = self.interview
        if action == "leave":
            return True
        if action == "speak":
            return self.speaker is not None and not self._sent
        if self._sent:
            return False
        # Asking: the question is being drawn; an answer may already be sent (the
        # flow starts the clock first).
        asking = interview.phase is Phase.ASKING
        if action == "submit":
            return asking or interview.can_submit
        if action == "skip":
            return asking or interview.can_skip
        if action == "pause":
            return interview.can_pause and (asking or interview.can_toggle_pause)
        if action == "peek":
            return interview.can_peek and interview.follow_up is None
        if action == "peek_stories":
            return (interview.can_peek and interview.follow_up is None
                    and interview.current.question.category in ("behavioral", "situational"))
        return True

    def _send(self, skipped: bool) -> None:
        self._sent = True
        self._tell(messages.AnswerSubmitted(
            self.interview.index, self.interview.follow_up is not None, self._text(), skipped))

    def action_submit(self) -> None:
        self._send(skipped=False)

    def action_skip(self) -> None:
        self._send(skipped=True)

    def action_pause(self) -> None:
        self._post(messages.PauseToggled)

    def action_peek(self, what: str) -> None:
        self._tell(messages.PeekRequested(self.interview.index, False, what))

    @reads_history
    def action_peek_stories(self) -> None:
        """F5: the person's stories for this question, titles and one line each."""
        from mockint.core.stories import peek_text

        interview = self.interview
        if isinstance(interview, PendingInterview) or not interview.can_peek:
            return
        history = getattr(self.app, "history", None)
        stories = history.list_stories() if history is not None else []
        self._show_peek(peek_text(stories, interview.current.question))

    def action_speak(self) -> None:
        """F6: the interviewer reads the question (or the follow-up) aloud, in the background."""
        if self.speaker is None:
            return
        follow_up, asked = self.interview.follow_up, self.interview.current
        if follow_up is not None:
            self.speaker.say(follow_up.prompt)
        else:  # a full interview's introduction or transition is said first
            self.speaker.say(" ".join(filter(None, [asked.lead_in, asked.question.prompt])))

    def action_leave(self) -> None:
        def decided(leave: bool | None) -> None:
            if leave:
                self._sent = True
                self._tell(messages.LeaveConfirmed(
                    self.interview.index, self.interview.follow_up is not None, self._text()))
            else:  # stay (unless the app is closing under the dialog: nothing to focus)
                for box in self.query("#answer"):
                    box.focus()

        self.app.push_screen(
            ConfirmScreen("Leave this interview? What you typed is kept.", yes="Leave", no="Stay"),
            decided,
        )

    @on(AnswerTimer.Crossed)
    def _crossed(self, event: AnswerTimer.Crossed) -> None:
        if mockint_app(self).settings.bell:
            self.app.bell()
