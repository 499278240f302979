"""Baseline app for the TUI benchmarks: a bare Textual App with a focused TextArea.

It is started exactly like mockint (same Python, same pty, same 120x40 size) and
does the least a text-entry screen can do: a Static with a marker text and a
TextArea configured like mockint's answer box (soft wrap, no line numbers, Tab
moves focus, round border). The layout gives the TextArea the same size as
mockint's answer box at 120x40 with a one-line question (a 3-row panel above,
2 rows below), so typing redraws the same number of cells in both.
`startup-interview` waits for MARKER; the keystroke rows type into the TextArea.
Nothing here imports mockint.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static, TextArea

MARKER = "BENCH-BARE-READY"


class BareTextAreaApp(App[None]):
    CSS = """
    #marker { height: 3; border: round $primary; padding: 0 1; }
    #answer { height: 1fr; border: round $primary; }
    #below { height: 2; }
    """

    def compose(self) -> ComposeResult:
        yield Static(MARKER, id="marker")
        yield TextArea(id="answer", soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
        yield Static("", id="below")

    def on_mount(self) -> None:
        self.query_one("#answer", TextArea).focus()


if __name__ == "__main__":
    BareTextAreaApp().run()
