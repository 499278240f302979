"""Which questions a session asks, and in what order: one rule for every caller.

Plain Python (no pydantic): `mockint.core.session.select_questions` applies it to
validated decks, and `mockint run` applies it to the raw deck data to show the
first question before the session models are loaded (`mockint.core.first_look`).
Both must pick the same questions, so both call `choose`.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")
Facets = tuple[str, str, Iterable[str]]
"""What the filters look at in a question: (category, level, topics)."""


def choose(candidates: Sequence[T], facets: Callable[[T], Facets], *,
           categories: Iterable[str] = (), levels: Iterable[str] = (),
           topics: Iterable[str] = (), order: str = "deck", seed: int | None = None,
           count: int | None = None) -> list[T]:
    """The candidates (in deck order) that pass the filters, shuffled by `seed` when
    `order` is "shuffled", the first `count` of them."""
    wanted_categories, wanted_levels = set(categories), set(levels)
    wanted_topics = {t.lower() for t in topics}
    chosen = []
    for candidate in candidates:
        category, level, its_topics = facets(candidate)
        if wanted_categories and category not in wanted_categories:
            continue
        if wanted_levels and level not in wanted_levels:
            continue
        if wanted_topics and not wanted_topics & {t.lower() for t in its_topics}:
            continue
        chosen.append(candidate)
    if order == "shuffled":
        random.Random(seed).shuffle(chosen)
    return chosen[:count] if count else chosen


def new_seed() -> int:
    """A seed for a shuffle: short enough to read off the screen and type back."""
    return random.randrange(1, 100_000)
