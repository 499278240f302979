"""Settings and theme files are read through parsed copies; never a stale or a broken one.

Also: every TOML or JSON file a person (or a damaged cache) can hand mockint,
nested too deeply for the parser, is a clear problem naming the file, not a
RecursionError traceback.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from mockint import paths
from mockint.storage.toml_copies import COPIES_FOLDER, TomlSyntaxError, load_toml

DEEP = "value = " + "[" * 3000 + "]" * 3000 + "\n"
LONG_AGO = time.time() - 3600


def _settled(path: Path, text: str, when: float = LONG_AGO) -> Path:
    """`text` written to `path`, last changed an hour ago (as files on disk mostly are)."""
    path.write_text(text, encoding="utf-8")
    os.utime(path, (when, when))
    return path


def _copies() -> list[Path]:
    folder = paths.cache_dir() / COPIES_FOLDER
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def test_a_settled_file_is_read_from_its_copy_without_tomllib(tmp_path, monkeypatch):
    theme = _settled(tmp_path / "ocean.toml", 'name = "ocean"\nprimary = "#123456"\n')
    assert load_toml(theme) == {"name": "ocean", "primary": "#123456"}
    assert len(_copies()) == 1
    monkeypatch.setitem(sys.modules, "tomllib", None)  # any import of it now fails
    assert load_toml(theme) == {"name": "ocean", "primary": "#123456"}


def test_a_changed_file_is_parsed_again(tmp_path):
    settings_file = _settled(tmp_path / "settings.toml", 'theme = "mockint-dark"\n')
    assert load_toml(settings_file)["theme"] == "mockint-dark"
    _settled(settings_file, 'theme = "ocean-wide"\n', LONG_AGO + 60)  # other size, later
    assert load_toml(settings_file)["theme"] == "ocean-wide"
    _settled(settings_file, 'theme = "ocean-deep"\n', LONG_AGO + 120)  # same size, later
    assert load_toml(settings_file)["theme"] == "ocean-deep"


def test_a_file_changed_just_now_gets_no_copy(tmp_path):
    # Two edits of the same size within one tick of the file system's clock would
    # keep the stamp: a file this fresh is always parsed.
    settings_file = tmp_path / "settings.toml"
    settings_file.write_text('theme = "a"\n', encoding="utf-8")
    assert load_toml(settings_file) == {"theme": "a"}
    settings_file.write_text('theme = "b"\n', encoding="utf-8")
    assert load_toml(settings_file) == {"theme": "b"}
    assert _copies() == []


@pytest.mark.parametrize("damage", [
    "not json at all {", '{"file": 1}', "[" * 100_000 + "]" * 100_000,
    '{"file": "elsewhere.toml", "stamp": [0, 0], "data": {"theme": "stale"}}',
    "\udcff",
])
def test_a_damaged_copy_is_ignored_and_replaced(tmp_path, damage):
    settings_file = _settled(tmp_path / "settings.toml", 'theme = "mockint-light"\n')
    load_toml(settings_file)
    [copy] = _copies()
    copy.write_text(damage, encoding="utf-8", errors="surrogateescape")
    assert load_toml(settings_file) == {"theme": "mockint-light"}
    assert json.loads(copy.read_text(encoding="utf-8"))["data"] == {"theme": "mockint-light"}


def test_a_copy_for_another_stamp_is_not_used(tmp_path):
    settings_file = _settled(tmp_path / "settings.toml", 'theme = "mockint-light"\n')
    load_toml(settings_file)
    [copy] = _copies()
    raw = json.loads(copy.read_text(encoding="utf-8"))
    raw["stamp"][1] += 1
    raw["data"] = {"theme": "stale"}
    copy.write_text(json.dumps(raw), encoding="utf-8")
    assert load_toml(settings_file) == {"theme": "mockint-light"}


def test_bad_toml_is_an_error_with_its_place(tmp_path):
    broken = _settled(tmp_path / "settings.toml", 'theme = "ok"\nbell = maybe\n')
    with pytest.raises(TomlSyntaxError) as caught:
        load_toml(broken)
    assert caught.value.place == "line 2, column 8"
    assert str(caught.value).startswith("line 2, column 8: ")
    assert _copies() == []


def test_a_file_json_cannot_hold_is_parsed_each_time(tmp_path):
    plan = _settled(tmp_path / "plan.toml", "day = 2026-12-15\n")
    assert load_toml(plan) == {"day": dt.date(2026, 12, 15)}
    assert load_toml(plan) == {"day": dt.date(2026, 12, 15)}
    assert _copies() == []


def test_a_missing_file_is_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_toml(tmp_path / "nowhere.toml")


# --- nested too deeply: a clear problem, never a RecursionError --------------------


def test_deep_nesting_in_load_toml(tmp_path):
    with pytest.raises(TomlSyntaxError, match="nested too deeply"):
        load_toml(_settled(tmp_path / "deep.toml", DEEP))


def test_deep_nesting_in_the_settings_is_reported_and_the_defaults_used(mockint_home):
    from mockint.storage.settings import Settings, load_settings_or_defaults

    paths.settings_path().parent.mkdir(parents=True, exist_ok=True)
    paths.settings_path().write_text(DEEP.replace("value", "theme"), encoding="utf-8")
    loaded, problem = load_settings_or_defaults()
    assert loaded == Settings()
    assert problem is not None and "nested too deeply" in str(problem)
    assert str(paths.settings_path()) in str(problem)


def test_deep_nesting_in_a_theme_file_is_a_theme_problem(mockint_home):
    from mockint.storage.themes import load_theme_files

    deep = paths.user_themes_dir() / "deep.toml"
    deep.parent.mkdir(parents=True, exist_ok=True)
    deep.write_text(DEEP, encoding="utf-8")
    themes, problems = load_theme_files()
    assert [str(p) for p in problems] == ["deep.toml: arrays or tables nested too deeply to read"]
    assert {"mockint-dark", "mockint-light"} <= {theme.name for _, theme in themes}


def test_deep_nesting_in_the_saved_setups_and_interviews_is_their_problem(mockint_home):
    from mockint.storage.interviews import InterviewsProblem, interviews_path, load_calendar
    from mockint.storage.presets import SetupsProblem, load_setups, saved_preset_names

    for path in (paths.setups_path(), interviews_path()):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(DEEP, encoding="utf-8")
    with pytest.raises(SetupsProblem, match="nested too deeply"):
        load_setups()
    assert saved_preset_names() == []
    with pytest.raises(InterviewsProblem, match="nested too deeply"):
        load_calendar()


def test_a_deck_index_nested_too_deeply_is_rebuilt(mockint_home):
    from mockint.storage.decks import DeckStore

    DeckStore.discover(index=True)
    index = paths.cache_dir() / "deck-index.json"
    data_copies = list((paths.cache_dir() / "deck-data").glob("*.json"))
    for damaged in (index, *data_copies):
        damaged.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    store = DeckStore.discover(index=True)
    assert len(store.decks) == 5


# --- a property: through the copy, the data is what tomllib reads -------------------

_KEYS = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=8)
_SCALARS = st.one_of(
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20),
    st.integers(min_value=-(2**63), max_value=2**63 - 1), st.booleans(),
    st.floats(allow_nan=False), st.dates())
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, max_size=4)), max_leaves=12)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(_KEYS, _VALUES, max_size=6))
def test_through_its_copy_a_file_reads_as_tomllib_reads_it(document):
    import tomllib

    text = tomli_w.dumps(document)
    with tempfile.TemporaryDirectory() as folder:
        path = _settled(Path(folder) / "any.toml", text)
        cache = Path(folder) / "cache"
        first, second = load_toml(path, cache), load_toml(path, cache)
    assert first == second == tomllib.loads(text)
