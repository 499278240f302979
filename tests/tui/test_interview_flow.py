"""Pilot tests of the interview: setup, answering, reveal, rating, summary, leaving."""

from __future__ import annotations

from textual.widgets import SelectionList, TextArea

from mockint.core.session import Phase, SessionConfig
from mockint.tui.screens.confirm import ConfirmScreen
from mockint.tui.screens.interview import InterviewScreen
from mockint.tui.screens.reveal import RevealScreen
from mockint.tui.screens.setup import SetupScreen
from mockint.tui.screens.summary import SummaryScreen
from mockint.tui.widgets.answer_timer import AnswerTimer
from mockint.tui.widgets.fitted_table import FittedTable
from mockint.tui.widgets.interviewer_panel import InterviewerPanel
from tests.helpers import advance

SIZE = (120, 40)


def shown(widget) -> str:
    """The plain text a Static-like widget shows."""
    return str(widget.render())


async def type_answer(pilot, text: str) -> None:
    box = pilot.app.screen.query_one("#answer", TextArea)
    box.text = text  # pressing each key costs ~60 ms in Pilot; set long text directly
    await pilot.pause()


async def start(pilot, mode: str = "practice", **config) -> None:
    """Start an interview and wait until its question is on screen (the clock runs)."""
    pilot.app.flow.start(SessionConfig(deck_ids=["tui"], mode=mode, **config))
    for _ in range(10):
        await pilot.pause()
        if pilot.app.interview.phase is not Phase.ASKING:
            break


async def test_setup_by_keyboard_starts_a_mock_interview(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, SetupScreen)
        assert "3 questions match" in shown(app.screen.query_one("#matches"))
        await pilot.click("#mode-mock")
        await pilot.click("#count")
        await pilot.press("end", "backspace", "2")
        assert "2 will be asked" in shown(app.screen.query_one("#matches"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        assert app.interview.mode == "mock" and app.interview.total == 2


async def test_setup_refuses_to_start_with_no_matching_questions(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.click("#more CollapsibleTitle")  # topics are under "More choices"
        await pilot.click("#topics")
        await pilot.press(*"nothing-has-this")
        assert "0 questions match" in shown(app.screen.query_one("#matches"))
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, SetupScreen)


async def test_whole_practice_interview_of_three_questions(app, clock):
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, "practice")
        screen = app.screen
        assert "Question 1 of 3" in screen.query_one("#panel").border_subtitle
        assert "Priya Raman" in screen.query_one("#panel").border_title

        await pilot.press("f3")
        assert "querysets are lazy" in shown(screen.query_one("#peek"))
        await pilot.press("f4")
        assert "LIMIT and OFFSET" in shown(screen.query_one("#peek"))

        await type_answer(pilot, "It adds LIMIT 10 and stays lazy.")
        clock.advance(50)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, RevealScreen)
        assert "It adds LIMIT 10" in shown(app.screen.query_one("#yours Plain"))
        assert "Slicing a queryset" in shown(app.screen.query_one("#sample Plain"))
        await app.workers.wait_for_complete()
        await pilot.pause()
        # The analysis pre-ticks what the answer covered, with the words as evidence.
        assert app.interview.answer.key_points_checked == [True, True]
        checklist = app.screen.query_one("#key-points", SelectionList)
        assert "“limit”" in str(checklist.get_option_at_index(0).prompt)
        await pilot.press("space")  # the user unticks the first one (the checklist has focus)
        await pilot.press("3")
        await pilot.press("n")

        assert isinstance(app.screen, InterviewScreen)
        await type_answer(pilot, "I disagreed with a colleague about caching.")
        await pilot.press("ctrl+s")
        assert app.screen.query_one("#star", SelectionList).option_count == 4
        await pilot.press("4", "n")

        await pilot.press("ctrl+n")  # skip the last one
        assert "(skipped)" in app.screen.query_one("#yours").border_title
        assert "Clarify the load" in shown(app.screen.query_one("#framework"))
        await pilot.press("n")

        assert isinstance(app.screen, SummaryScreen)
        record = app.interview.record
        assert record.status == "finished"
        assert [a.rating for a in record.answers] == [3, 4, None]
        assert record.answers[0].peeks == ["why_asked", "tip"]
        assert record.answers[0].key_points_checked == [False, True]  # the user's choice
        assert record.answers[0].analysis.key_points_suggested == [True, True]  # the suggestion
        assert record.answers[0].used == 50
        assert app.screen.query_one(FittedTable).row_count == 3


async def test_mock_mode_offers_no_peeking(app):
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, "mock")
        await pilot.press("f3", "f4")
        assert not any(peek.display for peek in app.screen.query("#peek"))  # none shown
        assert app.interview.answer.peeks == []
        footer_keys = {b.binding.action for b in app.screen.active_bindings.values()
                       if b.enabled}
        assert "peek('why_asked')" not in footer_keys


async def test_a_rating_is_needed_to_move_on_only_in_mock_and_only_if_settings_say_so(
        tui_store, clock):
    from mockint.storage.settings import Settings
    from mockint.tui.app import make_app

    strict = make_app(decks=tui_store, clock=clock,
                      settings=Settings(require_rating_in_mock=True))
    async with strict.run_test(size=SIZE) as pilot:
        # The setting is about mock interviews: practice moves on unrated.
        await start(pilot, "practice", count=1)
        await type_answer(pilot, "answer")
        await pilot.press("ctrl+s", "n")
        assert isinstance(strict.screen, SummaryScreen)
        assert strict.interview.record.answers[0].rating is None
        await start(pilot, "mock")
        await type_answer(pilot, "answer")
        await pilot.press("ctrl+s", "n")
        assert isinstance(strict.screen, RevealScreen)  # refused, and says why
        assert any("Rate your answer first" in n.message for n in strict._notifications)
        await pilot.click("#rate-2")
        assert strict.interview.answer.rating == 2
        await pilot.press("n")
        assert isinstance(strict.screen, InterviewScreen)

    async with make_app(decks=tui_store, clock=clock).run_test(size=SIZE) as pilot:
        await start(pilot, "mock")  # the default: moving on unrated is fine
        await type_answer(pilot, "answer")
        await pilot.press("ctrl+s", "n")
        assert isinstance(pilot.app.screen, InterviewScreen)
        assert pilot.app.interview.record.answers[0].rating is None


async def test_follow_up_is_asked_timed_and_shown_on_the_reveal(app, clock):
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await type_answer(pilot, "main answer")
        await pilot.press("ctrl+s", "2", "f")
        assert isinstance(app.screen, InterviewScreen)
        assert "negative index" in shown(app.screen.query_one("#prompt"))
        assert "follow-up" in app.screen.query_one("#panel").border_subtitle
        panel = app.screen.query_one("#panel")  # the question it follows, under it
        assert shown(panel.query_one("#context")).startswith("Follow-up to: ")
        assert [w.id for w in panel.children if w.display] == ["prompt", "context", "timer"]
        assert app.screen.query_one("#answer", TextArea).text == ""
        await type_answer(pilot, "It raises an error.")
        clock.advance(20)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, RevealScreen)
        texts = [shown(w) for w in app.screen.query("#yours Plain")]
        assert any("It raises an error." in t for t in texts)
        assert not app.screen.query_one("#follow-up").display  # none left
        assert app.interview.answer.follow_ups[0].used == 20


async def test_leaving_mid_answer_asks_first_and_keeps_the_text(app, clock):
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await type_answer(pilot, "half of my answ")
        clock.advance(15)
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(app.screen, InterviewScreen)
        await pilot.press("ctrl+q", "y")
        assert isinstance(app.screen, SummaryScreen)
        record = app.interview.record
        assert record.status == "abandoned"
        assert record.answers[0].text == "half of my answ" and record.answers[0].used == 15


async def test_timer_warns_then_counts_overtime_and_pause_stops_it(app, clock):
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        timer = app.screen.query_one(AnswerTimer)
        assert timer.label == "2:00 left"
        await advance(pilot, 95)
        assert timer.has_class("-warning") and timer.label == "⚠ 0:25 left"
        await advance(pilot, 37)
        assert timer.has_class("-overtime") and timer.label == "+0:12 over"
        await pilot.press("ctrl+t")
        assert app.interview.phase is Phase.PAUSED
        assert app.screen.query_one("#answer", TextArea).read_only
        clock.advance(300)
        await pilot.press("ctrl+t")
        assert timer.label == "+0:12 over"


async def test_deck_text_with_markup_and_escapes_is_shown_literally(app):
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        prompt = shown(app.screen.query_one("#prompt"))
        assert "[bold]qs[0:10][/]" in prompt
        assert "\x1b" not in prompt and "␛[31mthis[/]" in prompt
        await type_answer(pilot, "[i]my[/i] answer")
        await pilot.press("ctrl+s")
        assert "[i]my[/i] answer" in shown(app.screen.query_one("#yours Plain"))
        assert "[red]Not markup[/red]" in shown(app.screen.query_one("#sample Plain"))


async def test_word_count_follows_typing(app):
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        await type_answer(pilot, "one two three\nfour")
        await advance(pilot, 0.5)
        assert shown(app.screen.query_one("#words")) == "4 words"


async def test_mock_mode_has_no_pause(app, clock):
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, "mock")
        assert not app.screen.query_one("#pause").display
        await pilot.press("ctrl+t")
        assert app.interview.phase is Phase.ANSWERING


async def test_a_tiny_terminal_never_crashes_and_says_it_is_small(app):
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        # Checked first: the notice lasts 8 s of real time, which a loaded machine can
        # spend on the steps below.
        assert any(n.title == "Terminal too small" and "40×12" in n.message
                   for n in app._notifications)
        await start(pilot)
        await type_answer(pilot, "short")
        await pilot.press("ctrl+s", "3")
        await pilot.pause()
        assert isinstance(app.screen, RevealScreen)


async def test_the_mouse_drives_an_interview_through_its_buttons(app):
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, count=1)
        await type_answer(pilot, "clicked through")
        await pilot.click("#pause")
        assert app.interview.phase is Phase.PAUSED
        await pilot.click("#pause")
        await pilot.click("#submit")
        assert isinstance(app.screen, RevealScreen)
        await pilot.click("#rate-3")
        await pilot.click("#next")
        assert isinstance(app.screen, SummaryScreen)


async def test_a_paste_with_escapes_is_kept_as_pasted_and_never_drawn_raw(app):
    from textual import events

    pasted = "Start \x1b]2;PWNED\x07 end \u202e\u200b\x9b"
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        box = app.screen.query_one("#answer", TextArea)
        box.post_message(events.Paste(pasted))
        await pilot.pause()
        assert box.text == pasted
        drawn = "".join(seg.text for y in range(box.size.height) for seg in box.render_line(y))
        assert "Start ]2;PWNED end" in drawn
        assert not set(drawn) & set("\x1b\x07\u202e\u200b\x9b")
        await pilot.press("ctrl+s")
        assert app.interview.record.answers[0].text == pasted
        assert "Start ␛]2;PWNED␇ end" in shown(app.screen.query_one("#yours Plain"))


async def test_a_huge_one_line_paste_becomes_lines_with_the_same_words(app):
    from textual import events

    from mockint.tui.widgets.answer_box import LONG_LINE

    words = [f"word{i}" for i in range(20_000)]
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        box = app.screen.query_one("#answer", TextArea)
        box.post_message(events.Paste(" ".join(words)))
        await pilot.pause()
        lines = box.text.split("\n")
        assert len(lines) > 1 and max(map(len, lines)) <= LONG_LINE
        assert box.text.split() == words


async def test_the_clock_starts_once_the_question_is_on_screen(app, clock, monkeypatch):
    """Drawing a huge prompt took ~20 s on the answer clock; it must count none of it."""
    drawn = []
    original = InterviewerPanel.render_lines

    def slow_first_draw(self, crop):
        if not drawn:
            drawn.append(True)
            clock.advance(20)  # the first frame takes 20 s to draw
        return original(self, crop)

    monkeypatch.setattr(InterviewerPanel, "render_lines", slow_first_draw)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        assert drawn and app.interview.phase is Phase.ANSWERING
        clock.advance(5)
        await pilot.press("ctrl+s")
        assert app.interview.record.answers[0].used == 5
