"""Home's recent sessions: never an empty table while the history opens."""

from __future__ import annotations

from mockint import paths
from mockint.storage.history import HistoryStore
from mockint.tui.app import make_app
from tests.helpers import make_record


async def until_history_open(pilot) -> None:
    """Pause until the history, opened in the background as `mockint` does, is open."""
    for _ in range(100):
        await pilot.pause()
        if pilot.app.history is not None:
            break
    await pilot.pause()


async def test_the_recent_table_appears_with_its_first_rows_and_not_before(tui_deck):
    app = make_app(history_in_background=True)  # as `mockint` starts
    async with app.run_test(size=(120, 40)) as pilot:
        shown = [table for table in app.screen.query("#recent") if table.display]
        assert not shown  # the first frame: the history is still opening
        await until_history_open(pilot)
        recent = app.screen.query_one("#recent")
        assert not recent.display  # a new user: no sessions, only the hint
        assert "No sessions yet" in str(app.screen.query_one("#recent-hint").render())
    store = HistoryStore.open(paths.history_db_path())
    store.save_session(make_record(tui_deck, ["an answer"], [3]))
    store.close()
    again = make_app(history_in_background=True)
    async with again.run_test(size=(120, 40)) as pilot:
        await until_history_open(pilot)
        recent = again.screen.query_one("#recent")
        assert recent.display and recent.row_count == 1
