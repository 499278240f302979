"""The answer box: a TextArea that keeps huge pastes responsive and draws no controls.

- A pasted line longer than LONG_LINE characters is broken into lines of at
  most that length, at spaces (a space becomes a line break; the words and
  their order are unchanged). Textual re-wraps the whole edited line on every
  key press, so a 100,000-word answer pasted as one line made each key take
  seconds; in lines of LONG_LINE characters it takes milliseconds.
- What was pasted is stored as it was otherwise: an ESC stays an ESC (see
  `tui/paste.py`). Drawing, though, drops the characters that would reach the
  terminal as controls (C0/C1, bidi overrides, zero-width): Textual measures
  them as zero cells wide, so nothing moves; the reveal and the history show
  them through the sanitiser as symbols.
"""

from __future__ import annotations

from rich.segment import Segment
from textual import events
from textual.strip import Strip
from textual.widgets import TextArea

from mockint.core.display import NOT_SHOWN

LONG_LINE = 1000  # characters: a pasted line longer than this is broken at spaces


def break_long_lines(text: str, limit: int = LONG_LINE) -> str:
    """`text` with every line longer than `limit` broken at its last space before the
    limit (a line without spaces is left whole: breaking a word would change it)."""
    if len(text) <= limit:
        return text
    lines = []
    for line in text.split("\n"):
        while len(line) > limit:
            cut = line.rfind(" ", 0, limit + 1)
            if cut <= 0:
                break
            lines.append(line[:cut])
            line = line[cut + 1:]
        lines.append(line)
    return "\n".join(lines)


class AnswerBox(TextArea):
    async def _on_paste(self, event: events.Paste) -> None:
        if self.read_only:
            return
        event.prevent_default()
        event.stop()
        if result := self._replace_via_keyboard(break_long_lines(event.text), *self.selection):
            self.move_cursor(result.end_location)
            self.focus()

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        if not any(NOT_SHOWN.search(segment.text) for segment in strip):
            return strip
        return Strip([Segment(NOT_SHOWN.sub("", s.text), s.style, s.control) for s in strip],
                     strip.cell_length)
