"""Deck and answer text is content, never markup or terminal control.

Widgets show such text with `markup=False` (or as `Content`/`Text`), so
`[bold]` and `qs[0:10]` stay as typed; `visible` also turns control
characters (an ESC from a pasted log, say) into their visible symbols, so a
deck can never restyle or confuse the terminal.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    return "\u2421" if code == 0x7F else chr(0x2400 + code)


def visible(text: str) -> str:
    """The text with control characters (except newline and tab) shown as symbols."""
    return _CONTROL.sub(_picture, text)


def one_line(text: str, width: int = 60) -> str:
    """Text folded onto one line and cut to `width` with an ellipsis (for table cells)."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


def plural(count: int, noun: str) -> str:
    """`1 question`, `3 questions`."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
