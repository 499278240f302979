"""The fixed words of a deck: question categories, levels and the STAR parts.

Plain Python (no pydantic), so screens that only list or filter by them (the
history's category filter) load without the deck models; `mockint.core.deck`
builds its models on these and re-exports them.
"""

from __future__ import annotations

from typing import Literal, get_args

Category = Literal["intro", "technical", "behavioral", "situational", "system-design", "ask-them"]
Level = Literal["junior", "mid", "senior"]
CATEGORIES: tuple[str, ...] = get_args(Category)
LEVELS: tuple[str, ...] = get_args(Level)
STAR_PARTS: tuple[str, ...] = ("situation", "task", "action", "result")
