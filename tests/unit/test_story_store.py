"""The story bank on disk: the migration, round trips, uses, exports and the CLI."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from mockint import paths
from mockint.cli import main
from mockint.core.session import SessionConfig, SessionRecord
from mockint.core.stories import Story, StoryUse
from mockint.storage.history import MIGRATIONS, SCHEMA_VERSION, HistoryStore
from mockint.storage.story_export import escape_markdown, read_json, render

WHEN = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
STORIES_VERSION = next(i for i, m in enumerate(MIGRATIONS, 1) if "CREATE TABLE stories" in m)


def outage(**changes) -> Story:
    data = dict(title="Billing outage", situation="Webhooks failed at Acme", task="I was on call",
                action="I rolled back and added an alert", result="Errors fell 40%",
                figures=["40%", "2 hours"], competencies=["ownership", "communication"],
                tags=["incident"], company="Acme", role="Backend engineer",
                created_at=WHEN, updated_at=WHEN)
    return Story(**{**data, **changes})


@pytest.fixture
def history(mockint_home):
    store = HistoryStore.open(paths.history_db_path())
    yield store
    store.close()


@pytest.fixture
def bank(history) -> HistoryStore:
    return history


def test_a_history_of_the_schema_before_stories_is_migrated_and_keeps_its_sessions(tmp_path):
    path = tmp_path / "history.sqlite3"
    raw = sqlite3.connect(path)
    for version, migration in enumerate(MIGRATIONS[: STORIES_VERSION - 1], 1):
        raw.executescript(migration)
        raw.execute(f"PRAGMA user_version = {version}")
    record = SessionRecord(id="oldsession01", config=SessionConfig(deck_ids=["d"]),
                           started_at=WHEN, status="finished")
    raw.execute(
        "INSERT INTO sessions (id, started_at, updated_at, status, mode, deck_ids, config, plan)"
        " VALUES (?, ?, ?, 'finished', 'practice', '[\"d\"]', ?, '[]')",
        (record.id, WHEN.isoformat(), WHEN.isoformat(), record.config.model_dump_json()))
    raw.commit()
    raw.close()

    store = HistoryStore.open(path)
    try:
        assert store.version == SCHEMA_VERSION
        assert store.load_session("oldsession01").status == "finished"
        bank = store
        assert bank.list_stories() == []
        bank.save_story(outage())
        bank.record_story_use(StoryUse(session_id="oldsession01", answer_index=0,
                                 story_id=outage().id, used_at=WHEN))
        assert [s.title for s in bank.list_stories()] == ["Billing outage"]
    finally:
        store.close()


def test_a_story_round_trips_exactly_and_an_edit_replaces_it(bank, history):
    story = outage()
    bank.save_story(story)
    assert bank.get_story(story.id) == story
    edited = story.model_copy(update={"title": "Billing outage, 2025",
                                      "updated_at": WHEN + timedelta(hours=1)})
    bank.save_story(edited)
    assert bank.list_stories() == [edited]
    history.close()
    again = HistoryStore.open(paths.history_db_path())
    try:
        assert again.get_story(story.id) == edited
    finally:
        again.close()


def test_stories_are_listed_by_title_regardless_of_case(bank):
    for title in ("zebra", "Apple", "mango"):
        bank.save_story(Story(title=title))
    assert [s.title for s in bank.list_stories()] == ["Apple", "mango", "zebra"]


def test_a_deleted_story_comes_back_with_its_id_and_its_uses_find_it_again(bank, history):
    history.save_session(SessionRecord(id="s1", config=SessionConfig(deck_ids=["d"])))
    story = outage()
    bank.save_story(story)
    bank.record_story_use(StoryUse(session_id="s1", answer_index=2, story_id=story.id,
                             competencies=["conflict"], used_at=WHEN))
    bank.delete_story(story.id)
    assert bank.list_stories() == []
    with pytest.raises(KeyError):
        bank.get_story(story.id)
    bank.save_story(story)  # undo
    use = bank.story_use_for("s1", 2)
    assert use is not None and bank.get_story(use.story_id) == story


def test_saying_which_story_again_replaces_the_first_answer(bank, history):
    history.save_session(SessionRecord(id="s1", config=SessionConfig(deck_ids=["d"])))
    bank.record_story_use(StoryUse(session_id="s1", answer_index=0, story_id="abc", used_at=WHEN))
    bank.record_story_use(StoryUse(session_id="s1", answer_index=0, story_id=None, used_at=WHEN))
    assert bank.story_use_for("s1", 0).story_id is None
    assert bank.story_use_for("s1", 1) is None
    assert len(bank.story_uses(session_id="s1")) == 1


def test_uses_of_a_session_or_since_a_moment(bank, history):
    for sid in ("old", "new"):
        history.save_session(SessionRecord(id=sid, config=SessionConfig(deck_ids=["d"])))
    bank.record_story_use(StoryUse(session_id="old", answer_index=0, story_id="a",
                             used_at=WHEN - timedelta(days=10)))
    bank.record_story_use(StoryUse(session_id="new", answer_index=0, story_id="a", used_at=WHEN))
    assert [u.session_id for u in bank.story_uses(since=WHEN - timedelta(days=7))] == ["new"]
    assert [u.session_id for u in bank.story_uses(session_id="old")] == ["old"]
    assert len(bank.story_uses(session_id="old", since=WHEN - timedelta(days=7))) == 2


def test_deleting_a_session_deletes_its_story_uses(bank, history):
    history.save_session(SessionRecord(id="s1", config=SessionConfig(deck_ids=["d"])))
    bank.record_story_use(StoryUse(session_id="s1", answer_index=0, story_id="a", used_at=WHEN))
    history.delete_session("s1")
    assert bank.story_uses() == []


# --- exports ---------------------------------------------------------------------------------


HOSTILE = "# Not a heading\n---\n1. not a list\n[link](http://x) <b>bold</b> *em* `code` | pipe"


def test_markdown_escapes_user_text_so_it_cannot_change_the_structure():
    story = outage(title="# Title [x](y)", result=HOSTILE, tags=["a|b"])
    text = render([story], "md")
    structural = [line for line in text.splitlines() if line.startswith(("#", "-", "1.", "|"))]
    assert structural[:2] == ["# My STAR stories", "## \\# Title \\[x\\](y)"]
    assert "**Result.** \\# Not a heading\\\n\\---\\\n1\\. not a list\\\n" in text
    assert "\\[link\\](http://x) \\<b\\>bold\\</b\\> \\*em\\* \\`code\\` \\| pipe" in text
    # The coverage table: one row per competency, a story's | cannot add a column.
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert len(rows) == 2 + 10
    assert all(len(re.findall(r"(?<!\\)\|", row)) == 3 for row in rows)
    assert "| ownership | \\# Title \\[x\\](y) |" in rows
    assert "| conflict | **none yet** |" in rows


def test_escaping_keeps_plain_text_readable():
    assert escape_markdown("Cut p95 by 40% (from 1.2 s to 300 ms).") == \
        "Cut p95 by 40% (from 1.2 s to 300 ms)."
    assert escape_markdown("    indented\n\n- item") == "indented\\\n\\\n\\- item"


def test_json_export_round_trips():
    stories = [outage(), Story(title="Mentoring \x1b[31mSam", competencies=["mentoring"],
                               created_at=WHEN, updated_at=WHEN)]
    text = render(stories, "json")
    assert json.loads(text)["schema"] == 1
    assert read_json(text) == stories


# --- the command line ------------------------------------------------------------------------


def test_cli_lists_stories_sanitised_and_names_the_gaps(bank, capsys):
    bank.save_story(outage(title="Billing \x1b[2J outage\u202e"))
    assert main(["stories"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    assert "Billing ␛[2J outage<U+202E>  [ownership, communication]" in out
    assert "Backend engineer · Acme — Errors fell 40%" in out
    assert "No story yet for: conflict, failure-and-learning" in out


def test_cli_with_no_stories_says_how_to_add_one(history, capsys):
    assert main(["stories"]) == 0
    assert "No stories yet" in capsys.readouterr().out


def test_cli_exports_to_a_file_exactly(bank, tmp_path, capsys):
    story = outage(title="Tab\there")
    bank.save_story(story)
    target = tmp_path / "out" / "stories.json"
    assert main(["stories", "export", "--format", "json", "-o", str(target), "--mkdir"]) == 0
    assert read_json(target.read_text("utf-8")) == [story]
    capsys.readouterr()
    assert main(["stories", "export"]) == 0
    assert "## Tab here" in capsys.readouterr().out
    assert main(["stories", "export", "--format", "md", "-o", str(tmp_path / "s.md")]) == 0
    assert "## Tab here" in (tmp_path / "s.md").read_text("utf-8")
