"""The interview's status-row buttons (KeyButton): keyboard, mouse, and focus by shape."""

from __future__ import annotations

from mockint.core.session import Phase, SessionConfig
from mockint.tui.screens.reveal import RevealScreen
from mockint.tui.widgets.key_button import KeyButton


async def _start(pilot) -> None:
    pilot.app.flow.start(SessionConfig(deck_ids=["tui"], mode="practice"))
    for _ in range(4):
        await pilot.pause()


async def test_tab_reaches_submit_and_enter_or_space_presses_it(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await _start(pilot)
        await pilot.press(*"an answer", "tab")
        submit = app.screen.query_one("#submit", KeyButton)
        assert submit.has_focus
        assert submit.styles.text_style.reverse and submit.styles.text_style.underline
        await pilot.press("tab", "tab")  # skip, then pause
        pause = app.screen.query_one("#pause", KeyButton)
        assert pause.has_focus
        await pilot.press("space")
        assert app.interview.phase is Phase.PAUSED and pause.label == "Resume ^T"
        await pilot.press("enter")
        assert app.interview.phase is Phase.ANSWERING and pause.label == "Pause ^T"
        submit.focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, RevealScreen)
        assert app.interview.answer.text == "an answer"


async def test_a_click_on_skip_skips(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await _start(pilot)
        await pilot.click("#skip")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, RevealScreen) and app.interview.answer.skipped
