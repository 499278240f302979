"""Deck and settings files under a full disk, bad values and odd encodings (issue 11 items 9, 10
and the smaller deck and settings ones)."""

from __future__ import annotations

import errno
import shutil
import tomllib
from pathlib import Path

import pytest

from mockint.core.deck import PROMPT_MAX, SAMPLE_ANSWER_MAX, Deck, parse_deck
from mockint.storage.decks import read_deck, save_deck
from mockint.storage.settings import (
    Settings,
    SettingsProblem,
    load_settings,
    save_settings,
)

# --- item 9: a failed deck save keeps the previous backup --------------------------------------


def full_disk_after(limit: int):
    """A shutil.copyfile that writes `limit` bytes of the copy, then finds the disk full."""

    def copyfile(src, dst, *, follow_symlinks=True):
        data = Path(src).read_bytes()
        Path(dst).write_bytes(data[:limit])
        raise OSError(errno.ENOSPC, "No space left on device")

    return copyfile


def test_a_deck_save_on_a_full_disk_keeps_the_deck_and_the_previous_backup(
        tmp_path, deck_data, monkeypatch):
    folder = tmp_path / "decks"
    folder.mkdir()
    path = folder / "deck.toml"
    first = Deck.model_validate(deck_data)
    save_deck(first, path)
    save_deck(first.model_copy(update={"title": "Second"}), path)  # .bak = the first version
    bak = path.with_name("deck.toml.bak")
    before = (path.read_bytes(), bak.read_bytes())
    assert tomllib.loads(before[1].decode())["title"] == deck_data["title"]

    monkeypatch.setattr(shutil, "copyfile", full_disk_after(10))
    with pytest.raises(OSError) as caught:
        save_deck(first.model_copy(update={"title": "Third"}), path)
    assert caught.value.errno == errno.ENOSPC
    assert (path.read_bytes(), bak.read_bytes()) == before
    assert sorted(p.name for p in folder.iterdir()) == ["deck.toml", "deck.toml.bak"]


def test_a_deck_save_that_fails_at_the_last_step_puts_the_previous_backup_back(
        tmp_path, deck_data, monkeypatch):
    import os

    folder = tmp_path / "decks"
    folder.mkdir()
    path = folder / "deck.toml"
    first = Deck.model_validate(deck_data)
    save_deck(first, path)
    save_deck(first.model_copy(update={"title": "Second"}), path)
    bak = path.with_name("deck.toml.bak")
    before = (path.read_bytes(), bak.read_bytes())
    real_replace = os.replace

    def replace(src, dst):
        if Path(dst) == path:
            raise OSError(errno.EIO, "Input/output error")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OSError):
        save_deck(first.model_copy(update={"title": "Third"}), path)
    monkeypatch.undo()
    assert (path.read_bytes(), bak.read_bytes()) == before
    assert sorted(p.name for p in folder.iterdir()) == ["deck.toml", "deck.toml.bak"]


# --- item 10: an invalid settings file is never overwritten unseen ----------------------------


def test_saving_over_an_invalid_settings_file_keeps_the_original_beside_it(tmp_path):
    path = tmp_path / "settings.toml"
    original = 'theme = "my-theme"\nwords_per_minute = 150\nbell = "yes"\n'
    path.write_text(original)
    with pytest.raises(SettingsProblem):
        load_settings(path)
    kept = save_settings(Settings(theme="nord"), path)
    assert kept is not None and kept.parent == tmp_path
    assert kept.name.startswith("settings.toml.invalid-")
    assert kept.read_text() == original
    assert load_settings(path).theme == "nord"


def test_saving_over_a_valid_settings_file_keeps_nothing(tmp_path):
    path = tmp_path / "config" / "settings.toml"
    save_settings(Settings(theme="a"), path)
    assert save_settings(Settings(theme="b"), path) is None
    assert [p.name for p in path.parent.iterdir()] == ["settings.toml"]


# --- strict types -----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "field"), [("bell = \"yes\"\n", "bell"),
                                             ("bell = 1\n", "bell"),
                                             ("default_seconds = true\n", "default_seconds"),
                                             ("practice_size = 2.5\n", "practice_size"),
                                             ("new_share = true\n", "new_share")])
def test_settings_of_the_wrong_type_are_errors_not_coerced(tmp_path, text, field):
    path = tmp_path / "settings.toml"
    path.write_text(text)
    with pytest.raises(SettingsProblem) as caught:
        load_settings(path)
    assert field in str(caught.value)


@pytest.mark.parametrize("where", ["deck", "question"])
def test_a_time_limit_of_true_is_an_error(deck_data, where):
    target = deck_data if where == "deck" else deck_data["questions"][0]
    target["time_limit"] = True
    deck, problems = parse_deck(deck_data, "d.toml")
    assert deck is None
    assert any("time_limit" in p.place and "whole number" in p.message for p in problems)


# --- size limits, BOM ---------------------------------------------------------------------------


@pytest.mark.parametrize(("field", "limit"), [("prompt", PROMPT_MAX),
                                              ("sample_answer", SAMPLE_ANSWER_MAX)])
def test_an_absurdly_long_field_is_refused_with_the_limit_named(deck_data, field, limit):
    deck_data["questions"][0][field] = "x" * (limit + 1)
    deck, problems = parse_deck(deck_data, "d.toml")
    assert deck is None
    (problem,) = problems
    assert problem.place.endswith(f".{field}")
    assert f"{limit:,}" in problem.message and f"{limit + 1:,}" in problem.message
    deck_data["questions"][0][field] = "x" * limit
    assert parse_deck(deck_data, "d.toml")[0] is not None


def test_a_deck_saved_with_a_byte_order_mark_loads(tmp_path, deck_data):
    import tomli_w

    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + tomli_w.dumps(deck_data).encode())
    assert read_deck(path).id == deck_data["id"]
