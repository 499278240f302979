"""Pastes that contain ESC arrive whole and in order.

Textual's terminal parser reads an ESC inside a bracketed paste as the start
of a key sequence: `Start ␛]2;… end` arrived as the keys `^ ] 2 ; … end`
followed by a paste of `Start ` (the answer stored `^]2;… endStart `). This
parser hides every ESC inside a paste behind a private-use character before
Textual's parser sees it, and puts the ESC back in the `Paste` event, so the
answer keeps exactly what was pasted (the answer box never draws it raw).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import events
from textual._xterm_parser import XTermParser

ESC = "\x1b"
PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"
HIDDEN_ESC = "\U000f001b"  # supplementary private use: no keyboard or paste sends it


class PasteSafeParser(XTermParser):
    """An XTermParser that keeps ESC characters inside a bracketed paste."""

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._in_paste = False
        self._held = ""  # the end of a paste chunk that may be the start of PASTE_END
        self._recent = ""  # the last few characters outside a paste (a split PASTE_START)

    def feed(self, data: str) -> Iterable[events.Event | events.Message]:
        if data:
            data = self.protect(data)
            if not data:  # all of it held back (it may be the start of PASTE_END)
                return
        for event in super().feed(data):
            if isinstance(event, events.Paste) and HIDDEN_ESC in event.text:
                event = events.Paste(event.text.replace(HIDDEN_ESC, ESC))
            yield event

    def protect(self, data: str) -> str:
        """`data` with each ESC inside a paste (but not the one ending it) hidden."""
        out: list[str] = []
        text, self._held = self._held + data, ""
        at = 0
        while at < len(text):
            if not self._in_paste:
                seen = self._recent + text[at:]
                start = seen.find(PASTE_START)
                if start == -1:
                    out.append(text[at:])
                    self._recent = seen[-(len(PASTE_START) - 1):]
                    break
                after = start + len(PASTE_START) - len(self._recent)  # index in text[at:]
                out.append(text[at:at + after])
                at += after
                self._in_paste, self._recent = True, ""
            else:
                end = text.find(PASTE_END, at)
                if end == -1:
                    body = text[at:]
                    keep = _partial_end(body)
                    self._held = body[len(body) - keep:] if keep else ""
                    out.append(body[:len(body) - keep].replace(ESC, HIDDEN_ESC))
                    break
                out.append(text[at:end].replace(ESC, HIDDEN_ESC) + PASTE_END)
                at = end + len(PASTE_END)
                self._in_paste = False
        return "".join(out)


def _partial_end(text: str) -> int:
    """How many characters at the end of `text` could begin PASTE_END."""
    for size in range(min(len(text), len(PASTE_END) - 1), 0, -1):
        if PASTE_END.startswith(text[-size:]):
            return size
    return 0


def install() -> None:
    """Use PasteSafeParser for the terminal drivers that read xterm input (idempotent)."""
    from textual.drivers import linux_driver

    linux_driver.XTermParser = PasteSafeParser  # type: ignore[misc]
