"""80×24 snapshots of home, history and the summary (and the summary at 120×40): at the
smallest supported size every column that matters stays in view and panes shrink
instead of being cut. Fixed data, fixed clock, UTC.
"""

from __future__ import annotations

import pytest

from tests.helpers import make_record

SMALL = (80, 24)


@pytest.fixture(autouse=True)
def utc(local_zone):
    local_zone("UTC")


@pytest.fixture
def long_titles_app(tui_deck, clock):
    """The test deck and two with titles as long as the bundled ones."""
    from pathlib import Path

    from mockint.storage.decks import DeckEntry, DeckStore
    from mockint.tui.app import make_app

    entries = [DeckEntry(Path("tui.toml"), "path", tui_deck)]
    for n, title in enumerate(["Django & DRF: technical (26 questions, junior to senior)",
                               "Behavioral: STAR stories and introductions"]):
        deck = tui_deck.model_copy(update={"id": f"long-{n}", "title": title})
        entries.append(DeckEntry(Path(f"long-{n}.toml"), "bundled", deck))
    return make_app(decks=DeckStore(entries), clock=clock)


def test_home_80x24(snap_compare, long_titles_app, filled_history):
    """Deck titles give way to the question count; the footer keeps F1 Help and Quit."""
    assert snap_compare(long_titles_app, terminal_size=SMALL)


def test_history_80x24(snap_compare, app, filled_history):
    assert snap_compare(app, terminal_size=SMALL, press=["h"])


@pytest.mark.parametrize("size", [(120, 40), SMALL], ids=["120x40", "80x24"])
def test_summary_with_a_verdict(snap_compare, app, filled_history, tui_deck, size):
    """Three questions, one compared with last time, one skipped."""

    async def run_before(pilot) -> None:
        from mockint.tui.screens.summary import SummaryScreen

        record = make_record(tui_deck, ["fourth try: LIMIT and OFFSET, lazy", "a story", "x"],
                             [4, 3, None], started="2026-11-24T18:00:00+00:00")
        pilot.app.push_screen(SummaryScreen(record))
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)




def test_stats_weekly_charts(snap_compare, tui_store, clock, history, tui_deck):
    """The weekly key-point coverage, STAR completeness and overtime charts, with figures."""
    from datetime import UTC, datetime, timedelta

    from mockint.tui.app import make_app

    now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    for days_ago, texts, ratings in ((15, ["a", "b"], [1, 2]), (8, ["a", "b"], [2, 3]),
                                     (1, ["a", "b", "c"], [3, 3, 4])):
        history.save_session(make_record(tui_deck, texts, ratings,
                                         started=(now - timedelta(days=days_ago)).isoformat()))
    app = make_app(decks=tui_store, clock=clock, history=history, now=lambda: now)

    async def run_before(pilot) -> None:
        from textual.containers import VerticalScroll

        await pilot.press("t")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = pilot.app.screen
        text = screen.query_one("#stats-text")
        line = str(text.render()).splitlines().index(
            "Key points covered by week (ticked of those asked):")
        scroll = screen.query_one("#stats", VerticalScroll)
        scroll.scroll_to(y=text.virtual_region.y + line, animate=False)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)
