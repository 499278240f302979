"""A deck written as text in one of the registry's writable formats."""

from __future__ import annotations

from pathlib import Path

from mockint.core.deck import Deck
from mockint.storage.files import atomic_write_text
from mockint.storage.formats import registry


def export_deck(deck: Deck, fmt: str) -> str:
    """The deck as text in `fmt` (see `registry.WRITABLE`)."""
    found = registry.by_name(fmt)
    if found is None or not found.writes:
        raise ValueError(f'unknown deck export format "{fmt}"; use {", ".join(registry.WRITABLE)}')
    return found.writer()(deck)


def write_deck_export(deck: Deck, fmt: str, path: Path) -> None:
    """Export `deck` to `path` atomically."""
    atomic_write_text(Path(path), export_deck(deck, fmt))
