"""Deck and answer text is content, never markup or terminal control.

Widgets show such text with `markup=False` (or as `Content`/`Text`), so
`[bold]` and `qs[0:10]` stay as typed; `visible` also turns control
characters (an ESC from a pasted log, say) into their visible symbols, so a
deck can never restyle or confuse the terminal.
"""

from __future__ import annotations

from mockint.core.display import visible
from mockint.core.words import plural

__all__ = ["one_line", "plural", "visible"]


def one_line(text: str, width: int = 60) -> str:
    """Text folded onto one line and cut to `width` with an ellipsis (for table cells)."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"
