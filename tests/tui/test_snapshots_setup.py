"""SVG snapshots of the setup screen at 80×24 and 120×40 (issue 16 items 1 and 6).

Five decks with the bundled decks' titles (the longest is what used to be cut at
80 columns), a fixed seed, and a remembered setup, as a returning user sees it.
Update with `pytest --snapshot-update tests/tui/test_snapshots_setup.py` after a
deliberate change of look, and look at the SVGs before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mockint.core.session import SessionConfig
from mockint.core.setups import Setups
from mockint.storage.decks import DeckEntry, DeckStore
from mockint.storage.presets import save_setups
from mockint.tui.app import make_app

TITLES = {
    "behavioral": "Behavioral and introduction",
    "django": "Django & DRF: technical",
    "python": "Python fundamentals for backend work",
    "ask": "Questions to ask the interviewer",
    "design": "System design and scenarios",
}


@pytest.fixture
def setup_app(tui_deck, clock, monkeypatch):
    monkeypatch.setattr("mockint.tui.screens.setup.new_seed", lambda: 4242)
    decks = [tui_deck.model_copy(update={"id": key, "title": title})
             for key, title in TITLES.items()]
    save_setups(Setups().remember(SessionConfig(
        deck_ids=["django", "python"], count=6, time_limit=150, mode="mock",
        order="shuffled")))
    store = DeckStore([DeckEntry(Path(f"{d.id}.toml"), "path", d) for d in decks])
    return make_app(decks=store, clock=clock)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_setup(snap_compare, setup_app, size):
    assert snap_compare(setup_app, terminal_size=size, press=["s", "tab"])


def test_setup_more_choices_open(snap_compare, setup_app):
    async def run_before(pilot) -> None:
        await pilot.press("s")
        await pilot.click("#more CollapsibleTitle")
        await pilot.pause()

    assert snap_compare(setup_app, terminal_size=(120, 40), run_before=run_before)
