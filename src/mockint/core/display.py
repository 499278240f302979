"""One display sanitiser for every text that reaches a terminal.

Deck, answer, note and path text is content: the CLI and the TUI both show it
through `visible`, so an ESC, a C1 control, a bidi override or a zero-width
character can never restyle, retitle, reorder or misalign the terminal. What is
stored stays exactly as typed; only what is drawn changes.
"""

from __future__ import annotations

import re

NOT_SHOWN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f"
                       "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u061c]")
"""What never reaches a terminal as itself: C0 controls but tab and newline, DEL, the
C1 block, bidi embeddings, overrides and isolates, and the zero-width characters that
shift borders or hide text (ZWSP, ZWNJ, ZWJ, word joiner, BOM, LRM/RLM, ALM). One
pattern for every use (the answer box and the speaker too): compiling one costs
~2 M instructions of the start."""


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    if code <= 0x9F:
        return "\ufffd"  # C1 controls have no picture of their own
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """The text with control, bidi and zero-width characters shown as visible symbols.

    Newline and tab are kept. ESC shows as ␛, a C1 control as �, and a bidi or
    zero-width character as `<U+202E>`.
    """
    return NOT_SHOWN.sub(_picture, text)
