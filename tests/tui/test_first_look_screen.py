"""`mockint run`'s first question, drawn before its interview is built (issue 15).

The interview screen stands on a `PendingInterview` for its first frame; right after
it, the app builds the real interview and the screen attaches it. These tests hold
the handover back to press keys in between, as a fast typist (or a script) could.
"""

from __future__ import annotations

import pytest
from textual.widgets import TextArea

from mockint.core.first_look import first_look
from mockint.core.phases import Phase
from mockint.storage.decks import DeckStore
from mockint.tui.app import MockintApp, make_app
from mockint.tui.screens.confirm import ConfirmScreen
from mockint.tui.screens.interview import InterviewScreen
from mockint.tui.screens.reveal import RevealScreen
from tests.helpers import screen_text

SIZE = (120, 40)
FIELDS = {"deck_ids": ["python-fundamentals"], "mode": "practice", "count": 3,
          "order": "shuffled", "seed": 7}


def _app(monkeypatch: pytest.MonkeyPatch, hold: bool) -> tuple[MockintApp, list]:
    """The app as `mockint run` builds it; with `hold`, the handover waits for the test."""
    DeckStore.discover(index=True).check_pending()
    store = DeckStore.discover(index=True)
    data = store.known_good_data(FIELDS["deck_ids"])
    assert data is not None, "the index knows the bundled deck is good"
    app = make_app(decks=store, first_look=first_look(data, FIELDS))
    held: list = []
    if hold:
        monkeypatch.setattr(app, "_start_first_look", lambda: held.append(True))
    return app, held


async def test_question_one_is_drawn_and_then_its_interview_takes_over(monkeypatch):
    app, _ = _app(monkeypatch, hold=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen) and not screen.awaiting
        interview = app.interview
        assert interview is not None and interview.total == 3
        assert screen.interview is interview
        assert interview.current.question.id == app.first_look.first.question.id
        assert interview.phase is Phase.ANSWERING, "the clock runs once it took over"
        assert "Question 1 of 3" in screen_text(app)
        assert interview.current.question.prompt.split("\n")[0][:40] in screen_text(app)


async def test_keys_pressed_before_the_handover_are_kept_and_acted_on(monkeypatch):
    app, held = _app(monkeypatch, hold=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen) and screen.awaiting and held
        assert "Question 1 of 3" in screen_text(app)
        assert app.first_look.first.question.prompt.split("\n")[0][:40] in screen_text(app)
        await pilot.press(*"quick", "space", *"answer")
        await pilot.press("ctrl+s")  # submitted while the interview is still being built
        await pilot.pause()
        assert app.interview is None and isinstance(app.screen, InterviewScreen)
        MockintApp._start_first_look(app)  # the handover
        await app.workers.wait_for_complete()
        for _ in range(5):
            await pilot.pause()
        assert isinstance(app.screen, RevealScreen)
        assert app.interview.record.answers[0].text == "quick answer"


async def test_leaving_before_the_handover_asks_and_keeps_what_was_typed(monkeypatch):
    # No tick saves the draft in between (on a slow machine none did): the leave alone
    # must keep the words.
    monkeypatch.setattr(InterviewScreen, "_tick", lambda self, now: None)
    app, _held = _app(monkeypatch, hold=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"half")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")  # Leave
        await pilot.pause()
        MockintApp._start_first_look(app)
        for _ in range(5):
            await pilot.pause()
        record = app.interview.record if app.interview is not None else None
        assert record is not None and record.answers[0].text == "half"
        assert not isinstance(app.screen, InterviewScreen)


async def test_text_typed_before_the_handover_stays_in_the_box(monkeypatch):
    app, _held = _app(monkeypatch, hold=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"abc")
        MockintApp._start_first_look(app)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen) and not screen.awaiting
        assert screen.query_one("#answer", TextArea).text == "abc"
        await pilot.pause(0.8)  # the tick saves it as the draft
        app.flush_saves()
        assert app.interview.answer.text == "abc"


async def test_a_whole_run_from_the_first_look_to_home_and_a_second_interview(monkeypatch):
    from mockint.tui.screens.home import HomeScreen
    from mockint.tui.screens.summary import SummaryScreen
    from tests.helpers import submit_and_reveal

    app, _ = _app(monkeypatch, hold=False)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(3):
            await pilot.pause()
        await submit_and_reveal(pilot, "first answer")
        await pilot.press("3", "n")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen) and app.interview.index == 1
        assert "Question 2 of 3" in screen_text(app)
        await pilot.press(*"second", "ctrl+q", "y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("1")  # a preset: a new interview from home
        for _ in range(3):
            await pilot.pause()
        assert isinstance(app.screen, InterviewScreen) and app.screen.interview is app.interview
        assert app.interview.index == 0 and app.interview.record.answers[0].text == ""


async def test_an_interview_that_cannot_be_built_after_all_leaves_for_home_with_why(monkeypatch):
    """The deck was good when the question was shown and is gone when the interview is
    built: the person is told, lands on home, and a later interview starts normally."""
    from mockint.tui.screens.home import HomeScreen

    app, _held = _app(monkeypatch, hold=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.first_look = type(app.first_look)({**app.first_look.config,
                                               "deck_ids": ["deck-gone-meanwhile"]},
                                              app.first_look.first, app.first_look.total)
        MockintApp._start_first_look(app)
        for _ in range(3):
            await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("deck-gone-meanwhile" in str(n.message) for n in app._notifications)
        await pilot.press("1")  # a preset from home: a fresh interview screen, attached
        for _ in range(3):
            await pilot.pause()
        assert isinstance(app.screen, InterviewScreen) and not app.screen.awaiting
        assert app.screen.interview is app.interview


async def test_letters_that_reach_the_screen_and_not_the_box_are_not_lost(monkeypatch):
    """While the app starts, nothing has focus yet and the first keys went to the screen,
    which dropped them (the first words typed after `mockint run`); the same for a letter
    typed with a button focused. They go into the answer now."""
    app, _ = _app(monkeypatch, hold=False)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(3):
            await pilot.pause()
        screen = app.screen
        box = screen.query_one("#answer", TextArea)
        screen.set_focus(None)  # as in the first moments of the app
        await pilot.press(*"early")
        assert box.text == "early" and box.has_focus
        screen.set_focus(screen.query_one("#skip"))  # space would press it; letters are words
        await pilot.press(*"more")
        assert box.text == "earlymore" and box.has_focus
        await pilot.press("ctrl+t")  # paused: the box refuses typing, and so does the screen
        await pilot.pause()
        screen.set_focus(None)
        await pilot.press("x")
        assert box.text == "earlymore"
