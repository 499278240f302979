"""Follow-up answers in the history: stored beside the answer, found by full-text search,
shown in search hits, and carried by a migration for histories written before."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from mockint.core.deck import Deck
from mockint.core.session import Interview, SessionConfig, select_questions
from mockint.core.timing import FakeClock
from mockint.storage.history import HistoryStore
from mockint.storage.history.schema import MIGRATIONS, SCHEMA_VERSION


def deck_with_follow_ups(deck_data: dict) -> Deck:
    data = json.loads(json.dumps(deck_data))
    for question in data["questions"]:
        question["follow_ups"] = ["And how would you measure it?"]
    return Deck.model_validate(data)


def interview_with_a_follow_up(deck: Deck, answer: str, follow_up: str) -> Interview:
    clock = FakeClock()
    config = SessionConfig(deck_ids=[deck.id], count=1)
    interview = Interview.start(select_questions([deck], config), config, clock=clock)
    interview.begin()
    clock.advance(20)
    interview.submit(answer)
    interview.reveal()
    interview.rate(3)
    interview.ask_follow_up()
    clock.advance(10)
    interview.submit(follow_up)
    interview.finish()
    return interview


def test_a_follow_up_answer_is_found_by_search_and_shown_in_the_hit(tmp_path: Path, deck_data):
    deck = deck_with_follow_ups(deck_data)
    record = interview_with_a_follow_up(deck, "I would add an index on email.",
                                        "With the debug toolbar and pg_stat_statements.").record
    store = HistoryStore.open(tmp_path / "history.sqlite3")
    try:
        store.save_session(record)
        (hit,) = store.search_answers("statements")
        assert hit.session_id == record.id
        assert hit.snippet("statements") == \
            "follow-up: With the debug toolbar and pg_stat_statements."
        (hit,) = store.search_answers("index")  # the main answer still matches, and shows
        assert hit.snippet("index") == "I would add an index on email."
        assert store.load_session(record.id).answers[0].follow_ups[0].text.startswith("With")
    finally:
        store.close()


def test_a_history_from_before_gets_its_follow_ups_indexed(tmp_path: Path, deck_data):
    deck = deck_with_follow_ups(deck_data)
    record = interview_with_a_follow_up(deck, "Main answer.",
                                        "Legacy follow-up on sharding.").record
    path = tmp_path / "history.sqlite3"
    raw = sqlite3.connect(path)
    before = next(i for i, script in enumerate(MIGRATIONS) if "follow_up_text" in script)
    for script in MIGRATIONS[:before]:
        raw.executescript(script)
    raw.execute(f"PRAGMA user_version = {before}")
    raw.commit()
    raw.close()
    raw = sqlite3.connect(path)
    answer = record.answers[0]
    raw.execute(
        "INSERT INTO sessions (id, started_at, updated_at, status, mode, deck_ids, config, plan)"
        " VALUES (?, '2026-11-20T18:00:00+00:00', '2026-11-20T18:00:00+00:00', 'finished',"
        " 'practice', '[]', ?, '[]')", (record.id, record.config.model_dump_json()))
    raw.execute(
        "INSERT INTO answers (session_id, idx, deck_id, question_id, category, asked, text,"
        " follow_ups) VALUES (?, 0, ?, ?, ?, ?, ?, ?)",
        (record.id, answer.asked.deck_id, answer.asked.question.id,
         answer.asked.question.category, answer.asked.model_dump_json(), answer.text,
         json.dumps([f.model_dump(mode="json") for f in answer.follow_ups])))
    raw.commit()
    raw.close()

    store = HistoryStore.open(path)
    try:
        assert store.version == SCHEMA_VERSION
        (hit,) = store.search_answers("sharding")
        assert hit.snippet("sharding") == "follow-up: Legacy follow-up on sharding."
        assert store.search_answers("main answer")[0].snippet("main answer") == "Main answer."
    finally:
        store.close()
