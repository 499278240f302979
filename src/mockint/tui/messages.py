"""Messages between the screens and the app; each carries what happened.

The interview screens post the `InterviewMessage`s.

Screens never advance the `Interview` themselves; they post one of these and
the `InterviewFlow` (the one owner of the running interview) decides. Each
message names the question it is about (`index`, and whether it was a
follow-up), so one that arrives late, after the interview moved on, is dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:  # analysis (and pydantic) load with the first reveal, not at start-up
    from mockint.core.analysis import AnswerAnalysis


class InterviewMessage(Message):
    """About the question at `index` (a follow-up to it when `follow_up`)."""

    def __init__(self, index: int, follow_up: bool = False) -> None:
        super().__init__()
        self.index = index
        self.follow_up = follow_up


class QuestionShown(InterviewMessage):
    """The question is on screen (drawn once): its clock may start."""


class DraftChanged(InterviewMessage):
    """The typed text changed since the last notice."""

    def __init__(self, index: int, follow_up: bool, text: str) -> None:
        super().__init__(index, follow_up)
        self.text = text


class AnswerSubmitted(InterviewMessage):
    """The user submitted (or, with `skipped`, passed on) the answer or follow-up."""

    def __init__(self, index: int, follow_up: bool, text: str, skipped: bool = False) -> None:
        super().__init__(index, follow_up)
        self.text = text
        self.skipped = skipped


class PauseToggled(InterviewMessage):
    """The user asked to stop or restart the clock."""


class ClockHeld(InterviewMessage):
    """A dialog (or help, the palette) covers the interview (`held`), or has gone."""

    def __init__(self, index: int, follow_up: bool, held: bool) -> None:
        super().__init__(index, follow_up)
        self.held = held


class PeekRequested(InterviewMessage):
    """Practice mode: the user asked for `what` ("why_asked" or "tip")."""

    def __init__(self, index: int, follow_up: bool, what: str) -> None:
        super().__init__(index, follow_up)
        self.what = what


class LeaveConfirmed(InterviewMessage):
    """The user confirmed leaving mid-way; `text` is what the box held."""

    def __init__(self, index: int, follow_up: bool, text: str) -> None:
        super().__init__(index, follow_up)
        self.text = text


class AnswerAnalysed(InterviewMessage):
    """The analysis of the answer at `index` is ready."""

    def __init__(self, index: int, analysis: AnswerAnalysis) -> None:
        super().__init__(index)
        self.analysis = analysis


class KeyPointsChecked(InterviewMessage):
    """The key-point ticks as the user left them."""

    def __init__(self, index: int, checked: list[bool]) -> None:
        super().__init__(index)
        self.checked = checked


class StarChecked(InterviewMessage):
    """The STAR ticks as the user left them."""

    def __init__(self, index: int, checked: dict[str, bool]) -> None:
        super().__init__(index)
        self.checked = checked


class RatingChosen(InterviewMessage):
    """The user rated the answer 1 (Again) to 4 (Easy)."""

    def __init__(self, index: int, rating: int) -> None:
        super().__init__(index)
        self.rating = rating


class FollowUpAsked(InterviewMessage):
    """The user asked the interviewer for a follow-up."""


class MovedOn(InterviewMessage):
    """The user moved on from the reveal (next question, or finish)."""


class QuestionsToAskChosen(InterviewMessage):
    """A full interview's end: the questions the person will ask (none: finish).

    `picks` are (deck id, question id) of ask-them questions; `own` the person's
    own questions, typed."""

    def __init__(self, index: int, picks: list[tuple[str, str]], own: list[str]) -> None:
        super().__init__(index)
        self.picks = picks
        self.own = own


class DecksChanged(Message):
    """The app read the decks again (after an import, a save, a copy or a new deck)."""


class HistoryOpened(Message):
    """The history, opened in the background, is ready (or known to be unavailable)."""
