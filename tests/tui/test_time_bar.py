"""The interview's time bar: three states told apart by shape and words (NO_COLOR too),
a clock that waits while a dialog covers the interview, and think time."""

from __future__ import annotations

from mockint.core.session import Phase, SessionConfig
from mockint.storage.settings import Settings
from mockint.tui.app import make_app
from mockint.tui.screens.confirm import ConfirmScreen
from mockint.tui.screens.help import HelpScreen
from mockint.tui.screens.interview import InterviewScreen
from mockint.tui.screens.reveal import RevealScreen
from mockint.tui.widgets.answer_timer import AnswerTimer
from tests.helpers import advance

SIZE = (100, 30)
THEMES = ["mockint-dark", "mockint-light", "high-contrast", "colorblind-safe"]


async def open_interview(pilot, mode: str = "practice") -> AnswerTimer:
    pilot.app.flow.start(SessionConfig(deck_ids=["tui"], mode=mode))
    await pilot.pause()
    await pilot.pause()
    return pilot.app.screen.query_one(AnswerTimer)


def painted(timer: AnswerTimer) -> str:
    """The line as drawn on the terminal (after the compositor), not the widget's state."""
    return timer.render_line(0).text


async def test_the_three_states_differ_by_shape_and_words_under_no_color(
        tui_store, clock, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(decks=tui_store, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        assert app.no_color
        timer = await open_interview(pilot)
        await advance(pilot, 0)
        normal = painted(timer)
        assert normal.rstrip().endswith("2:00 left") and "⚠" not in normal
        assert "█" in normal and "░" not in normal  # full: nothing spent yet
        await advance(pilot, 60)
        half = painted(timer)
        assert 0 < half.count("█") < normal.count("█")  # it drains
        assert half.count("█") == half.count("░") or abs(half.count("█") - half.count("░")) <= 1
        await advance(pilot, 35)
        warning = painted(timer)
        assert warning.rstrip().endswith("⚠ 0:25 left")
        assert "▓" in warning and "█" not in warning  # another shape, not only a colour
        await advance(pilot, 37)
        overtime = painted(timer)
        assert overtime.rstrip().endswith("+0:12 over")
        assert "╱" in overtime and "▓" not in overtime and "░" not in overtime
        # The label of the overtime is in reverse video, which NO_COLOR keeps.
        label = [s for s in timer.render_line(0) if "over" in s.text]
        assert label and label[0].style is not None and label[0].style.reverse


async def test_each_bundled_theme_gives_the_states_their_own_colour_too(app):
    async with app.run_test(size=SIZE):
        for theme in THEMES:
            app.theme = theme
            variables = app.get_css_variables()
            colours = {variables[f"timer-{state}"] for state in ("normal", "warning", "overtime")}
            assert len(colours) == 3, theme


async def test_the_clock_waits_while_the_leave_dialog_or_help_is_open(app, clock):
    async with app.run_test(size=SIZE) as pilot:
        timer = await open_interview(pilot, mode="mock")  # a mock's clock cannot be paused
        await advance(pilot, 10)
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        await advance(pilot, 300)  # five minutes deciding
        interview = app.interview
        assert interview.answer_clock.used == 10
        assert timer.label == "1:50 paused"
        await pilot.press("n")  # stay
        assert isinstance(app.screen, InterviewScreen)
        await advance(pilot, 5)
        assert interview.answer_clock.used == 15 and timer.label == "1:45 left"
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await advance(pilot, 60)
        assert interview.answer_clock.used == 15
        await pilot.press("escape")
        await advance(pilot, 1)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, RevealScreen)
        assert (interview.answer.used, interview.answer.paused) == (16, 360)


async def test_think_time_runs_first_and_typing_starts_the_clock(tui_store, clock):
    app = make_app(decks=tui_store, clock=clock, settings=Settings(think_seconds=10))
    async with app.run_test(size=SIZE) as pilot:
        timer = await open_interview(pilot)
        interview = app.interview
        assert interview.thinking and timer.label == "thinking 0:10"
        assert timer.shape == "thinking" and "•" in painted(timer)
        await advance(pilot, 4)
        assert timer.label == "thinking 0:06" and interview.phase is Phase.ASKING
        await advance(pilot, 6)  # think time is over: the answer clock starts
        assert interview.phase is Phase.ANSWERING and timer.label == "2:00 left"
        await advance(pilot, 20)
        await pilot.press("ctrl+s", "3", "n")
        assert isinstance(app.screen, InterviewScreen)
        await pilot.pause()
        assert interview.thinking and interview.index == 1
        await advance(pilot, 3)
        await pilot.press("I")  # the person starts typing: the clock starts now
        assert interview.phase is Phase.ANSWERING and not interview.thinking
        await advance(pilot, 30)
        await pilot.press("ctrl+s")
        assert [a.used for a in interview.record.answers] == [20, 30]  # no think time in it
        assert interview.record.answers[1].text == "I"


async def test_an_untimed_question_shows_no_bar_but_says_so(app):
    async with app.run_test(size=SIZE) as pilot:
        timer = await open_interview(pilot)
        app.interview.answer_clock.limit = 0  # what a question without a limit gets
        await advance(pilot, 42)
        line = painted(timer)
        assert line.strip() == "no time limit · 0:42"
        assert not {"█", "▓", "╱", "░"} & set(line)
