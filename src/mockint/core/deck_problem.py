"""`DeckProblem`: one thing wrong with a deck file, worded for the person who wrote it.

Its own module (no pydantic) so the deck index and the home screen can carry
problems without importing the deck models; `mockint.core.deck` re-exports it.
"""

from __future__ import annotations

from typing import NamedTuple


class DeckProblem(NamedTuple):
    """One thing wrong with a deck file, worded for the person who wrote it.

    A NamedTuple, not a dataclass: making a frozen dataclass class costs ~1 ms of
    every start (its methods are compiled at import), a NamedTuple a fifth of it."""

    file: str
    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.place}: {self.message}" if self.place else f"{self.file}: {self.message}"
