"""The answer clock: pauses are not counted, zero turns to overtime, never sleeps."""

import pytest

from mockint.core.timing import AnswerClock, FakeClock, format_clock, format_duration


def test_counts_active_time_and_excludes_pauses():
    clock = FakeClock()
    timer = AnswerClock(120, clock)
    timer.start()
    clock.advance(30)
    timer.pause()
    clock.advance(45)
    assert timer.used == 30
    assert timer.paused == 45
    timer.resume()
    clock.advance(10)
    timer.stop()
    clock.advance(100)  # after stop nothing moves
    assert (timer.used, timer.paused, timer.remaining) == (40, 45, 80)


def test_warning_at_a_quarter_left_then_overtime_keeps_counting():
    clock = FakeClock()
    timer = AnswerClock(100, clock)
    timer.start()
    clock.advance(74)
    assert timer.state == "normal"
    clock.advance(1)
    assert timer.state == "warning"
    clock.advance(37)
    assert timer.state == "overtime"
    assert timer.overtime == 12
    assert format_clock(timer.remaining) == "+0:12"


def test_restore_continues_from_saved_figures():
    clock = FakeClock()
    timer = AnswerClock(120, clock)
    timer.restore(used=50, paused=5)
    timer.start()
    clock.advance(10)
    assert timer.used == 60 and timer.paused == 5


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(120, "2:00"), (59.2, "1:00"), (0.4, "0:01"), (0, "0:00"), (-0.5, "+0:00"), (-75, "+1:15")],
)
def test_format_clock_rounds_time_left_up_and_overtime_down(seconds, shown):
    assert format_clock(seconds) == shown


def test_format_duration_has_hours_only_when_needed():
    assert format_duration(65.9) == "1:05"
    assert format_duration(3725) == "1:02:05"
