"""SVG snapshots of the interview's time bar: normal and warning, at 80×24 and 120×40.

The bar sits on the interviewer panel's last line; at 80×24 the question, the
bar and the answer box must all stay in view.
"""

from __future__ import annotations

import pytest
from textual.widgets import TextArea

from mockint.core.session import SessionConfig
from tests.helpers import advance, interview_at

PRACTICE = SessionConfig(deck_ids=["tui"], mode="practice")
ANSWER = "Slicing adds LIMIT to the SQL; the queryset is lazy until I iterate."


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("seconds", [30, 95], ids=["normal", "warning"])
def test_interview_time_bar(snap_compare, app, size, seconds):
    assert snap_compare(app, terminal_size=size, run_before=interview_at(PRACTICE, seconds, ANSWER))


def test_full_interview_introduction_at_80x24(snap_compare, full_app):
    """The introduction makes the panel tall: the question and the bar must still show."""
    full = SessionConfig(deck_ids=["tui", "opening"], kind="full", mode="mock", seed=1)

    async def run_before(pilot) -> None:
        pilot.app.flow.start(full)
        await pilot.pause()
        pilot.app.screen.query_one("#answer", TextArea).cursor_blink = False
        await advance(pilot, 5)
        pilot.app.clear_notifications()  # the "only 1 technical question" note
        await pilot.pause()

    assert snap_compare(full_app, terminal_size=(80, 24), run_before=run_before)
