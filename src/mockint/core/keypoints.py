"""The one text form of a key point: `point | cue, cue`.

The question form (one point per line) and CSV cells (points separated by
`;`) both write a key point this way and read it back with `parse_key_point`.
Any text round-trips: a `|` inside the point is written `\\|`, a `,` inside a
cue `\\,`, and a backslash in front of one of those (or at the end) `\\\\`; every
other backslash is kept as it is, so `C:\\tmp` stays readable.
"""

from __future__ import annotations

from typing import Any

_POINT_SPECIALS = "|"
_CUE_SPECIALS = ","


def _escape(text: str, specials: str) -> str:
    out = []
    for index, char in enumerate(text):
        if char in specials:
            out.append("\\" + char)
        elif char == "\\" and (index + 1 == len(text) or text[index + 1] in specials + "\\"):
            out.append("\\\\")
        else:
            out.append(char)
    return "".join(out)


def _split(text: str, separator: str) -> list[str]:
    """`text` split on unescaped `separator`, escapes (`\\X` for X in separator or `\\`) undone."""
    parts, current, index = [], [], 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text) and text[index + 1] in separator + "\\":
            current.append(text[index + 1])
            index += 2
            continue
        if char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    parts.append("".join(current))
    return parts


def format_key_point(point: str, cues: list[str]) -> str:
    """`point | cue, cue` (just the point when there are no cues), escaped to read back."""
    text = _escape(point, _POINT_SPECIALS)
    if not cues:
        return text
    return text + " | " + ", ".join(_escape(cue, _CUE_SPECIALS) for cue in cues)


def parse_key_point(text: str) -> dict[str, Any]:
    """`{"point": ..., "cues": [...]}` from `point | cue, cue` (the point may come out empty)."""
    head, sep, rest = _partition(text)
    cues = [cue.strip() for cue in _split(rest, ",")] if sep else []
    return {"point": head.strip(), "cues": [cue for cue in cues if cue]}


def _partition(text: str) -> tuple[str, str, str]:
    """Split at the first unescaped `|`; the head is unescaped, the rest left for the cues."""
    index = 0
    while index < len(text):
        if text[index] == "\\" and index + 1 < len(text) and text[index + 1] in "|\\":
            index += 2
            continue
        if text[index] == "|":
            return _split(text[:index], "|")[0], "|", text[index + 1:]
        index += 1
    return _split(text, "|")[0], "", ""
