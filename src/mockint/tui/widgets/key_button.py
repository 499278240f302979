"""`KeyButton`: a one-line button for the interview's status row (Submit ^S, Skip ^N,
Pause ^T).

Textual's `Button` brings 7 KB of CSS (~5 ms to parse on first use) and is a
heavier widget to style; the three in the interview's status row cost ~17 ms of
`mockint run`'s first frame and of every question's screen (issue 15). This is a
line of text that takes focus (Tab from the answer), runs its action on a click,
Enter or Space, and shows focus by shape (reversed and underlined), not by
colour alone.
"""

from __future__ import annotations

from textual.content import Content
from textual.events import Click, Key
from textual.widgets import Static


class KeyButton(Static, can_focus=True):
    DEFAULT_CSS = """
    KeyButton {
        width: auto;
        height: 1;
        padding: 0 1;
        color: $foreground;
        background: $panel;
        &.-primary {
            color: $text-primary;
            text-style: bold;
        }
        &:hover {
            background: $block-hover-background;
        }
        &:focus {
            text-style: bold reverse underline;
        }
    }
    """
    def __init__(self, label: str, *, action: str, id: str | None = None,
                 primary: bool = False) -> None:
        super().__init__(Content(label), id=id, classes="-primary" if primary else "")
        self.action = action

    @property
    def label(self) -> str:
        return str(self.visual)

    @label.setter
    def label(self, text: str) -> None:
        self.update(Content(text))

    async def action_press(self) -> None:
        await self.app.run_action(self.action, self.screen)

    async def on_key(self, event: Key) -> None:
        """Enter and Space press the button, and go no further: a letter that reaches the
        interview screen is taken as typing for the answer box."""
        if event.key in ("enter", "space"):
            event.stop()
            await self.action_press()

    async def _on_click(self, event: Click) -> None:
        event.stop()
        await self.action_press()
