"""SVG snapshots of the reveal being worked (issue 16 items 4 and 6): a behavioral
answer with both checklists, focus moved to STAR (▶ and a heavy border), one tick
changed there and the rating chosen (● 3 Good), at 80×24 and 120×40."""

from __future__ import annotations

import pytest
from textual.widgets import TextArea

from mockint.core.session import SessionConfig
from tests.helpers import advance

STORY = ("At my last job I disagreed with a colleague about caching everything. "
         "I owned the API, so I was asked to decide. I measured the slow endpoints first "
         "and cached two of them. In the end p95 fell by 40%.")


async def worked_reveal(pilot) -> None:
    pilot.app.flow.start(SessionConfig(deck_ids=["tui"], mode="mock",
                                       categories=["behavioral"]))
    await pilot.pause()
    box = pilot.app.screen.query_one("#answer", TextArea)
    box.cursor_blink = False
    box.text = STORY
    await advance(pilot, 95)
    await pilot.press("ctrl+s")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("tab", "down", "space", "3")
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_reveal_worked(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=worked_reveal)
