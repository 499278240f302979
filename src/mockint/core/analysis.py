"""Answer analysis: pure functions over the text of an answer."""

from __future__ import annotations

import re

_WORD = re.compile(r"\S+")


def count_words(text: str) -> int:
    """Words as a person would count them: runs of non-space characters."""
    return sum(1 for _ in _WORD.finditer(text))
