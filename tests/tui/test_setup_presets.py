"""Pilot tests of the setup screen (issue 16 item 1): the remembered setup, presets
on home and in the palette, the 80×24 layout, the focus ring, and Ctrl+S typed
straight after a digit."""

from __future__ import annotations

import inspect
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rich.segment import Segment
from textual import events
from textual.geometry import Region
from textual.widgets import Collapsible, Input, RadioButton, SelectionList

from mockint import paths
from mockint.core.deck import Deck
from mockint.core.presets import BUILTIN_PRESETS
from mockint.core.session import SessionConfig
from mockint.storage.decks import DeckEntry, DeckStore
from mockint.storage.presets import load_setups, save_setups
from mockint.tui.app import make_app
from mockint.tui.screens.ask_text import AskTextScreen
from mockint.tui.screens.home import HomeScreen
from mockint.tui.screens.interview import InterviewScreen
from mockint.tui.screens.setup import SetupScreen
from tests.helpers import REPO_ROOT, seed_reviews

SIZE = (120, 40)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def two_decks(tui_deck: Deck) -> DeckStore:
    """The test deck and a second one, "Other", whose title is long."""
    other = tui_deck.model_copy(update={"id": "other",
                                        "title": "Python fundamentals for backend work too"})
    return DeckStore([DeckEntry(Path("tui.toml"), "path", tui_deck),
                      DeckEntry(Path("other.toml"), "path", other)])


def form(app) -> dict:
    """What the setup form shows, as a person reads it."""
    screen = app.screen
    assert isinstance(screen, SetupScreen)
    return {
        "decks": sorted(screen.query_one("#decks", SelectionList).selected),
        "count": screen.query_one("#count", Input).value,
        "seconds": screen.query_one("#seconds", Input).value,
        "mock": screen.query_one("#mode-mock", RadioButton).value,
        "shuffled": screen.query_one("#order-shuffled", RadioButton).value,
    }


async def burst(pilot, keys: list[str]) -> None:
    """Keys sent as a fast typist's terminal sends them: without waiting in between."""
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(pilot.app)
        pilot.app._driver.send_message(event)
    await pilot.pause()


async def test_the_setup_starts_from_the_last_one_of_its_kind_after_a_restart(tui_deck, clock):
    store = two_decks(tui_deck)
    app = make_app(decks=store, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "s")  # nothing remembered yet: the deck under the cursor
        assert form(app) == {"decks": ["other"], "count": "5", "seconds": "", "mock": False,
                             "shuffled": True}
        # Shuffled by default, and the seed is in view (folded title) and editable.
        seed = app.screen.query_one("#seed", Input).value
        assert seed.isdigit()
        assert f"shuffled, seed {seed}" in str(app.screen.query_one("#more", Collapsible).title)
        app.screen.query_one("#decks", SelectionList).select("tui")
        app.screen.query_one("#seconds", Input).value = "45"
        await pilot.click("#mode-mock")
        app.screen.query_one("#decks").focus()
        await pilot.press("tab")  # one Tab from the decks reaches Questions
        assert app.focused is app.screen.query_one("#count")
        await pilot.press("backspace")
        # "2" and Ctrl+S arrive together, as from a fast typist: Start once read the
        # field before the digit was in it, and asked every question ("count": null).
        await burst(pilot, ["2", "ctrl+s"])
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        config = app.interview.config
        assert (config.count, app.interview.total, config.order) == (2, 2, "shuffled")
        await app.workers.wait_for_complete()
    assert load_setups().remembered().count == 2
    # A practice session of new questions was the last one set up, with one question.
    save_setups(load_setups().remember(SessionConfig(deck_ids=["tui"], kind="new", count=1)))

    again = make_app(decks=store, clock=clock)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("s")  # the kind used last, as it was
        assert again.screen.query_one("#kind-new", RadioButton).value
        assert form(again)["count"] == "1"
        await pilot.click("#kind-custom")  # custom: its own last setup, whatever the cursor
        assert form(again) == {"decks": ["other", "tui"], "count": "2", "seconds": "45",
                               "mock": True, "shuffled": True}
        # A new seed each time: the same setup does not open on the same questions.
        assert again.screen.query_one("#seed", Input).value.isdigit()
        await pilot.press("escape", "down", "enter")  # Enter on a deck: that deck only
        assert form(again)["decks"] == ["other"]


async def test_a_broken_setups_file_is_reported_and_ignored(app, mockint_home):
    path = paths.setups_path()
    path.parent.mkdir(parents=True)
    path.write_text('last_kind = "custom"\n[last.custom]\ncount = "many"\n', encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, SetupScreen)
        assert form(app)["count"] == "5"  # the defaults
        said = [n.message for n in app._notifications]
        assert any("setups.toml" in m and "last.custom" in m for m in said), said
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
    assert load_setups().remembered().count == 5  # a good file now…
    assert list(path.parent.glob("setups.toml.invalid-*"))  # …and the bad one kept


async def test_presets_start_from_home_keys_and_the_palette(tui_store, clock, history,
                                                            tui_deck):
    seed_reviews(history, tui_deck, [1, 2], NOW - timedelta(days=3))  # two are due
    app = make_app(decks=tui_store, clock=clock, history=history, now=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = str(app.screen.query_one("#presets").render())
        assert shown == "1 Quick 5 · 2 Mock · 3 Due now · 4 Full interview"
        started = {}
        for key in "1234":
            await pilot.press(key)
            assert isinstance(app.screen, InterviewScreen), key
            config = app.interview.config
            started[key] = (config.kind, config.mode, config.count, config.order)
            await pilot.press("ctrl+q", "y", "escape")  # leave it, back home
            assert isinstance(app.screen, HomeScreen)
        assert started == {"1": ("mixed", "practice", 5, "shuffled"),
                           "2": ("custom", "mock", 8, "shuffled"),
                           "3": ("due", "practice", None, "shuffled"),
                           "4": ("full", "practice", None, "shuffled")}

        # Save a setup of one's own: it becomes preset 5, on home and in the palette.
        await pilot.press("s")
        await pilot.click("#mode-mock")
        app.screen.query_one("#count", Input).value = "1"
        await pilot.press("f6")
        assert isinstance(app.screen, AskTextScreen)
        app.screen.query_one(Input).value = "Quick 5"
        await pilot.press("enter")  # a built-in name is refused
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("f6")
        app.screen.query_one(Input).value = "One hard one"
        await pilot.press("enter")
        await pilot.press("escape")
        await pilot.pause()
        assert str(app.screen.query_one("#presets").render()).endswith("· 5 One hard one")
        titles = {c.title: c for c in app.get_system_commands(app.screen)}
        for preset in BUILTIN_PRESETS:
            assert preset.title in titles
        assert "Start interview" in titles
        assert "One hard one: 1 question, mock, shuffled" in titles
        await pilot.press("5")
        assert isinstance(app.screen, InterviewScreen)
        assert (app.interview.config.mode, app.interview.total) == ("mock", 1)
        await pilot.press("ctrl+q", "y", "escape")

        # Deleted from the palette (after a yes); the number is free again.
        await run(titles["Delete preset: One hard one"])
        await pilot.press("y")
        await app.workers.wait_for_complete()
        assert "One hard one" not in str(app.screen.query_one("#presets").render())
        assert [p.name for p in load_setups().presets] == []
        await run(titles["Start interview"])
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)


async def test_setup_fits_80x24_and_shows_focus_without_colour(tui_deck, clock, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(decks=two_decks(tui_deck), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.no_color
        await pilot.press("s")
        screen = app.screen
        # Decks, Questions, Seconds, Mode and Start in view without scrolling.
        assert screen.query_one("#setup-form").max_scroll_y == 0
        for name in ("#decks", "#count", "#seconds", "#mode", "#start"):
            region = screen.query_one(name).region
            assert Region(0, 0, 80, 23).contains_region(region), name
        # Deck names whole at 80 columns.
        lines = "\n".join(text(line) for line in render(screen.query_one("#decks")))
        assert "Python fundamentals for backend work too (3)" in lines

        # Every focusable widget looks different focused, by more than colour.
        await pilot.click("#more CollapsibleTitle")  # the folded widgets too
        chain = list(screen.focus_chain)
        assert len(chain) >= 10
        looks: list[list] = []  # looks[i][j]: widget j while widget i has focus
        for widget in chain:
            widget.focus()
            await pilot.pause()
            looks.append([shape(w) for w in chain])
        for i, widget in enumerate(chain):
            other = (i + 1) % len(chain)
            assert looks[i][i] != looks[other][i], widget
        # Themes change colours only: without colour every bundled theme draws
        # the same shapes, the focus ring included.
        themes = sorted(p.stem for p in (REPO_ROOT / "themes").glob("*.toml"))
        assert len(themes) >= 4
        for theme in themes:
            app.theme = theme
            await pilot.pause()
            assert [shape(w) for w in chain] == looks[-1], theme


async def run(command) -> None:
    """What the palette does with a chosen command (a key's action is awaitable)."""
    result = command.callback()
    if inspect.isawaitable(result):
        await result


def render(widget) -> list[list[Segment]]:
    return [list(strip) for strip in widget.render_lines(Region(0, 0, *widget.outer_size))]


def text(line: list[Segment]) -> str:
    return "".join(segment.text for segment in line)


def shape(widget) -> list[tuple[str, object]]:
    """The widget as drawn, with every colour removed: what NO_COLOR leaves."""
    return [(segment.text, segment.style.without_color if segment.style else None)
            for line in render(widget) for segment in line]
