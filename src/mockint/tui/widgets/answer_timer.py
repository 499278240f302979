"""AnswerTimer: the time bar that drains, and turns to overtime instead of cutting the user off.

One line: a bar that empties as the answer's time goes, and a label. Each
state differs by the bar's characters and by the label's words, not only by
colour, so it reads the same under NO_COLOR and in every theme:

    normal    ██████████████░░░░░░    1:30 left
    warning   ▓▓▓▓▓░░░░░░░░░░░░░░░  ⚠ 0:30 left
    overtime  ╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱╱   +0:12 over   (label in reverse video)
    paused    the state's bar          1:23 paused
    thinking  ••••••••··········     thinking 0:10
    untimed   (no bar)               no time limit · 0:42

The arithmetic lives in `core.timing.AnswerClock`, on the injected clock.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from mockint.core.timing import AnswerClock, format_clock, format_duration
from mockint.tui.access import mockint_app

# (remaining, spent) characters of the bar in each state.
BARS = {
    "normal": ("█", "░"),
    "warning": ("▓", "░"),
    "overtime": ("╱", "╱"),
    "thinking": ("•", "·"),
}
LABEL_WIDTH = 14  # "+10:00 paused": the bar keeps its length as the label changes
GAP = 2


def timer_label(clock: AnswerClock, thinking: AnswerClock | None = None) -> str:
    """What the label says for this clock (the bar aside)."""
    if thinking is not None:
        return f"thinking {format_clock(thinking.remaining)}"
    if not clock.timed:
        return f"no time limit · {format_duration(clock.used)}"
    text = format_clock(clock.remaining)
    if clock.paused_now:
        return f"{text} paused"
    state = clock.state
    if state == "overtime":
        return f"{text} over"
    if state == "warning":
        return f"⚠ {text} left"
    return f"{text} left"


class AnswerTimer(Widget):
    """Shows an `AnswerClock` (or the think time before it) as a bar and a label."""

    DEFAULT_CSS = """
    AnswerTimer {
        height: 1;
        width: 1fr;
        color: $timer-normal;
        text-style: bold;
    }
    AnswerTimer > .answer-timer--spent { color: $foreground 30%; text-style: not bold; }
    AnswerTimer.-warning { color: $timer-warning; }
    AnswerTimer.-overtime { color: $timer-overtime; }
    AnswerTimer.-paused, AnswerTimer.-thinking { color: $text-muted; }
    """
    COMPONENT_CLASSES = {"answer-timer--spent"}

    class Crossed(Message):
        """The timer passed into `warning` or `overtime` (for the bell)."""

        def __init__(self, state: str) -> None:
            super().__init__()
            self.state = state

    state: reactive[str] = reactive("normal")

    def __init__(self, clock: AnswerClock | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.clock = clock
        self.thinking: AnswerClock | None = None
        self._drawn: tuple[str, int] = ("", -1)

    def on_mount(self) -> None:
        self.tick()
        # The app's tick (4 Hz), so a test moves the timer by advancing the clock.
        mockint_app(self).ticked.subscribe(self, self._ticked)

    def _ticked(self, _: float) -> None:
        self.tick()

    def show_clock(self, clock: AnswerClock, thinking: AnswerClock | None = None) -> None:
        """Follow `clock`; with `thinking`, show that think time counting down first."""
        self.clock, self.thinking = clock, thinking
        self.set_reactive(AnswerTimer.state, clock.state)
        self.tick()

    @property
    def label(self) -> str:
        return timer_label(self.clock, self.thinking) if self.clock is not None else ""

    @property
    def shape(self) -> str:
        """The look: normal, warning, overtime or thinking (which characters the bar uses)."""
        if self.thinking is not None:
            return "thinking"
        return self.clock.state if self.clock is not None else "normal"

    def _fraction(self) -> float:
        if self.thinking is not None:
            return self.thinking.fraction_left
        return self.clock.fraction_left if self.clock is not None else 1.0

    def _bar_width(self) -> int:
        if self.clock is None or (self.thinking is None and not self.clock.timed):
            return 0
        return max(0, self.size.width - LABEL_WIDTH - GAP)

    def tick(self) -> None:
        clock = self.clock
        if clock is None:
            return
        state = clock.state
        if state != self.state:
            self.state = state
        self.set_class(clock.paused_now, "-paused")
        self.set_class(self.thinking is not None, "-thinking")
        drawn = (self.label, round(self._fraction() * self._bar_width()))
        if drawn != self._drawn:
            # One line of fixed height: a new bar needs a repaint, not a re-layout.
            self._drawn = drawn
            self.refresh()

    def render(self) -> Text:
        label = self.label
        width = self._bar_width()
        if not width:
            return Text(label)
        fill, spent = BARS[self.shape]
        left = round(self._fraction() * width)
        if self.shape == "overtime":
            left = width
        text = Text()
        text.append(fill * left)
        text.append(spent * (width - left), self.get_component_rich_style("answer-timer--spent"))
        text.append(" " * (GAP + max(0, LABEL_WIDTH - cell_len(label))))
        text.append(label, Style(reverse=self.shape == "overtime"))
        return text

    def watch_state(self, old: str, new: str) -> None:
        self.set_class(new == "warning", "-warning")
        self.set_class(new == "overtime", "-overtime")
        if new != "normal" and old != new:
            self.post_message(self.Crossed(new))

    def on_resize(self) -> None:
        self._drawn = ("", -1)
        self.tick()
