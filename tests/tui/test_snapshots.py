"""SVG snapshots of the main screens, on fixed data and a fixed clock.

Update after a deliberate change of look with `pytest --snapshot-update`, and
look at the new SVGs (snapshot_report.html) before committing them.
"""

from __future__ import annotations

import pytest

from mockint.core.session import SessionConfig
from tests.helpers import interview_at

ANSWER = (
    "Slicing a queryset like qs[0:10] adds LIMIT 10 to the SQL. The queryset is lazy, so "
    "nothing hits the database until I iterate. [bold]This stays literal[/bold]."
)


def reveal_of(config: SessionConfig, keys: tuple[str, ...] = ()):
    async def run_before(pilot) -> None:
        await interview_at(config, 95, ANSWER)(pilot)
        await pilot.press("ctrl+s")
        await pilot.app.workers.wait_for_complete()  # the analysis pre-ticks the checklists
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


PRACTICE = SessionConfig(deck_ids=["tui"], mode="practice")
BEHAVIORAL = SessionConfig(deck_ids=["tui"], mode="mock", categories=["behavioral"])


def test_home(snap_compare, app):
    assert snap_compare(app, terminal_size=(120, 40))


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_interview(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=interview_at(PRACTICE, 95, ANSWER))


def test_interview_overtime_mock(snap_compare, app):
    run_before = interview_at(BEHAVIORAL, 200, "At my last job I disagreed with a colleague.")
    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_reveal(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=reveal_of(PRACTICE, ("space", "3")))


def test_reveal_behavioral_star(snap_compare, app):
    assert snap_compare(app, terminal_size=(120, 40), run_before=reveal_of(BEHAVIORAL))


def test_summary(snap_compare, app):
    async def run_before(pilot) -> None:
        await reveal_of(PRACTICE, ("3", "n"))(pilot)
        await pilot.press("ctrl+n", "n", "ctrl+n", "n")
        await pilot.app.workers.wait_for_complete()  # the comparison with last time
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


@pytest.fixture(autouse=True)
def utc(local_zone):
    """History dates show in local time; pin it so the snapshots match anywhere."""
    local_zone("UTC")


def test_history(snap_compare, app, filled_history):
    assert snap_compare(app, terminal_size=(120, 40), press=["h"])


def test_recorded_answer(snap_compare, app, filled_history):
    assert snap_compare(app, terminal_size=(120, 40), press=["h", "enter", "enter"])


@pytest.fixture
def fixed_ids(monkeypatch):
    """Session ids in order instead of random ones: the compare headers show them."""
    import itertools
    import uuid

    counter = itertools.count(1)
    monkeypatch.setattr(uuid, "uuid4", lambda: uuid.UUID(int=next(counter) * 0x1111 << 96))


def test_compare_attempts(snap_compare, fixed_ids, app, filled_history):
    """The last two attempts at a question: headers, the marked word diff, the change table."""
    assert snap_compare(app, terminal_size=(120, 40), press=["h", "enter", "enter", "t", "c"])


def test_question_timeline(snap_compare, app, filled_history):
    """A question's story: trend charts with their figures, the next review, the attempts."""

    async def run_before(pilot) -> None:
        await pilot.press("h", "enter", "enter", "t")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_decks_screen(snap_compare, app):
    assert snap_compare(app, terminal_size=(120, 40), press=["d"])


def test_deck_editor_and_question_form(snap_compare, tui_store, clock, mockint_home):
    from pathlib import Path

    from mockint.storage.decks import save_deck
    from mockint.tui.app import make_app

    path = Path(mockint_home, "decks", "tui.toml")
    save_deck(tui_store.get("tui"), path)
    editor = make_app(decks=tui_store, clock=clock, edit_deck=path)
    assert snap_compare(editor, terminal_size=(120, 40))


def test_question_form_with_a_problem(snap_compare, tui_store, clock, mockint_home):
    from pathlib import Path

    from mockint.storage.decks import save_deck
    from mockint.tui.app import make_app

    path = Path(mockint_home, "decks", "tui.toml")
    save_deck(tui_store.get("tui"), path)

    async def run_before(pilot) -> None:
        await pilot.press("enter")
        await pilot.pause()
        pilot.app.screen.query_one("#time_limit").value = "soon"
        for area in pilot.app.screen.query("TextArea"):
            area.cursor_blink = False
        await pilot.pause()

    editor = make_app(decks=tui_store, clock=clock, edit_deck=path)
    assert snap_compare(editor, terminal_size=(120, 40), run_before=run_before)


def test_stats(snap_compare, tui_store, clock, history, tui_deck):
    from datetime import UTC, datetime, timedelta

    from mockint.tui.app import make_app
    from tests.helpers import seed_reviews

    now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    for days_ago, ratings in ((9, [1, 2]), (5, [2, 3]), (2, [3, 3]), (0, [4, 2])):
        seed_reviews(history, tui_deck, ratings, now - timedelta(days=days_ago))
    app = make_app(decks=tui_store, clock=clock, history=history, now=lambda: now)

    async def run_before(pilot) -> None:
        await pilot.press("t")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


@pytest.mark.parametrize("theme", ["mockint-dark", "mockint-light", "high-contrast",
                                   "colorblind-safe"])
def test_interview_in_each_bundled_theme(snap_compare, tui_store, clock, theme):
    from mockint.storage.settings import Settings
    from mockint.tui.app import make_app

    app = make_app(decks=tui_store, clock=clock, settings=Settings(theme=theme))
    assert snap_compare(app, terminal_size=(120, 40),
                        run_before=interview_at(BEHAVIORAL, 100, "At my last job I disagreed."))


def test_import_dialog_preview(snap_compare, app, monkeypatch):
    from pathlib import Path

    from textual.widgets import Input

    monkeypatch.chdir(Path(__file__).resolve().parents[1] / "data" / "import" / "shapes")

    async def run_before(pilot) -> None:
        await pilot.press("d", "i", *"list_after_intro.md", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        pilot.app.screen.query_one("#path", Input).cursor_blink = False

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)
