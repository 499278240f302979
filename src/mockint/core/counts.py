"""What "answered" means: the one definition every count in mockint uses.

A question of a session is exactly one of

- **answered**: its answer was submitted (even a short one), and not skipped;
- **skipped**: the person passed on it (Ctrl+N);
- **unanswered**: never reached, or left while typing (the text typed so far is
  kept, but nothing was submitted).

The summary, the history list, `mockint history`, the Markdown and JSON
exports and the stats all count with `answer_counts` (or read the figures the
history stored from it), so they can never disagree. A session with neither an
answered nor a skipped question is *empty*: kept, shown as such, and left out
of activity figures unless asked for.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Literal, NamedTuple, Protocol

AnswerState = Literal["answered", "skipped", "unanswered"]


class _Answer(Protocol):
    @property
    def skipped(self) -> bool: ...
    @property
    def submitted_at(self) -> datetime | None: ...


def answer_state(answer: _Answer | None) -> AnswerState:
    """Where one planned question stands (None: the interview never reached it)."""
    if answer is None:
        return "unanswered"
    if answer.skipped:
        return "skipped"
    return "answered" if answer.submitted_at is not None else "unanswered"


class AnswerCounts(NamedTuple):
    """How the questions of one session went; the three always add up to `questions`.
    (A NamedTuple: home imports this, and a frozen dataclass costs ~1 ms more to make.)"""

    answered: int
    skipped: int
    questions: int

    @property
    def unanswered(self) -> int:
        return max(0, self.questions - self.answered - self.skipped)

    @property
    def empty(self) -> bool:
        """Left before any question was answered or skipped."""
        return self.answered == 0 and self.skipped == 0

    def label(self) -> str:
        """'3 answered · 1 skipped · 1 unanswered of 5': the words every surface uses."""
        return (f"{self.answered} answered · {self.skipped} skipped · "
                f"{self.unanswered} unanswered of {self.questions}")

    def as_dict(self) -> dict[str, int]:
        return {"questions": self.questions, "answered": self.answered,
                "skipped": self.skipped, "unanswered": self.unanswered}


def answer_counts(questions: int, answers: Iterable[_Answer]) -> AnswerCounts:
    """Count a session's answers against the number of questions planned for it."""
    states = [answer_state(a) for a in answers]
    return AnswerCounts(answered=states.count("answered"), skipped=states.count("skipped"),
                        questions=max(questions, len(states)))
