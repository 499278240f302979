"""The deck index: the deck lists' summaries without validating, rebuilt when a file changes.

What a user would notice: the home screen lists the same titles and counts as
the validated decks; an edited deck shows its new title; a broken deck keeps
its ⚠ on every start; a damaged cache changes nothing; `mockint run` reads
only the deck it runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import tomli_w

from mockint import paths
from mockint.storage import deck_index
from mockint.storage.decks import DeckStore

REPO_ROOT = Path(__file__).resolve().parents[2]


def write_deck(folder: Path, data: dict, name: str = "mine.toml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def index_file() -> Path:
    return paths.cache_dir() / deck_index.INDEX_NAME


def summaries(store: DeckStore) -> dict[str, tuple[str, int, bool]]:
    return {e.path.name: (e.title, len(e.summary.questions) if e.summary else -1, e.ok)
            for e in store.entries}


def test_summaries_match_the_validated_decks():
    eager = DeckStore.discover()
    cold = DeckStore.discover(index=True)
    warm = DeckStore.discover(index=True)
    expected = {e.path.name: (e.deck.title, len(e.deck.questions), True) for e in eager.entries}
    assert summaries(cold) == expected
    assert summaries(warm) == expected
    for store in (cold, warm):
        assert not any(e.checked for e in store.entries), "listing the decks validated one"
    entry = warm.entries[0]
    assert entry.summary.category_counts() == Counter(
        q.category for q in eager.entries[0].deck.questions)


def test_the_index_is_written_to_the_cache_folder_and_used(mockint_home):
    DeckStore.discover(index=True)
    assert index_file().is_relative_to(mockint_home)
    data = json.loads(index_file().read_text(encoding="utf-8"))
    bundled = sorted(str(p.resolve()) for p in paths.bundled_decks_dir().glob("*.toml"))
    assert sorted(data["decks"]) == bundled
    # A summary the index holds for the file's exact size and mtime is what the lists show.
    name = bundled[0]
    data["decks"][name]["title"] = "Title from the cache"
    index_file().write_text(json.dumps(data), encoding="utf-8")
    store = DeckStore.discover(index=True)
    assert store.entries[0].title == "Title from the cache"


def test_a_changed_file_is_summarised_again(deck_data):
    folder = paths.user_decks_dir()
    path = write_deck(folder, deck_data)
    first = DeckStore.discover(index=True, bundled=False)
    assert first.entries[0].title == deck_data["title"]
    deck_data["title"] = "A new title, and a longer file"
    write_deck(folder, deck_data)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    again = DeckStore.discover(index=True, bundled=False)
    assert again.entries[0].title == "A new title, and a longer file"


@pytest.mark.parametrize("damage", [
    "{not json",
    "",
    '{"format": 1, "rules": "other", "decks": {}}',
    "[1, 2, 3]",
], ids=["truncated", "empty", "other-mockint", "wrong-shape"])
def test_a_damaged_cache_is_rebuilt_silently(damage):
    expected = summaries(DeckStore.discover(index=True))
    index_file().write_text(damage, encoding="utf-8")
    assert summaries(DeckStore.discover(index=True)) == expected
    rebuilt = json.loads(index_file().read_text(encoding="utf-8"))
    assert len(rebuilt["decks"]) == len(expected)


def test_a_record_of_the_wrong_types_is_never_trusted():
    DeckStore.discover(index=True)
    data = json.loads(index_file().read_text(encoding="utf-8"))
    name = sorted(data["decks"])[0]
    data["decks"][name]["questions"] = [["only-two", "technical"]]
    data["decks"][name]["title"] = "Poisoned"
    index_file().write_text(json.dumps(data), encoding="utf-8")
    store = DeckStore.discover(index=True)
    entry = next(e for e in store.entries if str(e.path.resolve()) == name)
    assert entry.title != "Poisoned"
    assert len(entry.summary.questions) > 1


def test_a_deck_that_does_not_parse_is_flagged_at_once():
    folder = paths.user_decks_dir()
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_text('schema = 1\ntitle = "unterminated\n', encoding="utf-8")
    for _ in range(2):  # cold, then from the cache
        store = DeckStore.discover(index=True, bundled=False)
        (entry,) = store.entries
        assert not entry.ok
        assert "TOML syntax error" in entry.problems[0].message


def test_a_deck_failing_validation_keeps_its_flag_from_the_cache(deck_data):
    deck_data["questions"][0]["level"] = "wizard"
    write_deck(paths.user_decks_dir(), deck_data)
    cold = DeckStore.discover(index=True, bundled=False)
    (entry,) = cold.entries
    assert entry.title == deck_data["title"] and not entry.known
    assert cold.check_pending() == [entry]  # the check after the first frame finds it
    assert not entry.ok and "level" in entry.problems[0].place
    warm = DeckStore.discover(index=True, bundled=False)
    (again,) = warm.entries
    assert again.known and not again.checked  # the cached verdict, no validation
    assert not again.ok and again.problems == entry.problems
    assert warm.check_pending() == []


def test_using_a_deck_validates_that_deck_only():
    store = DeckStore.discover(index=True)
    (deck,) = store.decks_with(["django-technical"])
    assert deck.id == "django-technical" and deck.questions
    checked = [e.deck_id for e in store.entries if e.checked]
    assert checked == ["django-technical"]


def test_a_duplicate_id_is_flagged_from_the_summaries(deck_data):
    write_deck(paths.user_decks_dir(), deck_data, "one.toml")
    write_deck(paths.user_decks_dir(), deck_data, "two.toml")
    store = DeckStore.discover(index=True, bundled=False)
    first, second = store.entries
    assert first.ok and not second.ok
    assert "also used by" in second.problems[0].message


def test_listing_the_decks_does_not_import_pydantic():
    """The home screen's deck list, cold and from the cache, without the deck models."""
    code = (
        "import sys\n"
        "from mockint.storage.decks import DeckStore\n"
        "for _ in range(2):\n"
        "    store = DeckStore.discover(index=True)\n"
        "    assert all(e.ok and e.summary.questions for e in store.entries)\n"
        "    store.question_keys()\n"
        "print('pydantic' in sys.modules, len(store.entries))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, env=dict(os.environ),
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", str(len(DeckStore.discover().entries))]


def test_a_new_mockint_does_not_trust_the_old_verdicts(deck_data, monkeypatch):
    deck_data["questions"][0]["level"] = "wizard"
    write_deck(paths.user_decks_dir(), deck_data)
    DeckStore.discover(index=True, bundled=False).check_pending()
    assert not DeckStore.discover(index=True, bundled=False).entries[0].ok  # from the cache
    monkeypatch.setattr(deck_index, "__version__", "99.0")  # rules may have changed
    (entry,) = DeckStore.discover(index=True, bundled=False).entries
    assert not entry.known  # summarised again; the check after the first frame decides
