"""The SQLite history: opening, migrations, saving, reading, searching, and files it must not touch."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from mockint import paths
from mockint.core.deck import Deck
from mockint.core.session import (
    Interview,
    SessionConfig,
    SessionRecord,
    select_questions,
)
from mockint.core.timing import FakeClock
from mockint.storage.history import (
    MIGRATIONS,
    SCHEMA_VERSION,
    BackgroundWriter,
    HistoryFilter,
    HistoryStore,
    HistoryUnavailable,
)

DAY0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


# --- helpers -----------------------------------------------------------------------


def day(n: int) -> datetime:
    return DAY0 + timedelta(days=n)


def other_deck_data(deck_data: dict) -> dict:
    """A second deck that reuses a question id of the first (ids are only unique per deck)."""
    return {
        "schema": 1, "id": "other-deck", "title": "Other deck", "time_limit": 60,
        "questions": [
            {"id": "orm-n-plus-one", "category": "technical", "prompt": "Other deck's N+1?"},
            {"id": "why-us", "category": "intro", "prompt": "Why do you want to work here?"},
        ],
    }


def run_interview(
    deck: Deck,
    *,
    started: datetime = DAY0,
    texts: tuple[str, ...] = ("first answer", "second answer", "third answer"),
    ratings: tuple[int | None, ...] = (3, 3, 3),
    seconds: float = 30,
    finish: str | None = "finished",
    session_id: str | None = None,
    **config,
) -> Interview:
    """Drive a whole interview through core, with a fake clock and a fake wall clock.

    Answers `len(texts)` questions; a rating of None skips the question. With
    `finish=None` the session stays in progress on the last question answered.
    """
    clock = FakeClock()
    wall = lambda: started + timedelta(seconds=clock.now - 1000.0)  # noqa: E731
    cfg = SessionConfig(deck_ids=[deck.id], **config)
    interview = Interview.start(select_questions([deck], cfg), cfg, clock=clock, wall_clock=wall)
    if session_id:
        interview.record.id = session_id
    for n, (text, rating) in enumerate(zip(texts, ratings, strict=True)):
        interview.begin()
        clock.advance(seconds)
        if rating is None:
            interview.update_text(text)
            interview.skip()
            interview.reveal()
        else:
            interview.submit(text)
            interview.reveal()
            interview.rate(rating)
        if n < len(texts) - 1:
            interview.next()
    if finish == "finished":
        interview.finish()
    elif finish == "abandoned":
        interview.abandon()
    return interview


def saved(store: HistoryStore, deck: Deck, **kwargs) -> SessionRecord:
    record = run_interview(deck, **kwargs).record
    store.save_session(record)
    return record


def file_state(path: Path) -> tuple[bytes, int, list[str]]:
    """What a user could see change: the bytes, the mtime, and the files beside it."""
    return path.read_bytes(), path.stat().st_mtime_ns, sorted(os.listdir(path.parent))


@pytest.fixture
def deck(deck_data) -> Deck:
    return Deck.model_validate(deck_data)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "history.sqlite3"


@pytest.fixture
def store(db_path: Path):
    store = HistoryStore.open(db_path)
    yield store
    store.close()


# --- a new file ----------------------------------------------------------------------


def test_a_new_history_is_created_in_wal_mode_with_foreign_keys_and_the_current_schema():
    path = paths.history_db_path()  # under MOCKINT_HOME, whose data folder does not exist yet
    assert not path.parent.exists()
    store = HistoryStore.open(path)
    try:
        assert path.is_file()
        assert store.version == SCHEMA_VERSION
        assert store._db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        raw = sqlite3.connect(path)
        try:
            assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        finally:
            raw.close()
        assert store.list_sessions() == [] and store.count_sessions() == 0
    finally:
        store.close()


def test_foreign_keys_are_enforced_an_answer_needs_its_session(store, deck):
    record = run_interview(deck, texts=("orphan",), ratings=(3,)).record
    with pytest.raises(sqlite3.IntegrityError):
        store.save_draft("no-such-session", record.answers[0])


def test_reopening_keeps_everything(db_path, deck):
    first = HistoryStore.open(db_path)
    record = saved(first, deck)
    first.close()
    again = HistoryStore.open(db_path)
    try:
        assert again.version == SCHEMA_VERSION
        assert again.load_session(record.id).model_dump() == record.model_dump()
    finally:
        again.close()


# --- migrations -------------------------------------------------------------------------


def test_a_version_1_history_is_migrated_and_its_answers_become_searchable(db_path, deck):
    asked = select_questions([deck], SessionConfig(deck_ids=[deck.id]))[0]
    config = SessionConfig(deck_ids=[deck.id], mode="mock")
    raw = sqlite3.connect(db_path)
    raw.executescript(MIGRATIONS[0])
    raw.execute("PRAGMA user_version = 1")
    raw.execute(
        "INSERT INTO sessions (id, started_at, ended_at, updated_at, status, mode, kind, deck_ids,"
        " deck_titles, config, plan, note, question_count, answered_count, avg_rating, total_used,"
        " owner_pid, owner_host) VALUES (?, ?, ?, ?, 'finished', 'mock', 'custom', ?, ?, ?, ?,"
        " 'old note', 1, 1, 4.0, 61.5, NULL, NULL)",
        ("oldsession01", day(0).isoformat(), day(0).isoformat(), day(0).isoformat(),
         json.dumps([deck.id]), deck.title, config.model_dump_json(),
         json.dumps([asked.model_dump(mode="json")])),
    )
    raw.execute(
        "INSERT INTO answers (session_id, idx, deck_id, question_id, category, asked, text, used,"
        " rating, key_points_checked, started_at, submitted_at)"
        " VALUES ('oldsession01', 0, ?, ?, ?, ?, ?, 61.5, 4, '[true, false]', ?, ?)",
        (deck.id, asked.question.id, asked.question.category, asked.model_dump_json(),
         "Legacy answer about denormalisation", day(0).isoformat(), day(0).isoformat()),
    )
    raw.commit()
    raw.close()

    store = HistoryStore.open(db_path)
    try:
        assert store.version == SCHEMA_VERSION
        old = store.load_session("oldsession01")
        assert old.status == "finished" and old.note == "old note" and old.config.mode == "mock"
        assert old.started_at == day(0)
        assert [a.question.prompt for a in old.plan] == [asked.question.prompt]
        (answer,) = old.answers
        assert answer.text == "Legacy answer about denormalisation"
        assert (answer.used, answer.rating, answer.key_points_checked) == (61.5, 4, [True, False])
        assert answer.asked.question.prompt == asked.question.prompt
        hits = store.search_answers("denormalis")
        assert [(h.session_id, h.index, h.text) for h in hits] == [
            ("oldsession01", 0, "Legacy answer about denormalisation")]
        assert [s.id for s in store.list_sessions()] == ["oldsession01"]
        # New answers after the migration are indexed by the triggers too.
        new = saved(store, deck, texts=("fresh denormalised words",), ratings=(2,), started=day(1))
        assert [h.session_id for h in store.search_answers("denormalis")] == [new.id, "oldsession01"]
    finally:
        store.close()
    raw = sqlite3.connect(db_path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        raw.close()


OTHER_MOCKINT_OPENS = (
    "import sys; from pathlib import Path; from mockint.storage.history import HistoryStore; "
    "HistoryStore.open(Path(sys.argv[1])).close()")


class _PausingConnection(sqlite3.Connection):
    """Runs `pause` once, right after the first `PRAGMA user_version` read outside a transaction.

    That is the moment another mockint starting at the same time can get in between.
    """

    pause = None

    def execute(self, sql, *args):
        if type(self).pause is not None and getattr(self, "_read_version", False):
            pause, type(self).pause = type(self).pause, None
            pause()
        cursor = super().execute(sql, *args)
        self._read_version = (sql.strip().upper() == "PRAGMA USER_VERSION"
                              and not self.in_transaction)
        return cursor


def test_a_history_created_by_another_mockint_while_this_one_opens_it_still_opens(
        db_path, monkeypatch):
    """Two mockints started at once on a new history: the other one (a real process) creates it
    right after this one read user_version = 0."""
    real_connect = sqlite3.connect

    def other_mockint_creates_the_history():
        subprocess.run([sys.executable, "-c", OTHER_MOCKINT_OPENS, str(db_path)], check=True,
                       timeout=60)

    monkeypatch.setattr(_PausingConnection, "pause", other_mockint_creates_the_history)
    monkeypatch.setattr(sqlite3, "connect",
                        lambda *a, **kw: real_connect(*a, factory=_PausingConnection, **kw))
    store = HistoryStore.open(db_path)
    monkeypatch.undo()
    try:
        assert store.version == SCHEMA_VERSION
        assert store.count_sessions() == 0
    finally:
        store.close()


def test_opening_a_new_history_waits_while_another_mockint_holds_the_write_lock(db_path):
    """The other mockint is in the middle of creating the history; this one must wait, not fail."""
    other = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.3, lambda: other.execute("COMMIT"))
    release.start()
    try:
        store = HistoryStore.open(db_path)
        try:
            assert store.version == SCHEMA_VERSION
        finally:
            store.close()
    finally:
        release.join()
        other.close()


# --- saving and loading ------------------------------------------------------------------


def test_a_whole_interview_saved_at_the_end_loads_back_equal(store, deck):
    clock = FakeClock()
    wall = lambda: DAY0 + timedelta(seconds=clock.now - 1000.0)  # noqa: E731
    cfg = SessionConfig(deck_ids=[deck.id], mode="practice")
    interview = Interview.start(select_questions([deck], cfg), cfg, clock=clock, wall_clock=wall)
    store.save_session(interview.record)  # the app saves the session when it starts
    # 1: technical, with a peek, a pause, a checked key point and a follow-up.
    interview.begin()
    interview.peek("why_asked")
    clock.advance(40)
    interview.pause()
    clock.advance(10)
    interview.resume()
    clock.advance(5.25)
    interview.submit("Use select_related for FKs.\nAnd prefetch_related for M2M.")
    interview.reveal()
    interview.check_key_point(0, True)
    interview.rate(3)
    interview.ask_follow_up()
    clock.advance(20)
    interview.submit("django-debug-toolbar and query counts")
    interview.next()
    # 2: behavioral, over time, with STAR checks.
    interview.begin()
    interview.peek("tip")
    clock.advance(100)
    interview.submit("We disagreed on a migration [bold]rollout[/].")
    interview.reveal()
    interview.check_star("situation", True)
    interview.check_star("result", True)
    interview.rate(2)
    interview.next()
    # 3: skipped.
    interview.begin()
    clock.advance(4)
    interview.skip()
    interview.reveal()
    interview.next()
    assert interview.record.status == "finished"
    record = interview.record
    store.save_session(record)

    loaded = store.load_session(record.id)
    assert loaded.model_dump() == record.model_dump()
    assert loaded == record
    assert [a.question.id for a in loaded.plan] == [q.id for q in deck.questions]
    first, second, third = loaded.answers
    assert (first.used, first.paused, first.peeks) == (45.25, 10, ["why_asked"])
    assert [(f.prompt, f.text, f.used) for f in first.follow_ups] == [
        ("How would you spot it in production?", "django-debug-toolbar and query counts", 20)]
    assert second.overtime == 10 and second.star_checked["result"] is True
    assert third.skipped and third.rating is None
    (summary,) = store.list_sessions()
    assert summary.id == record.id and summary.status == "finished"
    # The third was skipped: not an answer (core/counts.py).
    assert (summary.question_count, summary.answered_count, summary.skipped_count) == (3, 2, 1)
    assert summary.avg_rating == 2.5 and summary.total_used == pytest.approx(45.25 + 20 + 100 + 4)
    assert summary.deck_titles == deck.title and summary.started_at == DAY0


def test_stored_answers_keep_the_question_as_it_was_asked_when_the_deck_changes(
        db_path, deck, deck_data):
    store = HistoryStore.open(db_path)
    record = saved(store, deck, texts=("about N+1",), ratings=(3,))
    old_prompt = deck.questions[0].prompt
    old_sample = deck.questions[0].sample_answer
    # The deck is edited in place (the editor) and also replaced by a new version (a reload).
    deck.questions[0].prompt = "Edited prompt?"
    deck.questions[0].sample_answer = "Edited sample."
    deck_data["questions"][0]["prompt"] = "Replaced prompt?"
    deck_data["questions"][0]["sample_answer"] = "Replaced sample."
    replaced = Deck.model_validate(deck_data)
    # The app saves the session again later (a note, a rating changed) with its in-memory record.
    store.save_session(record)
    saved(store, replaced, texts=("new answer",), ratings=(4,), started=day(1))
    store.close()

    store = HistoryStore.open(db_path)
    try:
        answer = store.load_session(record.id).answers[0]
        assert answer.asked.question.prompt == old_prompt
        assert answer.asked.question.sample_answer == old_sample
        assert store.load_session(record.id).plan[0].question.prompt == old_prompt
        assert store.load_answer(record.id, 0).asked.question.sample_answer == old_sample
        timeline = store.question_timeline(deck.id, "orm-n-plus-one")
        assert [h.prompt for h in timeline] == [old_prompt, "Replaced prompt?"]
    finally:
        store.close()


def test_drafts_are_upserted_and_the_submitted_answer_saved_later_wins(store, deck):
    clock = FakeClock()
    cfg = SessionConfig(deck_ids=[deck.id], count=1)
    interview = Interview.start(select_questions([deck], cfg), cfg, clock=clock)
    session_id = interview.record.id
    store.save_session(interview.record)
    interview.begin()
    clock.advance(10)
    interview.update_text("draft one")
    store.save_draft(session_id, interview.checkpoint())
    draft = store.load_answer(session_id, 0)
    assert (draft.text, draft.used, draft.submitted_at) == ("draft one", 10, None)

    clock.advance(5)
    interview.pause()
    clock.advance(3)
    interview.update_text("draft two, longer")
    store.save_draft(session_id, interview.checkpoint())
    loaded = store.load_session(session_id)
    assert len(loaded.answers) == 1  # the draft row was updated, not added
    assert (loaded.answers[0].text, loaded.answers[0].used, loaded.answers[0].paused) == (
        "draft two, longer", 15, 3)
    assert loaded.status == "in_progress"
    assert [h.text for h in store.search_answers("longer")] == ["draft two, longer"]

    interview.resume()
    clock.advance(2)
    interview.submit("the final answer")
    interview.reveal()
    interview.rate(4)
    interview.next()
    store.save_session(interview.record)
    final = store.load_session(session_id)
    assert final.model_dump() == interview.record.model_dump()
    assert (final.answers[0].text, final.answers[0].used, final.answers[0].rating) == (
        "the final answer", 17, 4)
    assert final.answers[0].submitted_at is not None and final.status == "finished"
    assert store.search_answers("longer") == []  # the draft's words are gone from the index
    assert [h.text for h in store.search_answers("final")] == ["the final answer"]


# --- listing -----------------------------------------------------------------------------


@pytest.fixture
def listed(store, deck, deck_data):
    """Five sessions over five days, two decks, one still in progress."""
    other = Deck.model_validate(other_deck_data(deck_data))
    s1 = saved(store, deck, started=day(1), ratings=(1, 1, 1))  # all three categories
    s2 = saved(store, deck, started=day(2), texts=("story",), ratings=(4,),
               categories=["behavioral"])
    s3 = saved(store, other, started=day(3), texts=("a", "b"), ratings=(2, 3))
    s4 = saved(store, deck, started=day(4), texts=("typing",), ratings=(3,), finish=None)
    s5 = saved(store, deck, started=day(5), texts=("gave up",), ratings=(3,), finish="abandoned",
               categories=["technical"])
    return s1.id, s2.id, s3.id, s4.id, s5.id


def ids(summaries) -> list[str]:
    return [s.id for s in summaries]


def test_list_is_newest_first_and_leaves_out_sessions_in_progress(store, listed):
    s1, s2, s3, s4, s5 = listed
    assert ids(store.list_sessions()) == [s5, s3, s2, s1]
    assert store.count_sessions() == 4
    assert ids(store.list_sessions(HistoryFilter(statuses=("in_progress",)))) == [s4]
    assert ids(store.list_sessions(HistoryFilter(statuses=()))) == [s5, s4, s3, s2, s1]
    assert store.count_sessions(HistoryFilter(statuses=())) == 5
    by_id = {s.id: s for s in store.list_sessions()}
    assert by_id[s5].status == "abandoned" and by_id[s5].ended_at is not None
    assert by_id[s3].deck_titles == "Other deck" and by_id[s3].avg_rating == 2.5
    assert (by_id[s2].question_count, by_id[s2].answered_count) == (1, 1)


def test_list_pages_with_limit_and_offset(store, listed):
    s1, s2, s3, s4, s5 = listed
    assert ids(store.list_sessions(limit=2)) == [s5, s3]
    assert ids(store.list_sessions(limit=2, offset=2)) == [s2, s1]
    assert ids(store.list_sessions(limit=2, offset=4)) == []
    assert ids(store.list_sessions(limit=3, offset=1)) == [s3, s2, s1]


def test_list_filters(store, listed, deck):
    s1, s2, s3, s4, s5 = listed

    def both(**kwargs):
        found = ids(store.list_sessions(HistoryFilter(**kwargs)))
        assert store.count_sessions(HistoryFilter(**kwargs)) == len(found)
        return found

    assert both(deck_id=deck.id) == [s5, s2, s1]
    assert both(deck_id="other-deck") == [s3]
    assert both(deck_id="no-such-deck") == []
    assert both(category="behavioral") == [s2, s1]
    assert both(category="technical") == [s5, s3, s1]
    assert both(category="intro") == [s3]
    assert both(category="system-design") == [s1]
    assert both(min_rating=2.5) == [s5, s3, s2]
    assert both(max_rating=2.5) == [s3, s1]
    assert both(min_rating=2, max_rating=3) == [s5, s3]
    assert both(since=day(2)) == [s5, s3, s2]
    assert both(until=day(3)) == [s2, s1]  # until is exclusive
    assert both(since=day(2), until=day(4)) == [s3, s2]
    local = day(2).astimezone(timezone(timedelta(hours=-5)))
    assert both(since=local) == [s5, s3, s2]  # any time zone means the same instant
    assert both(deck_id=deck.id, category="technical", min_rating=3) == [s5]


# --- searching ---------------------------------------------------------------------------


@pytest.fixture
def searchable(store, deck):
    a = saved(store, deck, started=day(1), texts=(
        "I used select_related to fix the N+1 queries",
        "The Colleague and I DISAGREED about naming",
        "Prefetching helped a lot",
    ))
    b = saved(store, deck, started=day(2), texts=("Queries got faster after the fix",),
              ratings=(2,))
    return a, b


def hits(store, text):
    return [(h.session_id, h.index) for h in store.search_answers(text)]


def test_search_finds_words_in_any_order_case_insensitive_and_a_prefix_of_the_last(
        store, searchable, deck):
    a, b = searchable
    assert hits(store, "select_related") == [(a.id, 0)]
    assert hits(store, "queries fix") == [(b.id, 0), (a.id, 0)]  # newest session first
    assert hits(store, "fix colleague") == []  # every word must appear in the same answer
    assert hits(store, "disagreed") == [(a.id, 1)]
    assert hits(store, "COLLEAGUE") == [(a.id, 1)]
    assert hits(store, "prefetch") == [(a.id, 2)]
    assert hits(store, "helped pref") == [(a.id, 2)]
    assert hits(store, "N+1") == [(a.id, 0)]
    (hit,) = store.search_answers("colleague")
    assert hit.prompt == deck.questions[1].prompt and hit.question_id == deck.questions[1].id
    assert hit.deck_id == deck.id and hit.rating == 3 and hit.used == 30
    assert hit.text == "The Colleague and I DISAGREED about naming" and hit.started_at == day(1)
    assert len(store.search_answers("the", limit=2)) == 2


@pytest.mark.parametrize("text", ["", "   ", '"', '""', '" "  "'])
def test_search_with_nothing_to_look_for_returns_nothing(store, searchable, text):
    assert store.search_answers(text) == []


@pytest.mark.parametrize("text", [
    '"', "*", "(", ")", "-", "AND", "OR", "NOT", "NEAR(", "NEAR(fix queries)", "fix AND",
    "AND fix", "-fix", "fix*", "(fix", 'fix"', "col:fix", "text:fix", "^fix", "{fix}", "fix +",
    "'", "fix'", ":", "\\", "%", "_", "fix NOT queries", '"fix', "a -- b", "*fix*",
])
def test_search_does_not_crash_on_fts_syntax(store, searchable, text):
    assert isinstance(store.search_answers(text), list)


@pytest.mark.parametrize("text", ['"fix"', "(fix", "fix)", "fix*", "-fix", "fix,"])
def test_search_words_wrapped_in_punctuation_are_still_found(store, searchable, text):
    a, b = searchable
    assert hits(store, text) == [(b.id, 0), (a.id, 0)]


def test_deleting_a_session_removes_its_answers_from_search(store, searchable):
    a, b = searchable
    store.delete_session(a.id)
    assert hits(store, "select_related") == []
    assert hits(store, "colleague") == []
    assert hits(store, "fix") == [(b.id, 0)]
    # The index stays consistent after the cascade (an FTS integrity check would fail otherwise).
    store._db.execute("INSERT INTO answers_fts (answers_fts) VALUES ('integrity-check')")


# --- timeline, notes, deleting, ids -------------------------------------------------------


def test_question_timeline_lists_every_answer_to_one_question_oldest_first(store, deck, deck_data):
    other = Deck.model_validate(other_deck_data(deck_data))
    third = saved(store, deck, started=day(3), texts=("third try",), ratings=(4,))
    first = saved(store, deck, started=day(1), texts=("first try",), ratings=(1,))
    saved(store, other, started=day(2), texts=("other deck, same id",), ratings=(2,))
    second = saved(store, deck, started=day(2), texts=("second try",), ratings=(2,),
                   finish=None)
    saved(store, deck, started=day(4), texts=("x",), ratings=(3,), categories=["behavioral"])

    timeline = store.question_timeline(deck.id, "orm-n-plus-one")
    assert [(h.session_id, h.text, h.rating) for h in timeline] == [
        (first.id, "first try", 1), (second.id, "second try", 2), (third.id, "third try", 4)]
    assert [h.started_at for h in timeline] == [day(1), day(2), day(3)]
    assert {h.deck_id for h in timeline} == {deck.id}
    assert [h.text for h in store.question_timeline("other-deck", "orm-n-plus-one")] == [
        "other deck, same id"]
    assert store.question_timeline(deck.id, "no-such-question") == []


def test_set_note(store, deck):
    record = saved(store, deck)
    store.set_note(record.id, "Ask Priya about [bold]caching[/] 🎉")
    assert store.load_session(record.id).note == "Ask Priya about [bold]caching[/] 🎉"
    assert store.list_sessions()[0].note == "Ask Priya about [bold]caching[/] 🎉"
    store.set_note(record.id, "")
    assert store.load_session(record.id).note == ""


def test_delete_session_removes_it_and_its_answers(store, deck, db_path):
    gone = saved(store, deck, started=day(1))
    kept = saved(store, deck, started=day(2))
    store.delete_session(gone.id)
    with pytest.raises(KeyError):
        store.load_session(gone.id)
    with pytest.raises(KeyError):
        store.load_answer(gone.id, 0)
    assert ids(store.list_sessions()) == [kept.id]
    assert [h.session_id for h in store.question_timeline(deck.id, "orm-n-plus-one")] == [kept.id]
    raw = sqlite3.connect(db_path)
    try:
        left = raw.execute("SELECT COUNT(*) FROM answers WHERE session_id = ?", (gone.id,))
        assert left.fetchone()[0] == 0
    finally:
        raw.close()
    assert len(store.load_session(kept.id).answers) == 3


def test_resolve_id_from_a_prefix(store, deck):
    for session_id in ("abc123def456", "abc124000000", "ffee00112233"):
        saved(store, deck, session_id=session_id, texts=("x",), ratings=(3,))
    assert store.resolve_id("abc123") == "abc123def456"
    assert store.resolve_id("f") == "ffee00112233"
    assert store.resolve_id("abc124000000") == "abc124000000"
    with pytest.raises(KeyError):
        store.resolve_id("abc12")  # ambiguous
    with pytest.raises(KeyError):
        store.resolve_id("0")  # unknown
    with pytest.raises(KeyError):
        store.resolve_id("abc123def4567")  # longer than any id


@pytest.mark.parametrize("prefix", ["%", "_", "ff_e"])
def test_resolve_id_treats_wildcard_characters_literally(store, deck, prefix):
    saved(store, deck, session_id="ffee00112233", texts=("x",), ratings=(3,))
    with pytest.raises(KeyError):
        store.resolve_id(prefix)


# --- resuming -------------------------------------------------------------------------------


OWNER_SCRIPT = r"""
import json, sys
from pathlib import Path
from mockint.core.deck import Deck
from mockint.core.session import SessionConfig, SessionRecord, select_questions
from mockint.storage.history import HistoryStore

path, session_id, deck_json = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
deck = Deck.model_validate(json.loads(deck_json))
config = SessionConfig(deck_ids=[deck.id])
store = HistoryStore.open(path)
store.save_session(SessionRecord(id=session_id, config=config,
                                 plan=select_questions([deck], config), status="in_progress"))
print("saved", flush=True)
sys.stdin.read()  # own the session until told to stop (or killed)
"""


def owner_process(db_path: Path, session_id: str, deck_data: dict) -> subprocess.Popen:
    """Another mockint running a session in progress, until killed."""
    process = subprocess.Popen(
        [sys.executable, "-c", OWNER_SCRIPT, str(db_path), session_id, json.dumps(deck_data)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline() == "saved\n"
    return process


def test_a_session_whose_owner_runs_is_not_offered_and_is_once_the_owner_is_killed(
        store, db_path, deck_data):
    """Liveness is the owner's OS lock: killed but not yet reaped (a zombie) counts as gone."""
    owner = owner_process(db_path, "other-process", deck_data)
    try:
        assert store.unfinished() is None  # its owner is running
        owner.kill()
        # Not reaped yet: the process is a zombie, its pid still taken, its lock released.
        os.waitid(os.P_PID, owner.pid, os.WEXITED | os.WNOWAIT)
        offered = store.unfinished()
        assert offered is not None and offered.id == "other-process"
    finally:
        owner.kill()
        owner.communicate(timeout=30)


def test_a_reused_pid_does_not_keep_a_dead_session_from_being_offered(store, db_path, deck_data):
    owner = owner_process(db_path, "orphan", deck_data)
    owner.kill()
    owner.communicate(timeout=30)
    raw = sqlite3.connect(db_path)
    try:  # the dead owner's pid now belongs to a live process: this one
        raw.execute("UPDATE sessions SET owner_pid = ? WHERE id = 'orphan'", (os.getpid(),))
        raw.commit()
    finally:
        raw.close()
    offered = store.unfinished()
    assert offered is not None and offered.id == "orphan"


def test_unfinished_offers_an_in_progress_session_whose_owner_let_go(store, deck, db_path):
    orphan = saved(store, deck, started=day(1), texts=("half",), ratings=(3,), finish=None)
    finished = saved(store, deck, started=day(2), texts=("done",), ratings=(3,))
    live = saved(store, deck, started=day(3), texts=("typing",), ratings=(3,), finish=None)
    assert store.unfinished() is None  # every session here is owned by this live store
    other = HistoryStore.open(db_path)
    try:
        assert other.unfinished() is None  # ... whose lock another store sees held

        store.release(orphan.id)
        offered = other.unfinished()
        assert offered is not None and offered.id == orphan.id
        assert offered.status == "in_progress" and offered.answers[0].text == "half"
        assert live.id != offered.id and finished.id != offered.id

        store.delete_session(orphan.id)
        assert other.unfinished() is None  # the finished one is never offered
        store.close()
        assert other.unfinished().id == live.id  # a closed store owns nothing
    finally:
        other.close()


# --- two processes ----------------------------------------------------------------------------

WRITER_SCRIPT = r"""
import json, sys
from pathlib import Path
from mockint.core.deck import Deck
from mockint.core.session import AnswerRecord, SessionConfig, SessionRecord, select_questions
from mockint.storage.history import HistoryStore

path, tag, deck_json = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
deck = Deck.model_validate(json.loads(deck_json))
config = SessionConfig(deck_ids=[deck.id])
plan = select_questions([deck], config)
store = HistoryStore.open(path)
for i in range(30):
    record = SessionRecord(id=f"{tag}-{i:02d}", config=config, plan=plan, status="in_progress")
    store.save_session(record)
    draft = AnswerRecord(index=0, asked=plan[0], text=f"{tag} draft {i}", used=1.0)
    store.save_draft(record.id, draft)
    record.answers = [AnswerRecord(index=n, asked=q, text=f"{tag} answer {i} {n}", used=10.0 + n,
                                   rating=1 + n % 4, submitted_at=record.started_at)
                      for n, q in enumerate(plan)]
    record.status = "finished"
    record.ended_at = record.started_at
    store.save_session(record)
store.close()
"""


def test_two_processes_saving_at_the_same_time_lose_nothing(db_path, deck_data):
    HistoryStore.open(db_path).close()  # the history exists; both processes write into it
    deck_json = json.dumps(deck_data)
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER_SCRIPT, str(db_path), tag, deck_json],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for tag in ("left", "right")
    ]
    for writer in writers:
        out, err = writer.communicate(timeout=60)
        assert writer.returncode == 0, err

    store = HistoryStore.open(db_path)
    try:
        assert store.count_sessions() == 60
        assert store.count_sessions(HistoryFilter(statuses=())) == 60
        for tag in ("left", "right"):
            for i in range(30):
                record = store.load_session(f"{tag}-{i:02d}")
                assert record.status == "finished"
                assert [a.text for a in record.answers] == [f"{tag} answer {i} {n}"
                                                            for n in range(3)]
        assert len(store.search_answers("draft")) == 0
        assert len(store.search_answers("answer", limit=1000)) == 180
    finally:
        store.close()


# --- files that cannot be used ------------------------------------------------------------------


def garbage(path: Path) -> None:
    path.write_text("this is not sqlite" * 100)


def zeros(path: Path) -> None:
    path.write_bytes(b"\0" * 4096)


def another_programs_db(path: Path) -> None:
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE foo (id INTEGER PRIMARY KEY, name TEXT)")
    raw.execute("INSERT INTO foo (name) VALUES ('keep me')")
    raw.commit()
    raw.close()


def newer_schema(path: Path) -> None:
    HistoryStore.open(path).close()
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    raw.commit()
    raw.close()


@pytest.mark.parametrize(("make", "problem"), [
    (garbage, "not a readable SQLite database"),
    (zeros, "not a readable SQLite database"),
    (another_programs_db, "not a mockint history"),
    (newer_schema, "newer mockint"),
], ids=["garbage", "zeros", "another-program", "newer-schema"])
def test_a_file_that_is_not_our_history_is_refused_and_left_untouched(tmp_path, make, problem):
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "history.sqlite3"
    make(path)
    os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    before = file_state(path)
    with pytest.raises(HistoryUnavailable) as caught:
        HistoryStore.open(path)
    assert file_state(path) == before
    message = str(caught.value)
    assert str(path) in message and problem in message
    assert caught.value.path == path and caught.value.advice
    if make is newer_schema:
        assert f"schema {SCHEMA_VERSION + 5}" in message


def test_a_path_whose_folder_is_a_file_is_refused(tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    path = blocker / "history.sqlite3"
    with pytest.raises(HistoryUnavailable) as caught:
        HistoryStore.open(path)
    assert str(path) in str(caught.value)
    assert blocker.read_text() == "a file where the data folder should be"


NOBODY = 65534
OPEN_AS_NOBODY = (
    "import sys; from pathlib import Path; from mockint.storage.history import HistoryStore, "
    "HistoryUnavailable\n"
    "try:\n    HistoryStore.open(Path(sys.argv[1])).close()\n"
    "except HistoryUnavailable as problem:\n    print(problem)\nelse:\n    print('OPENED')")


def as_root() -> bool:
    return os.name == "posix" and os.geteuid() == 0


def read_only_folder(folder: Path) -> None:
    """chmod the folder (and, as root, give it to `nobody`, who opens it: root bypasses modes)."""
    if as_root():
        for item in [folder, *folder.iterdir()]:
            os.chown(item, NOBODY, NOBODY)
    folder.chmod(0o500)


def refusal(path: Path) -> str:
    """The message opening `path` is refused with, opened by an unprivileged user."""
    if not as_root():
        with pytest.raises(HistoryUnavailable) as caught:
            HistoryStore.open(path)
        return str(caught.value)
    proc = subprocess.run(
        ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
         sys.executable, "-c", OPEN_AS_NOBODY, str(path)],
        capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() != "OPENED"
    return proc.stdout.strip()


@pytest.fixture
def ro_folder(tmp_path: Path):
    """A folder to make read-only. As root (CI containers) it lives where `nobody` can reach."""
    if as_root():
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv to drop privileges")
        base = Path(tempfile.mkdtemp(prefix="mockint-ro-"))
        base.chmod(0o711)
        folder = base / "ro"
    else:
        base, folder = None, tmp_path / "ro"
    folder.mkdir()
    yield folder
    folder.chmod(0o700)
    if base is not None:
        shutil.rmtree(base)


def test_a_new_history_in_a_read_only_folder_is_refused(ro_folder):
    path = ro_folder / "history.sqlite3"
    read_only_folder(ro_folder)
    message = refusal(path)
    assert str(path) in message and "writable" in message
    assert os.listdir(ro_folder) == []


def test_an_existing_history_in_a_read_only_folder_is_refused_as_unwritable(ro_folder, deck):
    path = ro_folder / "history.sqlite3"
    store = HistoryStore.open(path)
    saved(store, deck)
    store.close()
    os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    read_only_folder(ro_folder)
    before = file_state(path)
    message = refusal(path)
    assert file_state(path) == before
    assert str(path) in message
    # It is a good history in a folder that cannot be written: do not tell the user to move it.
    assert "writable" in message and "new history" not in message


# --- the background writer -------------------------------------------------------------------------


def test_background_writer_runs_jobs_in_order_and_flush_waits(store):
    done: list[int] = []
    errors: list[Exception] = []
    writer = BackgroundWriter(store, errors.append)
    try:
        for n in range(20):
            writer.submit(lambda n=n: done.append(n))
        # A job that only finishes when the test lets it: flush must wait for it.
        gate, order = threading.Event(), []
        writer.submit(lambda: (gate.wait(10), order.append("job")))
        flushing = threading.Thread(target=lambda: (writer.flush(), order.append("flush")))
        flushing.start()
        gate.set()
        flushing.join(10)
        assert order == ["job", "flush"]
        assert done == list(range(20)) and errors == []
    finally:
        writer.close()


def test_background_writer_reports_a_failed_job_and_runs_the_next(store):
    done: list[str] = []
    errors: list[Exception] = []
    writer = BackgroundWriter(store, errors.append)
    boom = OSError("disk full")

    def fails():
        raise boom

    try:
        writer.submit(lambda: done.append("before"))
        writer.submit(fails)
        writer.submit(lambda: done.append("after"))
        writer.flush()
        assert errors == [boom]
        assert done == ["before", "after"]
    finally:
        writer.close()


def test_background_writer_keeps_a_draft_from_landing_after_the_submit(store, deck):
    clock = FakeClock()
    cfg = SessionConfig(deck_ids=[deck.id], count=1)
    interview = Interview.start(select_questions([deck], cfg), cfg, clock=clock)
    store.save_session(interview.record)
    errors: list[Exception] = []
    writer = BackgroundWriter(store, errors.append)
    try:
        interview.begin()
        for n in range(10):
            clock.advance(1)
            interview.update_text(f"draft {n}")
            draft = interview.checkpoint().model_copy(deep=True)
            writer.submit(lambda draft=draft: store.save_draft(interview.record.id, draft))
        interview.submit("submitted text")
        final = interview.record.model_copy(deep=True)
        writer.submit(lambda: store.save_session(final))
        writer.flush()
    finally:
        writer.close()
    assert errors == []
    answer = store.load_answer(interview.record.id, 0)
    assert (answer.text, answer.used) == ("submitted text", 10)
    assert answer.submitted_at is not None


def test_the_deck_filter_lists_each_deck_of_the_history_once_in_order(store, deck_data):
    from tests.helpers import make_record

    assert store.deck_ids() == []
    for deck_id in ("zeta-deck", "alpha-deck", "zeta-deck", "mid-deck"):
        deck = Deck.model_validate({**deck_data, "id": deck_id})
        store.save_session(make_record(deck, ["an answer", "another"], [3, 2]))
    assert store.deck_ids() == ["alpha-deck", "mid-deck", "zeta-deck"]
