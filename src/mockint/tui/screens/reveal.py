"""The reveal: the user's answer beside the sample, checklists, and the rating."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, SelectionList, Static

from mockint.core.analysis import AnswerAnalysis, Vocabulary, analyse
from mockint.core.deck import Question
from mockint.core.session import Interview
from mockint.tui import messages
from mockint.tui.access import mockint_app
from mockint.tui.formatting import insights_text, time_line
from mockint.tui.widgets.checklists import KeyPointChecklist, StarChecklist
from mockint.tui.widgets.footer import Footer
from mockint.tui.widgets.plain import Plain
from mockint.tui.widgets.rating_bar import RatingBar
from mockint.tui.widgets.story_told import StoryTold

_VOCABULARY: dict[tuple[tuple[str, int], ...], Vocabulary] = {}


def deck_vocabulary(decks: list) -> Vocabulary:
    """The loaded decks' vocabulary, built once per set of decks (in a worker)."""
    key = tuple((deck.id, len(deck.questions)) for deck in decks)
    if key not in _VOCABULARY:
        _VOCABULARY.clear()
        _VOCABULARY[key] = Vocabulary(q for deck in decks for q in deck.questions)
    return _VOCABULARY[key]


class RevealScreen(Screen[None]):
    CSS_PATH = "reveal.tcss"
    HELP_TITLE = "Reveal"
    HELP = """
Your answer on the left, the sample answer on the right. Below, tick the key
points your answer covered and, for behavioral and situational questions, the
STAR parts (Situation, Task, Action, Result). Design and scenario questions
show the answer framework.

The checklist with focus shows ▶ before its title and a heavy border: Space
ticks or unticks the highlighted line there, Tab moves to the other list, and
u (or Ctrl+Z) undoes the last tick change.

Rate yourself with 1 to 4: Again, Hard, Good, Easy; the chosen one shows ●.
Then n moves on. Rating is optional, unless Settings asks mock interviews to
be rated before moving on. If the question has follow-ups, f lets the
interviewer ask one, timed.

On a behavioral or situational question, w says which of your stories you
told (or a new one): the line under the checklists then shows, per STAR part,
whether your answer carried what the story's notes hold, such as the figure
of the result. s saves the answer as a new story, split into STAR parts, to
edit first.
"""
    BINDINGS = [
        Binding("1", "rate(1)", "Again", tooltip="Rate: I could not answer it"),
        Binding("2", "rate(2)", "Hard", tooltip="Rate: answered, with effort"),
        Binding("3", "rate(3)", "Good", tooltip="Rate: answered well"),
        Binding("4", "rate(4)", "Easy", tooltip="Rate: answered easily"),
        Binding("n", "next", "Next", tooltip="Move on to the next question"),
        Binding("n", "finish", "Finish", tooltip="Finish the interview"),
        Binding("u,ctrl+z", "undo_tick", "Undo", key_display="u",
                tooltip="Undo the last tick or untick in the checklists"),
        # Shown on the screen itself (the Follow-up button, the story line under the
        # checklists), so the footer keeps room for the ratings at 80 columns.
        Binding("f", "follow_up", "Follow-up", show=False,
                tooltip="The interviewer asks a follow-up"),
        Binding("w", "which_story", "Which story?", show=False,
                tooltip="Say which of your stories you told"),
        Binding("s", "save_story", "Save as story", show=False,
                tooltip="Keep this answer as a new story"),
    ]
    # A narrow or short terminal stacks the checklists and gives the answers the rest.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]

    class Analysed(Message):
        """The analysis arrived and the checklists show it."""

    def __init__(self, interview: Interview) -> None:
        super().__init__()
        self.interview = interview  # read only: the interview flow advances it
        self._sent = False  # moved on: nothing more until the next screen
        self._rating_sent = False  # a rating is on its way to the flow ("3n" typed fast)
        # What each checklist showed before each change the person made, newest last.
        self._undo: list[tuple[str, set]] = []
        self._shown: dict[str, set] = {}

    def compose(self) -> ComposeResult:
        interview = self.interview
        answer = interview.answer
        question = interview.current.question
        progress = f"Question {interview.index + 1} of {interview.total}"
        yield Plain(question.prompt, id="reveal-question")
        yield Plain(f"{progress} · {time_line(answer.used, answer.time_limit, answer.paused)}",
                     id="reveal-meta")
        with Horizontal(id="answers"):
            with VerticalScroll(id="yours") as yours:
                yours.border_title = "Your answer" + (" (skipped)" if answer.skipped else "")
                yield Plain(answer.text or "(no answer typed)")
                for follow_up in answer.follow_ups:
                    yield Plain(f"\nFollow-up: {follow_up.prompt}", classes="follow-up")
                    yield Plain(follow_up.text or "(no answer typed)")
            with VerticalScroll(id="sample") as sample:
                sample.border_title = ("Sample answer, and what to listen for"
                                       if question.category == "ask-them" else "Sample answer")
                yield Plain(question.sample_answer or "(the deck has no sample answer)")
        yield Plain("Reading your answer…", id="insights")
        with Horizontal(id="checks"):
            derived = answer.analysis.derived_points if answer.analysis else []
            if question.key_points or derived:
                yield self._key_point_list(derived)
            if question.uses_star:
                yield StarChecklist(answer.star_checked, id="star")
            if question.framework:
                steps = "\n".join(f"{i}. {s}" for i, s in enumerate(question.framework, 1))
                framework = Plain(steps, id="framework")
                framework.border_title = "Answer framework"
                yield framework
        if question.uses_star:
            yield StoryTold(interview, id="story-told")
        with Horizontal(id="actions"):
            yield RatingBar(id="rating")
            yield Static("", id="actions-gap")
            yield Button("Follow-up (f)", id="follow-up", action="screen.follow_up", compact=True)
            # "move_on", not "next": the n key's next/finish pair is switched off by
            # check_action on one side, the button must work on both.
            yield Button("Next (n)", id="next", action="screen.move_on", variant="success",
                         compact=True)
        yield Footer()

    def _key_point_list(self, derived: list) -> KeyPointChecklist:
        question = self.interview.current.question
        points = question.key_points or derived
        checklist = KeyPointChecklist(points, self.interview.answer.key_points_checked,
                                      id="key-points")
        if not question.key_points:
            checklist.heading = "Key points from the sample answer (suggested)"
        return checklist

    def on_mount(self) -> None:
        self.query_one(RatingBar).rating = self.interview.answer.rating
        self._refresh_buttons()
        answer = self.interview.answer
        follow_ups = [f.text for f in answer.follow_ups]
        if answer.analysis is None or answer.analysis.follow_ups_read < len(follow_ups):
            # A follow-up answer is read like the main one: it can tick a missed point.
            self._analyse(self.interview.current.question, answer.text, follow_ups)
        else:
            self._show_analysis(answer.analysis)
        self._remember_shown()
        focus = self.query(SelectionList)
        (focus.first() if focus else self.query_one("#rate-3")).focus()

    @work(thread=True, exclusive=True, group="analysis")
    def _analyse(self, question: Question, text: str, follow_ups: list[str]) -> None:
        app = mockint_app(self)
        analysis = analyse(question, text, wpm=app.settings.words_per_minute,
                           follow_ups=follow_ups, vocabulary=deck_vocabulary(app.decks.decks))
        self.app.call_from_thread(self.post_message,
                                  messages.AnswerAnalysed(self.interview.index, analysis))

    def show_analysis(self, analysis: AnswerAnalysis, ticked: bool) -> None:
        """The flow kept the analysis; `ticked` when it also pre-ticked the checklists."""
        if not self.query("#insights"):
            # Not composed yet, or already being taken down (a burst of keys replaced
            # it): the interview holds the analysis, and on_mount shows what it holds.
            return
        if analysis.derived_points and not self.query("#key-points"):
            self.query_one("#checks").mount(self._key_point_list(analysis.derived_points),
                                            before=0)
        if ticked:
            self._tick()
        self._show_analysis(analysis)
        self.post_message(self.Analysed())

    def show_state(self) -> None:
        """The interview moved (a rating): follow it."""
        self.query_one(RatingBar).rating = self.interview.answer.rating
        self.refresh_bindings()

    def _tick(self) -> None:
        """Show the interview's ticks (the suggestions, or a follow-up's additions)."""
        answer = self.interview.answer
        with self.prevent(SelectionList.SelectedChanged):
            for points in self.query(KeyPointChecklist):
                for index, ticked in enumerate(answer.key_points_checked):
                    (points.select if ticked else points.deselect)(index)
            for star in self.query(StarChecklist):
                for part, ticked in answer.star_checked.items():
                    (star.select if ticked else star.deselect)(part)
        self._remember_shown()

    def _remember_shown(self) -> None:
        """What the checklists show now (ticks the person did not make are not undone)."""
        for checklist in self.query(SelectionList):
            if checklist.id:
                self._shown[checklist.id] = set(checklist.selected)

    def _show_analysis(self, analysis: AnswerAnalysis) -> None:
        for points in self.query(KeyPointChecklist):
            points.show_evidence(analysis.key_points)
        for star in self.query(StarChecklist):
            star.show_evidence(analysis.star, analysis.result_quantified)
        self.query_one("#insights", Plain).update(insights_text(analysis))

    def _refresh_buttons(self) -> None:
        self.query_one("#follow-up", Button).display = bool(self.interview.remaining_follow_ups())
        last = self.interview.finishes_next
        self.query_one("#next", Button).label = "Finish (n)" if last else "Next (n)"
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        interview = self.interview
        if action in ("next", "finish"):
            return (action == "finish") == interview.finishes_next and not self._sent
        if self._sent:
            return False
        if action == "follow_up":
            return interview.can_ask_follow_up
        if action == "rate":
            return interview.can_rate
        if action == "move_on":
            return interview.can_rate
        if action in ("which_story", "save_story"):
            return bool(self.query(StoryTold))
        if action == "undo_tick":
            return interview.can_rate and bool(self._undo) or None
        return True

    @on(SelectionList.SelectedChanged, "#key-points")
    @on(SelectionList.SelectedChanged, "#star")
    def _ticked(self, event: SelectionList.SelectedChanged) -> None:
        checklist = event.selection_list
        if checklist.id is None:
            return
        now = set(checklist.selected)
        before = self._shown.get(checklist.id, set())
        if now != before:
            self._undo.append((checklist.id, before))
            self._shown[checklist.id] = now
            self.refresh_bindings()
        self._send(checklist.id, now)

    def _send(self, list_id: str, chosen: set) -> None:
        """Tell the flow what a checklist holds now."""
        answer = self.interview.answer
        if list_id == "key-points":
            self.post_message(messages.KeyPointsChecked(
                self.interview.index,
                [index in chosen for index in range(len(answer.key_points_checked))]))
        elif list_id == "star":
            self.post_message(messages.StarChecked(
                self.interview.index, {part: part in chosen for part in answer.star_checked}))

    def action_undo_tick(self) -> None:
        """Put the last tick change back, in the list it happened in (which gets focus)."""
        if not self._undo:
            return
        list_id, before = self._undo.pop()
        checklist = self.query_one(f"#{list_id}", SelectionList)
        changed = set(checklist.selected) ^ before
        with self.prevent(SelectionList.SelectedChanged):
            for index in range(checklist.option_count):
                value = checklist.get_option_at_index(index).value
                (checklist.select if value in before else checklist.deselect)(value)
                if value in changed:
                    checklist.highlighted = index
        self._shown[list_id] = set(before)
        self._send(list_id, before)
        checklist.focus()
        self.refresh_bindings()

    def action_rate(self, rating: int) -> None:
        self._rating_sent = True
        self.post_message(messages.RatingChosen(self.interview.index, rating))

    def action_which_story(self) -> None:
        self.query_one(StoryTold).ask()

    def action_save_story(self) -> None:
        self.query_one(StoryTold).save_as_story()

    def action_follow_up(self) -> None:
        self._sent = True
        self.post_message(messages.FollowUpAsked(self.interview.index))

    def action_finish(self) -> None:
        self.action_move_on()

    def action_next(self) -> None:
        self.action_move_on()

    def action_move_on(self) -> None:
        # Messages reach the flow in order, so a rating sent a moment ago counts.
        rated = self._rating_sent and self.interview.can_rate
        if not (self.interview.can_move_on or rated):
            self.notify("Rate your answer first: 1 Again, 2 Hard, 3 Good, 4 Easy (Settings "
                        "asks mock interviews for a rating).", severity="warning")
            return
        self._sent = True
        self.post_message(messages.MovedOn(self.interview.index))
