"""SVG snapshots of a full interview: the introduction, the questions-to-ask step,
and the summary with its sections and budget (fixed seed, fixed clock)."""

from __future__ import annotations

import pytest
from textual.widgets import TextArea

from mockint.core.session import Phase, SessionConfig
from tests.helpers import advance

FULL = SessionConfig(deck_ids=["tui", "opening"], kind="full", mode="mock", seed=1)


async def _asked(pilot) -> None:
    for _ in range(10):  # drawn, then the clock starts
        await pilot.pause()
        if pilot.app.interview.phase is not Phase.ASKING:
            break
    pilot.app.screen.query_one("#answer", TextArea).cursor_blink = False


async def _answer(pilot, text: str, seconds: float) -> None:
    await _asked(pilot)
    pilot.app.screen.query_one("#answer", TextArea).text = text
    await advance(pilot, seconds)
    await pilot.press("ctrl+s", "3", "n")


async def _to_questions_to_ask(pilot) -> None:
    pilot.app.flow.start(FULL)
    for text, seconds in [("Backend developer, six years of Django.", 80),
                          ("It adds LIMIT 10 and stays lazy.", 95),
                          ("We disagreed about caching; I measured first.", 130),
                          ("Stateless app servers, a cache, a queue.", 240)]:
        await _answer(pilot, text, seconds)
    await pilot.pause()


@pytest.fixture(autouse=True)
def utc(local_zone):
    local_zone("UTC")


def test_full_interview_introduction(snap_compare, full_app):
    async def run_before(pilot) -> None:
        pilot.app.flow.start(FULL)
        await _asked(pilot)
        await advance(pilot, 5)
        pilot.app.clear_notifications()  # the "only 1 technical question" note times out
        await pilot.pause()

    assert snap_compare(full_app, terminal_size=(120, 40), run_before=run_before)


def test_full_interview_questions_to_ask(snap_compare, full_app):
    async def run_before(pilot) -> None:
        await _to_questions_to_ask(pilot)
        await pilot.press("space", "down")
        pilot.app.screen.query_one("#own", TextArea).text = "What would my first month be like?"
        pilot.app.screen.query_one("#own", TextArea).cursor_blink = False
        pilot.app.clear_notifications()  # they expire in real seconds: under load, or not
        await pilot.pause()

    assert snap_compare(full_app, terminal_size=(120, 40), run_before=run_before)


def test_full_interview_summary_with_sections(snap_compare, full_app):
    async def run_before(pilot) -> None:
        await _to_questions_to_ask(pilot)
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await _answer(pilot, "How is on-call shared across the team?", 60)
        await pilot.app.workers.wait_for_complete()  # the comparison with last time
        pilot.app.clear_notifications()  # they expire in real seconds: under load, or not
        await pilot.pause()

    assert snap_compare(full_app, terminal_size=(120, 40), run_before=run_before)
