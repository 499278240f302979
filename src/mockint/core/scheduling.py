"""Practice that adapts: FSRS scheduling and choosing what to practise next.

Each question (deck id + question id) has an FSRS card. The 1–4 self-rating on
the reveal screen is the FSRS rating (Again, Hard, Good, Easy) and moves the
card at the time it was given. FSRS is the scheduler modern Anki uses (the
`fsrs` package): it models how likely you are to recall an answer and sets the
next review for the retention you ask for.

The history store keeps the cards and the review log; choosing which questions
to practise is in `mockint.core.practice` (no fsrs import, so home stays fast).
"""

from __future__ import annotations

import zlib
from datetime import UTC, datetime

from fsrs import Card, Rating, Scheduler

from mockint.core.practice import QuestionKey


def scheduler(desired_retention: float = 0.9, fuzz: bool = True) -> Scheduler:
    """The FSRS scheduler; tests turn fuzzing off so intervals are exact."""
    return Scheduler(desired_retention=desired_retention, enable_fuzzing=fuzz)


def new_card(key: QuestionKey) -> Card:
    # An explicit, stable id: fsrs sleeps 1 ms per card to make its default ids unique.
    return Card(card_id=zlib.crc32("/".join(key).encode()))


def review(card: Card, rating: int, when: datetime, fsrs: Scheduler) -> Card:
    """The card after a rating given at `when` (timezone-aware)."""
    if when.tzinfo is None:
        raise ValueError("review times must be timezone-aware")
    updated, _log = fsrs.review_card(card, Rating(rating), review_datetime=when.astimezone(UTC))
    return updated


def card_to_json(card: Card) -> str:
    return card.to_json()


def card_from_json(text: str) -> Card:
    return Card.from_json(text)
