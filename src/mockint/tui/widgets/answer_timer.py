"""AnswerTimer: the countdown that turns to overtime instead of cutting the user off."""

from __future__ import annotations

from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from mockint.core.timing import AnswerClock, format_clock
from mockint.tui.access import mockint_app


class AnswerTimer(Static):
    """Shows an `AnswerClock`: time left, `+m:ss` over, or paused."""

    DEFAULT_CSS = """
    AnswerTimer {
        width: 16;
        padding: 0 1;
        text-style: bold;
        color: $timer-normal;
    }
    AnswerTimer.-warning { color: $timer-warning; }
    AnswerTimer.-overtime { color: $timer-overtime; text-style: bold reverse; }
    AnswerTimer.-paused { color: $text-muted; text-style: italic; }
    """

    class Crossed(Message):
        """The timer passed into `warning` or `overtime` (for the bell)."""

        def __init__(self, state: str) -> None:
            super().__init__()
            self.state = state

    state: reactive[str] = reactive("normal")

    def __init__(self, clock: AnswerClock, **kwargs) -> None:
        super().__init__("", markup=False, **kwargs)
        self.clock = clock
        self._label = ""

    def on_mount(self) -> None:
        self.tick()
        # The app's tick (4 Hz), so a test moves the timer by advancing the clock.
        mockint_app(self).ticked.subscribe(self, self._ticked)

    def _ticked(self, _: float) -> None:
        self.tick()

    def show_clock(self, clock: AnswerClock) -> None:
        self.clock = clock
        self.set_reactive(AnswerTimer.state, clock.state)
        self.tick()

    def tick(self) -> None:
        clock = self.clock
        state = clock.state
        if state != self.state:
            self.state = state
        self.set_class(clock.paused_now, "-paused")
        text = format_clock(clock.remaining)
        if clock.paused_now:
            label = f"{text} paused"
        elif state == "overtime":
            label = f"{text} over"
        else:
            label = f"{text} left"
        if label != self._label:
            # Fixed width (see CSS), so a new label needs a repaint, not a re-layout.
            self._label = label
            self.update(label, layout=False)

    def watch_state(self, old: str, new: str) -> None:
        self.set_class(new == "warning", "-warning")
        self.set_class(new == "overtime", "-overtime")
        if new != "normal" and old != new:
            self.post_message(self.Crossed(new))
