"""Choosing a practice session from the history: due, weak, new, or a mix.

The history store supplies what it knows (card due dates, recent ratings,
coverage, overtime); `mockint.core.scheduling` decides the order.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from mockint.core.practice import (
    QuestionKey,
    due_keys,
    end_of_local_day,
    mixed_keys,
    new_keys,
    weak_keys,
)
from mockint.storage.history import HistoryStore

if TYPE_CHECKING:  # home counts what is due before any deck or session model (pydantic) loads
    from mockint.core.deck import Deck
    from mockint.core.session import AskedQuestion, SessionConfig


def allowed_keys(decks: Sequence[Deck], config: SessionConfig) -> list[QuestionKey]:
    """The questions the setup's decks and filters allow, in deck order."""
    from mockint.core.session import select_questions

    every = config.model_copy(update={"count": None, "order": "deck", "kind": "custom"})
    return [(a.deck_id, a.question.id) for a in select_questions(decks, every)]


def choose(kind: str, history: HistoryStore, decks: Sequence[Deck], config: SessionConfig,
           now: datetime, limit: int, new_share: float = 0.3) -> list[AskedQuestion]:
    """The questions of a `kind` practice session, at most `limit` of them."""
    from mockint.core.session import questions_for

    allowed = allowed_keys(decks, config)
    allowed_set = set(allowed)
    due = due_keys(history.due_cards(), end_of_local_day(now), allowed_set)
    if kind == "due":
        keys = due
    elif kind == "weak":
        keys = weak_keys(history.question_records(), allowed_set)
    elif kind == "new":
        keys = new_keys(allowed, history.seen_keys())
    elif kind == "mixed":
        keys = mixed_keys(due, weak_keys(history.question_records(), allowed_set),
                          new_keys(allowed, history.seen_keys()), limit, new_share)
    elif kind == "cram":  # works when nothing is due: the whole filter, most useful first
        keys = list(dict.fromkeys([*due, *weak_keys(history.question_records(), allowed_set),
                                   *new_keys(allowed, history.seen_keys()), *allowed]))
    else:
        raise ValueError(f"unknown practice kind {kind!r}")
    return questions_for(decks, keys[:limit], config.time_limit)


def _known(decks: Sequence[Deck] | set[QuestionKey]) -> set[QuestionKey]:
    """The decks' question keys; the home screen passes the keys of the deck summaries
    (`DeckStore.question_keys`) so that counting validates no deck."""
    if isinstance(decks, set):
        return decks
    return {(d.id, q.id) for d in decks for q in d.questions}


def due_count(history: HistoryStore, decks: Sequence[Deck] | set[QuestionKey],
              now: datetime) -> int:
    """Questions due before the end of `now`'s local day (the one meaning of "due today")."""
    known = _known(decks)
    return len(due_keys(history.due_cards(), end_of_local_day(now), known))


def next_due(history: HistoryStore, decks: Sequence[Deck] | set[QuestionKey],
             now: datetime) -> datetime | None:
    """When the next question falls due after `now` (for "next due 20:34")."""
    known = _known(decks)
    return next((when for key, when in history.due_cards() if when > now and key in known),
                None)
