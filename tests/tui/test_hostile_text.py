"""Hostile text in every field a user or a deck author controls never crashes or styles.

Names, titles and paths reach border titles, Select options, notifications and
table cells. Each of those parses markup when given a plain str: an
interviewer called `Sam [/]` crashed the interview, a deck titled with `[/]`
crashed the history's deck filter, a MOCKINT_HOME with `[/x]` crashed the
start-up notice, and `[red]Sam` showed red. Every screen is walked here with
such strings in a deck, the settings, a session note and the data path.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Select, TextArea

from mockint.core.deck import Deck
from mockint.core.display import visible
from mockint.core.session import SessionConfig
from mockint.core.timing import FakeClock
from mockint.storage.decks import DeckEntry, DeckStore
from mockint.storage.settings import Settings
from mockint.tui.app import make_app
from mockint.tui.screens.interview import InterviewScreen
from mockint.tui.screens.reveal import RevealScreen
from mockint.tui.widgets.interviewer_panel import InterviewerPanel

HOSTILE = ["[/]", "[red]x", "\x1b]2;PWNED\x07", "\u202e", "\u200b", "\x9b"]
H = " ".join(HOSTILE)
RAW = ("\x1b", "\x07", "\u202e", "\u200b", "\x9b")  # must never reach the terminal as they are


def hostile_deck(deck_id: str, interviewer: bool) -> Deck:
    return Deck.model_validate({
        "schema": 1, "id": deck_id, "title": f"Deck {H}", "description": H, "time_limit": 60,
        **({"interviewer": {"name": f"Sam {H}", "role": H}} if interviewer else {}),
        "questions": [{
            "id": "q1", "category": "behavioral", "level": "mid", "topics": [H],
            "prompt": f"Prompt {H}", "why_asked": H, "tip": H, "sample_answer": H,
            "key_points": [{"point": H, "cues": ["x"]}], "follow_ups": [f"Follow {H}"],
            "star": {"situation": H, "task": H, "action": H, "result": H},
            "framework": [H],
        }],
    })


@pytest.fixture
def hostile_home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "home [/x] \x1b]2;t\x07"  # `[/` and `x] …` are two folders
    home.mkdir(parents=True)
    monkeypatch.setenv("MOCKINT_HOME", str(home))
    return home


def assert_drawn_safely(app) -> None:
    shown = app.export_screenshot()
    for raw in RAW:
        assert raw not in shown, (raw, type(app.screen).__name__)


async def test_every_screen_shows_hostile_deck_settings_note_and_path_text(hostile_home):
    decks = DeckStore([DeckEntry(Path(f"{H}.toml"), "path", hostile_deck("with-persona", True)),
                       DeckEntry(Path("plain.toml"), "path", hostile_deck("no-persona", False))])
    settings = Settings(interviewer_name=f"[red]Sam {H}", interviewer_role=H, theme="[/]")
    app = make_app(decks=decks, clock=FakeClock(), settings=settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert_drawn_safely(app)  # home, with the start-up notice about the theme
        for deck_id, persona in (("with-persona", f"Sam {H}"), ("no-persona", f"[red]Sam {H}")):
            app.flow.start(SessionConfig(deck_ids=[deck_id]))
            await pilot.pause()
            panel = app.screen.query_one(InterviewerPanel)
            assert panel._border_title is not None
            assert panel._border_title.plain.startswith(visible(persona))  # literal, not red
            assert not panel._border_title.spans
            await pilot.press("f3")
            assert_drawn_safely(app)
            app.screen.query_one("#answer", TextArea).text = f"my answer {H}"
            await pilot.press("ctrl+s")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, RevealScreen)
            assert_drawn_safely(app)
            await pilot.press("3", "f")
            assert isinstance(app.screen, InterviewScreen)  # the follow-up
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("n")
            assert_drawn_safely(app)  # the summary
            app.flush_saves()
            app.history.set_note(app.interview.record.id, f"note {H}")
            await pilot.press("h")
        for keys in (["s"], ["h"], ["h", "enter"], ["h", "enter", "enter"],
                     ["h", "enter", "enter", "t"], ["t"], ["d"], ["o"], ["f1"]):
            await pilot.press(*keys)
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert_drawn_safely(app)
            if keys == ["h"]:  # the deck filter lists the hostile titles: open it
                app.screen.query_one("#deck", Select).focus()  # its choices are read then
                await pilot.pause()
                app.screen.query_one("#deck", Select).expanded = True
                await pilot.pause()
                assert_drawn_safely(app)
                app.screen.query_one("#deck", Select).expanded = False
            app.nav.home()
            await pilot.pause()
    assert app.return_code in (None, 0)


async def test_a_data_path_with_markup_does_not_crash_the_start_up_notice(hostile_home):
    # A history file that is not one: the start-up notice names its path.
    (hostile_home / "data").mkdir()
    (hostile_home / "data" / "history.sqlite3").write_text("not a database " * 100)
    app = make_app(decks=DeckStore([]), clock=FakeClock(), settings=Settings())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        notes = [n for n in app._notifications if n.title == "History unavailable"]
        assert notes and "[/x]" in notes[0].message and "\x1b" not in notes[0].message
        assert_drawn_safely(app)
