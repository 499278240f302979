"""Closed screens are let go of, although Textual keeps some of their widgets
(tui/leftovers.py): memory and garbage-collector passes stay flat over a session."""

from __future__ import annotations

import gc
import weakref

from mockint.core.session import SessionConfig
from mockint.tui.screens.history import HistoryScreen
from mockint.tui.screens.home import HomeScreen
from mockint.tui.widgets.answer_box import AnswerBox
from mockint.tui.widgets.screen_header import ScreenHeader
from tests.helpers import advance, submit_and_reveal


async def test_a_finished_question_s_answer_box_is_freed(app):
    async with app.run_test(size=(120, 40)) as pilot:
        app.flow.start(SessionConfig(deck_ids=["tui"], mode="practice"))
        await advance(pilot)
        # The second question's box: the first one's screen may stay a while longer,
        # as home's idle widgets keep the last message they got (a Show it sent) until
        # they get another, and they get none while an interview is over home.
        await _answer(pilot, "the first answer")
        box = weakref.ref(app.screen.query_one(AnswerBox))
        await _answer(pilot, "the second answer")
        gc.collect()
        assert box() is None


async def _answer(pilot, text: str) -> None:
    await submit_and_reveal(pilot, text)
    await pilot.press("3", "n")
    await advance(pilot)


async def test_a_closed_screen_s_header_is_freed(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        header = weakref.ref(app.screen.query_one(ScreenHeader))
        await pilot.press("escape")
        await advance(pilot)
        assert isinstance(app.screen, HomeScreen)
        gc.collect()
        assert header() is None
