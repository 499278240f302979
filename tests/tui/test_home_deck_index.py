"""Home lists decks from the deck index and flags a broken deck as soon as it is known."""

from __future__ import annotations

import tomli_w

from mockint import paths
from mockint.storage.decks import DeckStore
from mockint.tui.app import make_app
from mockint.tui.widgets.fitted_table import FittedTable


def deck_cells(app) -> list[tuple[str, str]]:
    table = app.screen.query_one("#decks", FittedTable)
    return [(str(table.get_row_at(i)[0]), str(table.get_row_at(i)[1]))
            for i in range(table.row_count)]


async def test_a_deck_failing_validation_gets_its_flag_after_the_first_frame(deck_data):
    deck_data["title"] = "My flawed deck"
    deck_data["questions"][0]["category"] = "trivia"  # parses, but is not a category
    folder = paths.user_decks_dir()
    folder.mkdir(parents=True)
    (folder / "flawed.toml").write_text(tomli_w.dumps(deck_data), encoding="utf-8")
    app = make_app(use_history=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        cells = deck_cells(app)
        assert ("⚠ flawed.toml", "errors") in cells
        assert "Django & DRF: technical" in [title for title, _ in cells]
    # The next start knows it from the index, before any validation.
    again = make_app(use_history=False)
    entry = next(e for e in again.decks.entries if e.path.name == "flawed.toml")
    assert not entry.checked and not entry.ok
    assert "category" in entry.problems[0].place


async def test_a_start_with_a_warm_index_validates_nothing_until_a_deck_is_used():
    DeckStore.discover(index=True).check_pending()  # an earlier start validated them all
    app = make_app()  # with the history: the due count and recent sessions are shown too
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(deck_cells(app)) == len(app.decks.entries) > 0
        assert not any(e.checked for e in app.decks.entries)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "SetupScreen"
        assert app.decks.entries[0].checked


async def test_an_interview_from_the_command_line_validates_only_its_deck():
    from mockint.core.session import SessionConfig

    config = SessionConfig(deck_ids=["django-technical"], count=1)
    app = make_app(start_with=config, use_history=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert type(app.screen).__name__ == "InterviewScreen"
        assert [e.deck_id for e in app.decks.entries if e.checked] == ["django-technical"]
