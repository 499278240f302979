"""The one definition of answered, skipped and unanswered."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, datetime

from mockint.core.counts import AnswerCounts, answer_counts, answer_state

WHEN = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@dataclass
class Answer:
    skipped: bool = False
    submitted_at: datetime | None = None


def test_each_question_is_answered_skipped_or_unanswered():
    assert answer_state(Answer(submitted_at=WHEN)) == "answered"
    # A skip is submitted too (the reveal follows), but it is not an answer.
    assert answer_state(Answer(skipped=True, submitted_at=WHEN)) == "skipped"
    # Left while typing: the text is kept, but nothing was submitted.
    assert answer_state(Answer()) == "unanswered"
    assert answer_state(None) == "unanswered"


def test_questions_never_reached_count_as_unanswered():
    counts = answer_counts(5, [Answer(submitted_at=WHEN), Answer(skipped=True, submitted_at=WHEN),
                               Answer()])
    assert (counts.answered, counts.skipped, counts.unanswered) == (1, 1, 3)
    assert counts.label() == "1 answered · 1 skipped · 3 unanswered of 5"
    assert not counts.empty


def test_leaving_on_the_first_question_is_an_empty_session():
    counts = answer_counts(5, [Answer()])
    assert counts.empty and counts.unanswered == 5
    assert answer_counts(5, [Answer(skipped=True, submitted_at=WHEN)]).empty is False


def test_the_three_counts_always_add_up_to_the_questions():
    # Every mix of up to four answers in every state, against 0 to 6 planned questions.
    kinds = [(False, True), (True, True), (False, False)]
    for n in range(5):
        for flags in itertools.product(kinds, repeat=n):
            answers = [Answer(skipped=s, submitted_at=WHEN if done else None) for s, done in flags]
            for planned in range(7):
                counts = answer_counts(planned, answers)
                assert counts.answered + counts.skipped + counts.unanswered == counts.questions
                assert counts.questions == max(planned, n)
                assert counts.skipped == sum(s for s, _ in flags)
                assert counts == AnswerCounts(counts.answered, counts.skipped, counts.questions)
