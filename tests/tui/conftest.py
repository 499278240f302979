"""Fixtures for Pilot and snapshot tests: a fixed deck, a fake clock, the app factory."""

from __future__ import annotations

from pathlib import Path

import pytest

from mockint.core.deck import Deck
from mockint.core.timing import FakeClock
from mockint.storage.decks import DeckEntry, DeckStore
from mockint.tui.app import MockintApp, make_app
from tests.helpers import make_record

# Deck text is content, never markup: this prompt must show exactly as written.
MARKUP_PROMPT = "What does [bold]qs[0:10][/] do? And \x1b[31mthis[/]?"

TUI_DECK = {
    "schema": 1,
    "id": "tui",
    "title": "TUI test deck",
    "description": "Three questions for screen tests.",
    "time_limit": 120,
    "interviewer": {"name": "Priya Raman", "role": "Senior backend engineer"},
    "questions": [
        {
            "id": "slicing",
            "category": "technical",
            "level": "junior",
            "topics": ["orm"],
            "prompt": MARKUP_PROMPT,
            "why_asked": "They check you know querysets are lazy [and sliced in SQL].",
            "tip": "Mention LIMIT and OFFSET.",
            "sample_answer": "Slicing a queryset adds LIMIT 10 to the SQL; nothing runs until "
                             "you iterate. [red]Not markup[/red].",
            "key_points": [
                {"point": "Slicing becomes LIMIT/OFFSET", "cues": ["limit", "offset"]},
                {"point": "Querysets are lazy", "cues": ["lazy"]},
            ],
            "follow_ups": ["What happens with a negative index?"],
        },
        {
            "id": "disagreement",
            "category": "behavioral",
            "level": "mid",
            "topics": ["teamwork"],
            "prompt": "Tell me about a time you disagreed with a colleague.",
            "why_asked": "Conflict handling.",
            "tip": "Pick a real, low-drama example.",
            "sample_answer": "At my last job a colleague wanted to cache everything; I measured "
                             "first and we cached two endpoints, cutting p95 by 40%.",
            "key_points": [{"point": "Names the disagreement", "cues": ["disagreed"]}],
            "star": {"situation": "Set the scene", "task": "Your part", "action": "What you did",
                     "result": "The outcome"},
        },
        {
            "id": "high-traffic",
            "category": "system-design",
            "level": "senior",
            "topics": ["scaling"],
            "prompt": "How would you design a Django app for high traffic?",
            "sample_answer": "Measure, cache, scale out stateless app servers, queue slow work.",
            "key_points": [{"point": "Stateless app servers", "cues": ["stateless"]}],
            "framework": ["Clarify the load", "Find the bottleneck", "Cache", "Scale out"],
        },
    ],
}


@pytest.fixture
def tui_deck() -> Deck:
    return Deck.model_validate(TUI_DECK)


@pytest.fixture
def tui_store(tui_deck: Deck) -> DeckStore:
    return DeckStore([DeckEntry(Path("tui.toml"), "path", tui_deck)])


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def app(tui_store: DeckStore, clock: FakeClock) -> MockintApp:
    """The app on the test deck, with a fresh history under MOCKINT_HOME."""
    return make_app(decks=tui_store, clock=clock)


@pytest.fixture
def history(mockint_home):
    from mockint import paths
    from mockint.storage.history import HistoryStore

    store = HistoryStore.open(paths.history_db_path())
    yield store
    store.close()


@pytest.fixture
def filled_history(history, tui_deck):
    """Three finished sessions over three days: the same first question answered each time."""
    for day, (texts, ratings) in enumerate([
        (["first try at slicing", "a story"], [1, 2]),
        (["second try: LIMIT and lazy", "a better story"], [3, 3]),
        (["third try: LIMIT, OFFSET, lazy evaluation", "best story"], [4, None]),
    ]):
        history.save_session(make_record(tui_deck, texts, ratings,
                                         started=f"2026-11-{20 + day}T18:00:00+00:00"))
    return history


# A full interview needs intro and ask-them questions too (the TUI deck has neither).
OPENING_DECK = {
    "schema": 1, "id": "opening", "title": "Openings and endings", "time_limit": 90,
    "questions": [
        {"id": "about-you", "category": "intro", "prompt": "Walk me through your background."},
        {"id": "team-ask", "category": "ask-them",
         "prompt": "Ask how the team shares on-call work.",
         "sample_answer": "\"How is on-call shared?\"\n\nWhat to listen for:\n- a fair rota"},
        {"id": "growth-ask", "category": "ask-them", "prompt": "Ask how people grow here."},
    ],
}


@pytest.fixture
def full_store(tui_deck) -> DeckStore:
    """The TUI deck and the openings deck: every section of a full interview."""
    return DeckStore([DeckEntry(Path("tui.toml"), "path", tui_deck),
                      DeckEntry(Path("opening.toml"), "path", Deck.model_validate(OPENING_DECK))])


@pytest.fixture
def full_app(full_store, clock) -> MockintApp:
    return make_app(decks=full_store, clock=clock)


@pytest.fixture(autouse=True)
def no_real_speaker(monkeypatch: pytest.MonkeyPatch) -> None:
    """Screens look the same whether or not this machine has espeak-ng: tests that want a
    speaker set `speaker_command` to a fake one (tests/helpers.py `fake_speaker`)."""
    monkeypatch.setattr("mockint.tui.speaker.DEFAULT_SPEAKER", "mockint-tests-have-no-espeak")
