"""The time line under a question (reveal, recorded answer): the same overtime rule as
the clock and the saved answer (core.timing.seconds_over)."""

from __future__ import annotations

from mockint.core.timing import AnswerClock, FakeClock
from mockint.tui.formatting import time_line


def test_the_time_line_says_over_only_past_a_limit_and_names_no_limit():
    assert time_line(200, 180, 0) == "Time 3:20 of 3:00 (+0:20 over)"
    assert time_line(100, 180, 12) == "Time 1:40 of 3:00 · paused 0:12"
    untimed = time_line(600, 0, 0)
    assert untimed == "Time 10:00 (no time limit)" and "over" not in untimed
    clock = FakeClock()
    timer = AnswerClock(0, clock)
    timer.start()
    clock.advance(600)
    assert timer.overtime == 0  # the clock agrees: no limit, no overtime
