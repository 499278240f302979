"""The fixed words of a deck: question categories, levels and the STAR parts.

Plain Python (no pydantic), so screens that only list or filter by them (the
history's category filter) load without the deck models; `mockint.core.deck`
builds its models on these and re-exports them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, get_args

Category = Literal["intro", "technical", "behavioral", "situational", "system-design", "ask-them"]
Level = Literal["junior", "mid", "senior"]
CATEGORIES: tuple[str, ...] = get_args(Category)
LEVELS: tuple[str, ...] = get_args(Level)
STAR_PARTS: tuple[str, ...] = ("situation", "task", "action", "result")
DEFAULT_INTERVIEWER_NAME, DEFAULT_INTERVIEWER_ROLE = "Alex", "Interviewer"
"""Who asks when neither the deck nor the settings name an interviewer."""


def check_choice(value: str, allowed: Iterable[str], what: str) -> str:
    """`value` as one of `allowed` ("System design" reads as system-design), else a
    ValueError naming the choices. The one check of a category or level the user typed."""
    choices = tuple(allowed)
    key = "-".join(value.strip().lower().replace("_", " ").split())
    if key not in choices:
        raise ValueError(f"unknown {what} {value!r}; choose from {', '.join(choices)}")
    return key
