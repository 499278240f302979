"""Time accounting for one answer, against an injected clock.

The clock is any zero-argument callable returning seconds (``time.monotonic``
in the app, a `FakeClock` in tests), so pause, overtime and resume-after-crash
are tested without sleeping.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], float]

WARNING_FRACTION = 0.25  # the timer turns to "warning" when a quarter of the time is left


def utcnow() -> datetime:
    """The wall clock, in UTC (the app's default `now`; here so it loads without pydantic)."""
    return datetime.now(UTC)


class FakeClock:
    """A clock that only moves when told to: `clock.advance(30)`."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class AnswerClock:
    """Seconds spent answering one question, with pauses not counted.

    `used` is active time only; `paused` is the total time spent paused. At
    zero the clock keeps running as overtime: the user is never cut off.
    """

    # A plain class: every start imports this module, and making a dataclass costs
    # ~1 ms there (its methods are compiled at import); nothing compares clocks.
    def __init__(self, limit: int, clock: Clock = time.monotonic,
                 warning_fraction: float = WARNING_FRACTION) -> None:
        self.limit = limit
        self.clock = clock
        self.warning_fraction = warning_fraction
        self._banked = 0.0
        self._paused_banked = 0.0
        self._running_since: float | None = None
        self._paused_since: float | None = None

    def __repr__(self) -> str:
        return (f"AnswerClock(limit={self.limit}, used={self.used:.1f}, "
                f"paused={self.paused:.1f}, running={self.running})")

    @property
    def running(self) -> bool:
        return self._running_since is not None

    @property
    def paused_now(self) -> bool:
        return self._paused_since is not None

    def start(self) -> None:
        if self._running_since is None and self._paused_since is None:
            self._running_since = self.clock()

    def pause(self) -> None:
        if self._running_since is not None:
            now = self.clock()
            self._banked += now - self._running_since
            self._running_since = None
            self._paused_since = now

    def resume(self) -> None:
        if self._paused_since is not None:
            now = self.clock()
            self._paused_banked += now - self._paused_since
            self._paused_since = None
            self._running_since = now

    def stop(self) -> None:
        """Freeze the figures (on submit); a stopped clock can be started again."""
        self.resume()
        if self._running_since is not None:
            self._banked += self.clock() - self._running_since
            self._running_since = None

    @property
    def used(self) -> float:
        running = self.clock() - self._running_since if self._running_since is not None else 0.0
        return self._banked + running

    @property
    def paused(self) -> float:
        pausing = self.clock() - self._paused_since if self._paused_since is not None else 0.0
        return self._paused_banked + pausing

    @property
    def remaining(self) -> float:
        return self.limit - self.used

    @property
    def overtime(self) -> float:
        return seconds_over(self.used, self.limit)

    @property
    def timed(self) -> bool:
        """False for a question without a time limit (a limit of 0): no countdown, no overtime."""
        return self.limit > 0

    @property
    def fraction_left(self) -> float:
        """How much of the limit is left, 1.0 (all) to 0.0 (none, or overtime)."""
        if not self.timed:
            return 1.0
        return min(1.0, max(0.0, self.remaining / self.limit))

    @property
    def state(self) -> str:
        """normal, warning or overtime: what the timer shows."""
        if not self.timed:
            return "normal"
        remaining = self.remaining
        if remaining < 0:
            return "overtime"
        if remaining <= self.limit * self.warning_fraction:
            return "warning"
        return "normal"

    def restore(self, used: float, paused: float) -> None:
        """Continue from figures saved earlier (resume after a crash), stopped."""
        self._banked, self._paused_banked = float(used), float(paused)
        self._running_since = self._paused_since = None


def seconds_over(used: float, limit: float) -> float:
    """Seconds past the limit; none without a limit (0): such a question has no countdown."""
    return max(0.0, used - limit) if limit > 0 else 0.0


def format_clock(seconds: float) -> str:
    """`1:05` for time left, `+0:12` once past the limit (pass a negative remaining)."""
    sign = "+" if seconds < 0 else ""
    whole = int(abs(seconds)) if seconds < 0 else int(-(-seconds // 1))
    minutes, secs = divmod(whole, 60)
    return f"{sign}{minutes}:{secs:02d}"


def format_duration(seconds: float) -> str:
    """A used time such as `2:07` (rounded down to the second)."""
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
