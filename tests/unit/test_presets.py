"""Presets and the remembered setup: what each preset starts, and the file they live in."""

from __future__ import annotations

import pytest

from mockint import paths
from mockint.core.deck import CATEGORIES
from mockint.core.presets import BUILTIN_PRESETS, check_name, preset_config, presets
from mockint.core.session import SessionConfig
from mockint.core.setups import Setups
from mockint.storage.presets import (
    SetupsProblem,
    load_setups,
    save_setups,
    saved_preset_names,
)

EVERY = ["tui", "other"]


def builtin(name: str):
    return next(p for p in BUILTIN_PRESETS if p.name == name)


def test_builtin_presets_start_what_their_titles_say():
    assert [p.title for p in BUILTIN_PRESETS][:2] == ["Quick 5: mixed, shuffled, practice",
                                                      "Mock: 8 questions, strict"]
    quick = preset_config(builtin("Quick 5"), EVERY, None, "mock")
    assert (quick.kind, quick.count, quick.order, quick.mode, quick.deck_ids) == (
        "mixed", 5, "shuffled", "practice", EVERY)
    assert set(CATEGORIES) - set(quick.categories) == {"ask-them"}
    mock = preset_config(builtin("Mock"), EVERY, None, "practice")
    assert (mock.kind, mock.count, mock.mode) == ("custom", 8, "mock")
    assert set(CATEGORIES) - set(mock.categories) == {"ask-them"}  # not the ones you ask
    due = preset_config(builtin("Due now"), EVERY, None, "mock")
    assert (due.kind, due.mode, due.count) == ("due", "mock", None)  # settings decide
    assert due.categories == []  # whatever is due, as `p` on home


def test_mock_uses_the_remembered_decks_and_filters_of_a_custom_setup():
    setups = Setups().remember(SessionConfig(deck_ids=["other", "gone"], levels=["senior"],
                                             count=3, mode="practice", seed=7))
    mock = preset_config(builtin("Mock"), EVERY, setups, "practice")
    assert (mock.deck_ids, mock.levels, mock.count, mock.mode, mock.seed) == (
        ["other"], ["senior"], 8, "mock", None)


def test_saved_presets_follow_the_builtin_ones_and_keep_no_seed():
    setups = Setups().with_preset("Backend", SessionConfig(deck_ids=["tui", "gone"], count=1,
                                                           seed=99, mode="mock"))
    setups = setups.with_preset("backend ", SessionConfig(deck_ids=["tui"], count=2))  # replaces
    listed = presets(setups)
    assert [p.name for p in listed] == [p.name for p in BUILTIN_PRESETS] + ["backend"]
    assert listed[-1].title == "backend: 2 questions, practice, deck"
    config = preset_config(listed[-1], EVERY, setups, "mock")
    assert (config.deck_ids, config.count, config.seed) == (["tui"], 2, None)
    assert presets(setups.without_preset("BACKEND")) == list(BUILTIN_PRESETS)
    save_setups(setups)
    assert saved_preset_names() == ["backend"]  # home's list, read without validating


@pytest.mark.parametrize("name, problem", [
    ("", "Give the preset a name."),
    ("mock", "“mock” is a built-in preset; choose another name."),
    ("x" * 41, "A preset name has at most 40 characters."),
    ("Backend mock", None),
])
def test_preset_names(name, problem):
    assert check_name(name) == problem


def test_the_file_round_trips_without_seeds_and_a_bad_one_is_kept_aside():
    setups = Setups().remember(SessionConfig(deck_ids=["tui"], count=4, seed=123, kind="due",
                                             time_limit=90, order="shuffled"))
    assert save_setups(setups) is None
    text = paths.setups_path().read_text(encoding="utf-8")
    assert "seed" not in text and "warning_fraction" not in text
    again = load_setups()
    assert again.last_kind == "due" and again.remembered() == setups.remembered()

    paths.setups_path().write_text('last_kind = "due"\n[last.due]\ncount = 0\n',
                                   encoding="utf-8")
    with pytest.raises(SetupsProblem, match=r"setups.toml: last.due.deck_ids: Field required"):
        load_setups()
    broken = 'version = 1\nlast_kind = "due\n'
    paths.setups_path().write_text(broken, encoding="utf-8")
    with pytest.raises(SetupsProblem, match=r"setups.toml: line 2, column \d+"):
        load_setups()
    kept = save_setups(setups)
    assert kept is not None and kept.read_text(encoding="utf-8") == broken
    assert load_setups() == again
