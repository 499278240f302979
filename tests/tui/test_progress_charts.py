"""The stats screen charts weekly key-point coverage, STAR completeness and the share over
the time limit with their numbers beside the bars; history search finds session notes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mockint.tui.widgets.fitted_table import FittedTable
from tests.helpers import make_record, screen_text


async def test_the_stats_screen_charts_the_weekly_figures_with_their_numbers(
        tui_store, clock, history, tui_deck, local_zone):
    from mockint.tui.app import make_app

    local_zone("UTC")
    now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # weeks end today: 17-23 Nov, 10-16 Nov…
    # The week before: both questions, one key point ticked of each (2 of 3), STAR none.
    history.save_session(make_record(tui_deck, ["first", "a story"], [2, 3],
                                     started=(now - timedelta(days=8)).isoformat()))
    # This week: the first question only, 1 of 2 points.
    history.save_session(make_record(tui_deck, ["second"], [3],
                                     started=(now - timedelta(hours=1)).isoformat()))
    app = make_app(decks=tui_store, clock=clock, history=history, now=lambda: now)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = str(app.screen.query_one("#stats-text").render())
    blocks = {block.splitlines()[0]: block.splitlines()[1:] for block in text.split("\n\n")}
    coverage = blocks["Key points covered by week (ticked of those asked):"]
    assert len(coverage) == 8
    assert coverage[-2].split()[:2] == ["10", "Nov"] and coverage[-2].endswith("67%  (2 answers)")
    assert coverage[-1].endswith("50%  (1 answer)") and "█" in coverage[-1]
    assert all(line.endswith("—") for line in coverage[:-2])  # weeks with nothing: no bar
    star = blocks["STAR completeness by week (parts ticked of four, STAR answers):"]
    assert star[-2].endswith("0%  (1 answer)") and star[-1].endswith("—")
    over = blocks["Share of answers over the time limit by week:"]
    assert over[-1].endswith("0%  (1 answer)")


async def test_a_note_is_found_by_search_and_enter_opens_its_session(app, history, tui_deck):
    from mockint.tui.screens.session import SessionScreen

    record = make_record(tui_deck, ["an answer about querysets"], [3])
    history.save_session(record)
    history.set_note(record.id, "Next time: lead with the [bold]deadlock[/] story, then numbers.")
    history.save_session(make_record(tui_deck, ["nothing relevant"], [2],
                                     started="2026-11-21T18:00:00+00:00"))
    # Wide enough for the whole snippet (narrower, its end is cut with an ellipsis).
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("h")
        await app.workers.wait_for_complete()
        await pilot.press("slash", *"deadlock", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        hits = app.screen.query_one("#hits", FittedTable)
        assert hits.has_focus and hits.row_count == 1
        assert "1 note contains “deadlock”" in screen_text(app)
        about, snippet = (hits.get_row_at(0)[i] for i in (1, 2))
        assert about.plain == f"Session note · {tui_deck.title}"
        assert snippet.plain == ("note: Next time: lead with the [bold]«deadlock»[/] story, "
                                 "then numbers.")  # content, never markup
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen) and app.screen.record.id == record.id
