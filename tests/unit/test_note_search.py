"""Session notes are searched like answers (FTS5 with snippet()), kept in step by
triggers when a note is written, changed or its session deleted, and a history
from before notes were indexed gets its notes indexed when it is migrated."""

from __future__ import annotations

import sqlite3

import pytest

from mockint.cli import main
from mockint.core.deck import Deck
from mockint.storage.history import MIGRATIONS, HistoryStore
from tests.helpers import make_record


@pytest.fixture
def tui_deck() -> Deck:
    return Deck.model_validate({"schema": 1, "id": "d", "title": "Notes deck", "questions": [
        {"id": "q", "category": "technical", "prompt": "How?", "key_points": [{"point": "a"}]}]})


def test_a_note_is_found_with_its_snippet_and_follows_edits_and_deletes(tmp_path, tui_deck):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    record = make_record(tui_deck, ["an answer"], [3])
    store.save_session(record)
    assert store.search_notes("recruiter") == []
    store.set_note(record.id, "Mentor said: slow down. The recruiter liked the caching story.")
    (hit,) = store.search_notes("recruit")  # the last word may be a prefix
    assert hit.session_id == record.id and hit.deck_titles == tui_deck.title
    assert hit.marked_match() == ("note: Mentor said: slow down. The «recruiter» liked the "
                                  "caching story.")
    store.save_session(record.model_copy(update={"note": hit.note}))  # a later save keeps it
    assert len(store.search_notes("recruiter")) == 1
    store.set_note(record.id, "rewritten")
    assert store.search_notes("recruiter") == [] and len(store.search_notes("rewritten")) == 1
    store.delete_session(record.id)
    assert store.search_notes("rewritten") == []
    store.close()


def test_notes_written_before_the_migration_are_found_after_it(capsys, mockint_home):
    from mockint import paths

    path = paths.history_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    before = next(i for i, script in enumerate(MIGRATIONS) if "notes_fts" in script)
    raw = sqlite3.connect(path)
    for script in MIGRATIONS[:before]:
        raw.executescript(script)
    raw.execute(f"PRAGMA user_version = {before}")
    raw.execute(
        "INSERT INTO sessions (id, started_at, updated_at, status, mode, deck_ids, deck_titles,"
        " config, plan, note) VALUES ('old', '2026-11-20T18:00:00+00:00',"
        " '2026-11-20T18:00:00+00:00', 'finished', 'practice', '[]', 'Old deck', '{}', '[]',"
        " 'practise the deadlock story')")
    raw.commit()
    raw.close()
    store = HistoryStore.open(path)
    assert store.version == len(MIGRATIONS)
    assert [h.session_id for h in store.search_notes("deadlock")] == ["old"]
    store.close()
    assert main(["history", "--search", "deadlock"]) == 0  # the shell finds it too
    assert "note: practise the «deadlock» story" in capsys.readouterr().out
