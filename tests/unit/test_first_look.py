"""`mockint run`'s first question before the models (issue 15): the same choice as the
session makes, from decks the index already knows are good, and the parsed-deck copy.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mockint.core import deck as deck_module
from mockint.core import first_look as first_look_module
from mockint.core.deck import CATEGORIES, LEVELS
from mockint.core.first_look import PendingInterview, Persona, first_look
from mockint.core.phases import InterviewError
from mockint.core.session import SessionConfig, select_questions
from mockint.storage import decks as decks_module
from mockint.storage.decks import DeckStore
from tests.conftest import REPO_ROOT

BUNDLED = sorted(p for p in (REPO_ROOT / "decks").glob("*.toml"))
DECK_IDS = ["django-technical", "python-fundamentals", "behavioral", "system-design"]


def _validated_store() -> DeckStore:
    store = DeckStore.discover(index=True)
    store.check_pending()
    return DeckStore.discover(index=True)  # a later start: the index knows the verdicts


@pytest.fixture(scope="module")
def bundled_data() -> dict[str, dict[str, Any]]:
    import tomllib

    return {data["id"]: data for data in
            (tomllib.loads(p.read_text(encoding="utf-8")) for p in BUNDLED)}


def test_the_default_time_limit_is_the_deck_models_own():
    assert first_look_module.DEFAULT_TIME_LIMIT == deck_module.DEFAULT_TIME_LIMIT


@settings(max_examples=60, deadline=None)
@given(deck_ids=st.lists(st.sampled_from(DECK_IDS), min_size=1, max_size=3, unique=True),
       categories=st.lists(st.sampled_from(CATEGORIES), max_size=2, unique=True),
       levels=st.lists(st.sampled_from(LEVELS), max_size=2, unique=True),
       topics=st.lists(st.sampled_from(["orm", "ORM", "testing", "python", "async", "nosuch"]),
                       max_size=2),
       count=st.none() | st.integers(1, 12), seed=st.none() | st.integers(1, 99_999),
       time_limit=st.none() | st.integers(1, 600), mode=st.sampled_from(["practice", "mock"]))
def test_the_first_look_asks_what_the_session_will_ask(bundled_data, deck_ids, categories, levels,
                                                      topics, count, seed, time_limit, mode):
    fields = {"deck_ids": deck_ids, "mode": mode, "categories": categories, "levels": levels,
              "topics": topics, "count": count, "seed": seed,
              "order": "shuffled" if seed is not None else "deck", "time_limit": time_limit}
    decks = [deck_module.Deck.model_validate(bundled_data[i]) for i in deck_ids]
    asked = select_questions(decks, SessionConfig(**fields))
    if not asked:
        with pytest.raises(InterviewError, match="no questions match"):
            first_look([bundled_data[i] for i in deck_ids], fields)
        return
    look = first_look([bundled_data[i] for i in deck_ids], fields)
    first, real = look.first, asked[0]
    assert look.total == len(asked)
    assert (first.deck_id, first.question.id) == (real.deck_id, real.question.id)
    assert first.question.prompt == real.question.prompt
    assert (first.question.category, first.question.level) == (real.question.category,
                                                                real.question.level)
    assert first.time_limit == real.time_limit
    assert first.deck_title == real.deck_title
    assert (first.interviewer.name, first.interviewer.role) == (real.interviewer.name,
                                                                real.interviewer.role)


def test_the_settings_interviewer_asks_only_when_the_deck_names_none(deck_data):
    fields = {"deck_ids": [deck_data["id"]], "mode": "mock"}
    named = first_look([deck_data], fields)
    assert PendingInterview(named, Persona("Sam", "CTO")).current.interviewer.name == "Priya"
    unnamed = first_look([{k: v for k, v in deck_data.items() if k != "interviewer"}], fields)
    assert PendingInterview(unnamed, Persona("Sam", "CTO")).current.interviewer.name == "Sam"
    assert PendingInterview(unnamed).current.interviewer.name == "Alex"
    pending = PendingInterview(named)
    assert (pending.index, pending.total, pending.mode, pending.can_pause) == (0, 3, "mock", False)
    assert not pending.answer_clock.running, "the clock starts with the real interview"


def test_only_decks_the_index_knows_are_good_are_trusted_without_the_models(mockint_home: Path):
    store = DeckStore.discover(index=True)
    assert store.known_good_data(["django-technical"]) is None, "not validated yet"
    store = _validated_store()
    data = store.known_good_data(["python-fundamentals", "django-technical"])
    assert data is not None and [d["id"] for d in data] == ["python-fundamentals",
                                                            "django-technical"]
    assert store.known_good_data(["django-technical", "no-such-deck"]) is None


def test_a_broken_deck_is_never_trusted(mockint_home: Path, deck_data):
    folder = mockint_home / "decks"
    folder.mkdir(exist_ok=True)
    deck_data["questions"][0]["level"] = "wizard"
    import tomli_w

    (folder / "mine.toml").write_text(tomli_w.dumps(deck_data), encoding="utf-8")
    store = _validated_store()
    assert store.known_good_data([deck_data["id"]]) is None


def test_a_validated_deck_is_read_back_from_its_parsed_copy(mockint_home: Path,
                                                            monkeypatch: pytest.MonkeyPatch):
    _validated_store()

    def no_toml(path: Path):
        raise AssertionError(f"{path} was parsed again")

    monkeypatch.setattr(decks_module, "read_deck_data", no_toml)
    store = DeckStore.discover(index=True)
    data = store.known_good_data(["django-technical"])
    assert data is not None and data[0]["title"]
    assert store.get("django-technical").id == "django-technical", "validated from the copy"


def test_a_changed_deck_or_a_damaged_copy_is_read_from_the_file(mockint_home: Path, deck_data):
    import tomli_w

    folder = mockint_home / "decks"
    folder.mkdir(exist_ok=True)
    path = folder / "mine.toml"
    path.write_text(tomli_w.dumps(deck_data), encoding="utf-8")
    _validated_store()
    copies = list((mockint_home / "cache" / "deck-data").glob("*.json"))
    assert len(copies) == 6, "one parsed copy per valid deck (5 bundled + mine)"

    deck_data["title"] = "Renamed in an editor"
    path.write_text(tomli_w.dumps(deck_data), encoding="utf-8")
    store = _validated_store()
    assert store.get(deck_data["id"]).title == "Renamed in an editor"

    for copy in (mockint_home / "cache" / "deck-data").glob("*.json"):
        raw = json.loads(copy.read_text(encoding="utf-8"))
        if raw["data"]["id"] == deck_data["id"]:
            raw["data"]["title"] = "Tampered"
            raw["stamp"][0] += 1  # a copy of another version of the file
            copy.write_text(json.dumps(raw), encoding="utf-8")
        else:
            copy.write_text("{not json", encoding="utf-8")
    store = DeckStore.discover(index=True)
    assert store.known_good_data([deck_data["id"]])[0]["title"] == "Renamed in an editor"
    assert store.get("django-technical").title  # a damaged copy: the file is read instead
