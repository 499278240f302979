"""A question's story: how each attempt at it went, as figures over time.

`question_trends` turns the answered attempts at one question (oldest first)
into series (key-point coverage, STAR completeness, rating, time used, words)
that the timeline draws as sparklines, each with its numbers as text so it
reads without colour or graphics. Skipped and unanswered attempts are left
out of the series (they have no coverage or rating) and counted apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mockint.core.analysis import count_words
from mockint.core.counts import answer_state
from mockint.core.deck import STAR_PARTS
from mockint.core.session import RATINGS, AnswerRecord
from mockint.core.timing import format_duration

SHOWN = 8  # the last attempts written out as numbers; the sparkline shows them all


@dataclass(frozen=True)
class Trend:
    """One figure over the attempts, oldest first."""

    name: str
    values: list[float]
    labels: list[str]  # each value as a person reads it ("3/5", "Good", "1:20")

    @property
    def text(self) -> str:
        """'2/5 → 3/5 → 5/5', the last SHOWN values, with an ellipsis before them."""
        shown = self.labels[-SHOWN:]
        return ("… → " if len(self.labels) > SHOWN else "") + " → ".join(shown)

    @property
    def direction(self) -> str:
        """'up', 'down' or 'flat', first attempt against the last."""
        if len(self.values) < 2 or self.values[-1] == self.values[0]:
            return "flat"
        return "up" if self.values[-1] > self.values[0] else "down"


@dataclass(frozen=True)
class QuestionStory:
    attempts: int  # answered attempts in the series
    passed: int  # skipped or unanswered attempts, left out of the series
    trends: list[Trend]


def question_trends(answers: Sequence[AnswerRecord]) -> QuestionStory:
    """Trends over the answered attempts in `answers` (oldest first)."""
    answered = [a for a in answers if answer_state(a) == "answered"]
    trends: list[Trend] = []
    totals = [len(a.asked.question.key_points) for a in answered]
    if answered and any(totals):
        covered = [sum(a.key_points_checked[:t]) for a, t in zip(answered, totals, strict=True)]
        trends.append(Trend("Key points", [c / t if t else 1.0 for c, t in
                                           zip(covered, totals, strict=True)],
                            [f"{c}/{t}" for c, t in zip(covered, totals, strict=True)]))
    if any(a.star_checked for a in answered):
        star = [sum(bool(a.star_checked.get(p)) for p in STAR_PARTS) for a in answered]
        trends.append(Trend("STAR", [s / 4 for s in star], [f"{s}/4" for s in star]))
    rated = [a for a in answered if a.rating is not None]
    if rated:
        trends.append(Trend("Rating", [float(a.rating or 0) for a in rated],
                            [RATINGS[a.rating or 1] for a in rated]))
    if answered:
        trends.append(Trend("Time used", [a.used for a in answered],
                            [format_duration(a.used) for a in answered]))
        words = [count_words(a.text) for a in answered]
        trends.append(Trend("Words", [float(w) for w in words], [str(w) for w in words]))
    return QuestionStory(len(answered), len(answers) - len(answered), trends)
