"""`DeckProblem`: one thing wrong with a deck file, worded for the person who wrote it.

Its own module (no pydantic) so the deck index and the home screen can carry
problems without importing the deck models; `mockint.core.deck` re-exports it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DeckProblem:
    """One thing wrong with a deck file, worded for the person who wrote it."""

    file: str
    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.place}: {self.message}" if self.place else f"{self.file}: {self.message}"
