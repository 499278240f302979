"""A damaged, foreign or full history: a clear message every time, nothing lost, nothing leaked.

Issue 11 items 5 (damage met while reading), 8 (a full disk), 11 (another
program's database) and 16 (private files).
"""

from __future__ import annotations

import os
import random
import sqlite3
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mockint import paths
from mockint.cli import main
from mockint.core.deck import Deck
from mockint.core.scheduling import scheduler
from mockint.core.session import (
    AnswerRecord,
    Interview,
    SessionConfig,
    SessionRecord,
    select_questions,
)
from mockint.core.stats import compute_stats
from mockint.core.timing import FakeClock
from mockint.storage.history import (
    BackgroundWriter,
    HistoryCorrupt,
    HistoryFilter,
    HistoryStore,
    HistoryUnavailable,
    HistoryWriteFailed,
)
from mockint.storage.practice import choose

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


@pytest.fixture
def deck(deck_data) -> Deck:
    return Deck.model_validate(deck_data)


def finished_session(deck: Deck, n: int, text_size: int = 0) -> SessionRecord:
    config = SessionConfig(deck_ids=[deck.id])
    plan = select_questions([deck], config)
    started = NOW - timedelta(days=n % 60, minutes=n)
    filler = ("answer words " * (text_size // 13 + 1))[:text_size]
    answers = [AnswerRecord(index=i, asked=q, text=f"session {n} answer {i} {filler}", used=30.0,
                            rating=1 + (n + i) % 4, submitted_at=started, rated_at=started)
               for i, q in enumerate(plan)]
    return SessionRecord(id=f"s{n:04d}", config=config, plan=plan, started_at=started,
                         ended_at=started, status="finished", answers=answers)


def every_reader(store: HistoryStore, deck: Deck) -> list[object]:
    """Each way the CLI and the TUI read the history: what they return or raise."""
    calls = [
        lambda: store.list_sessions(limit=1000),
        lambda: store.count_sessions(),
        lambda: store.search_answers("answer", limit=1000),
        lambda: [store.load_session(f"s{n:04d}") for n in range(40)],
        lambda: store.load_answer("s0020", 1),
        lambda: store.question_timeline(deck.id, deck.questions[0].id),
        lambda: store.deck_ids(),
        lambda: store.unfinished(),
        lambda: store.due_cards(),
        lambda: store.question_records(),
        lambda: compute_stats(store, [deck], NOW),
        lambda: choose("mixed", store, [deck], SessionConfig(deck_ids=[deck.id], kind="mixed"),
                       NOW, 5),
    ]
    results: list[object] = []
    for call in calls:
        try:
            results.append(call())
        except HistoryUnavailable as problem:
            results.append(problem)
    return results


def assert_clear(problem: HistoryUnavailable, path: Path) -> None:
    message = problem.user_message
    assert str(path) in message
    assert ".recover" in message and "backup" in message


# --- item 5: damage met after opening ------------------------------------------------------


@pytest.fixture
def big_history(tmp_path, deck) -> Path:
    """A history of a few megabytes: 40 sessions of 3 answers of ~25 KB each."""
    path = tmp_path / "history.sqlite3"
    store = HistoryStore.open(path)
    fsrs = scheduler(0.9, fuzz=False)
    for n in range(40):
        record = finished_session(deck, n, text_size=25_000)
        store.save_session(record)
        for answer in record.answers:
            store.record_review(record.id, answer, fsrs)
    store.close()
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert path.stat().st_size > 3_000_000
    return path


def test_a_history_damaged_in_the_middle_gives_every_reader_the_same_clear_message(
        big_history, deck):
    size = big_history.stat().st_size
    with big_history.open("r+b") as handle:  # 200 KB of noise in the middle, as a bad disk would
        handle.seek(size // 2 - 100_000)
        handle.write(random.Random(11).randbytes(200_000))
    try:
        store = HistoryStore.open(big_history)
    except HistoryCorrupt as problem:  # found at open: the same message
        assert_clear(problem, big_history)
        return
    try:
        results = every_reader(store, deck)
    finally:
        store.close()
    problems = [r for r in results if isinstance(r, HistoryUnavailable)]
    assert problems, "the damage should be met by some reader"
    for problem in problems:
        assert isinstance(problem, HistoryCorrupt)
        assert_clear(problem, big_history)


def test_text_that_is_not_utf8_is_reported_as_damage_not_a_traceback(tmp_path, deck):
    path = tmp_path / "history.sqlite3"
    store = HistoryStore.open(path)
    store.save_session(finished_session(deck, 1))
    store._db.execute("UPDATE answers SET text = CAST(x'c328ff61' AS TEXT) WHERE idx = 1")
    try:
        with pytest.raises(HistoryCorrupt) as caught:
            store.load_session("s0001")
        assert "Could not decode to UTF-8" in caught.value.problem
        assert_clear(caught.value, path)
        assert store.count_sessions() == 1  # what does not touch the bad text still works
        store._db.execute("UPDATE sessions SET note = CAST(x'c328ff61' AS TEXT)")
        with pytest.raises(HistoryCorrupt):
            store.list_sessions()
    finally:
        store.close()


def test_story_bank_and_card_rows_that_no_longer_parse_are_reported_as_damage(tmp_path, deck):
    """The story bank's and the scheduler's readers say "damaged, here is what to do" as the
    session readers do, instead of a bare ValueError from a date or JSON that no longer parses."""
    from mockint.core.stories import Story, StoryUse

    path = tmp_path / "history.sqlite3"
    store = HistoryStore.open(path)
    record = finished_session(deck, 1)
    store.save_session(record)
    store.record_review(record.id, record.answers[0], scheduler(0.9, fuzz=False))
    store.save_story(Story(id="a1", title="Outage", created_at=NOW, updated_at=NOW))
    store.record_story_use(StoryUse(session_id=record.id, answer_index=0, story_id="a1",
                                    competencies=[], used_at=NOW))
    store._db.execute("UPDATE stories SET figures = 'not json'")
    store._db.execute("UPDATE story_uses SET used_at = 'last tuesday'")
    store._db.execute("UPDATE cards SET due = '2026-13-45 soon'")
    readers = {
        "list_stories": store.list_stories, "get_story": lambda: store.get_story("a1"),
        "story_use_for": lambda: store.story_use_for(record.id, 0),
        "story_uses": lambda: store.story_uses(session_id=record.id),
        "due_cards": store.due_cards,
        "card_due": lambda: store.card_due(deck.id, record.answers[0].asked.question.id),
        "due_before": lambda: store.due_before(NOW + timedelta(days=400)),
    }
    try:
        for read in readers.values():
            with pytest.raises(HistoryCorrupt) as caught:
                read()
            assert_clear(caught.value, path)
    finally:
        store.close()


def test_a_row_whose_snapshot_no_longer_parses_is_reported_as_damage(tmp_path, deck):
    path = tmp_path / "history.sqlite3"
    store = HistoryStore.open(path)
    store.save_session(finished_session(deck, 1))
    store._db.execute("UPDATE answers SET asked = '{\"not\": \"a question\"' WHERE idx = 0")
    try:
        with pytest.raises(HistoryCorrupt) as caught:
            store.load_session("s0001")
        assert_clear(caught.value, path)
    finally:
        store.close()


@pytest.mark.parametrize("command", [["history"], ["history", "--search", "session"], ["stats"],
                                     ["export", "s0001"], ["export", "s0001", "--format", "json"]])
def test_cli_readers_of_a_damaged_history_print_the_message_and_exit_1(command, deck, capsys):
    path = paths.history_db_path()
    store = HistoryStore.open(path)
    store.save_session(finished_session(deck, 1))
    store._db.execute("UPDATE answers SET asked = CAST(x'c328ff61' AS TEXT), "
                      "category = CAST(x'c328ff61' AS TEXT)")
    store._db.execute("UPDATE sessions SET deck_titles = CAST(x'c328ff61' AS TEXT), "
                      "started_at = CAST(x'c328ff61' AS TEXT)")
    store.close()
    assert main(command) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.startswith("mockint: history unavailable:") and str(path) in err
    assert ".recover" in err


# --- item 11: another program's database, whatever its user_version ----------------------------


def foreign_db(path: Path, version: int) -> None:
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE sessions (id INTEGER PRIMARY KEY, title TEXT, started TEXT)")
    raw.execute("INSERT INTO sessions (title) VALUES ('keep me')")
    raw.execute(f"PRAGMA user_version = {version}")
    raw.commit()
    raw.close()


@pytest.mark.parametrize("version", [1, 4, 6])
def test_another_programs_database_with_a_user_version_is_refused_and_never_written(
        tmp_path, version):
    path = tmp_path / "data" / "history.sqlite3"
    path.parent.mkdir()
    foreign_db(path, version)
    os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    before = (path.read_bytes(), path.stat().st_mtime_ns, sorted(os.listdir(path.parent)))
    with pytest.raises(HistoryCorrupt) as caught:
        HistoryStore.open(path)
    assert "not a mockint history" in str(caught.value) and str(path) in str(caught.value)
    assert (path.read_bytes(), path.stat().st_mtime_ns, sorted(os.listdir(path.parent))) == before
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


@pytest.mark.parametrize("command", [["history"], ["history", "--search", "x"], ["stats"],
                                     ["export", "abc"], ["practice"]])
def test_cli_readers_of_another_programs_database_say_so_and_exit_1(command, capsys):
    path = paths.history_db_path()
    path.parent.mkdir(parents=True)
    foreign_db(path, 6)
    assert main(command) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "not a mockint history" in err and str(path) in err


# --- item 8: a full disk --------------------------------------------------------------------


class FillableDisk:
    """The store's connection, with a disk that can be full for every write."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self.full = False

    def execute(self, sql: str, *args):
        if self.full and sql.lstrip().split()[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            raise sqlite3.OperationalError("database or disk is full")
        return self._connection.execute(sql, *args)

    def __getattr__(self, name: str):
        return getattr(self._connection, name)


def test_answers_saved_while_the_disk_is_full_are_kept_and_saved_once_there_is_room(
        tmp_path, deck):
    """Type, submit, rate, next on a full disk; free it: every answer, rating and review lands."""
    store = HistoryStore.open(tmp_path / "history.sqlite3")
    disk = FillableDisk(store._db)
    store._db = disk  # type: ignore[assignment]
    errors: list[Exception] = []
    recovered: list[bool] = []
    writer = BackgroundWriter(store, errors.append, on_recovered=lambda: recovered.append(True),
                              retry_after=0.01, max_retry_after=0.05)
    clock = FakeClock()
    config = SessionConfig(deck_ids=[deck.id])
    interview = Interview.start(select_questions([deck], config), config, clock=clock,
                                wall_clock=lambda: NOW)
    fsrs = scheduler(0.9, fuzz=False)

    def save(*answers: int) -> None:
        record = interview.record.model_copy(deep=True)
        writer.submit(lambda: store.save_session(record, list(answers)))

    try:
        interview.begin()
        interview.update_text("before the disk filled")
        save(0)
        assert writer.flush()
        disk.full = True
        for n, text in enumerate(["answer zero, typed on a full disk", "answer one"]):
            clock.advance(20)
            draft = interview.checkpoint().model_copy(deep=True)
            writer.submit(lambda d=draft: store.save_draft(interview.record.id, d))
            interview.submit(text)
            save(n)
            interview.reveal()
            interview.rate(3)
            rated = interview.answer.model_copy(deep=True)
            writer.submit(lambda a=rated: store.record_review(interview.record.id, a, fsrs))
            save(n)
            interview.next()
            interview.begin()
            save(n, n + 1)
        assert not writer.flush(timeout=0.3)  # still held back, not dropped
        assert writer.pending > 0 and isinstance(writer.failing, HistoryWriteFailed)
        assert len(errors) == 1 and "disk is full" in str(errors[0])  # said once, not per retry
        # Nothing half-saved meanwhile: the row claims no more than what is stored.
        row = store.query("SELECT answered_count FROM sessions")[0]
        assert row["answered_count"] == 0

        disk.full = False
        assert writer.flush()
    finally:
        writer.close()
    assert recovered == [True] and writer.failing is None and writer.pending == 0
    saved = store.load_session(interview.record.id)
    assert [a.text for a in saved.answers[:2]] == ["answer zero, typed on a full disk",
                                                   "answer one"]
    assert all(a.rating == 3 and a.submitted_at is not None for a in saved.answers[:2])
    assert store.query("SELECT COUNT(*) AS n FROM reviews")[0]["n"] == 2
    (summary,) = store.list_sessions(HistoryFilter(statuses=("in_progress",)))
    assert summary.answered_count == 2
    store.close()


def test_the_session_row_never_claims_more_answers_than_are_stored(tmp_path, deck):
    store = HistoryStore.open(tmp_path / "history.sqlite3")
    try:
        record = finished_session(deck, 1)
        store.save_session(record, answers=[2])  # answers 0 and 1 never reached the disk
        (summary,) = store.list_sessions()
        assert summary.answered_count == 1
        assert summary.avg_rating == record.answers[2].rating
    finally:
        store.close()


# --- item 16: private by default ---------------------------------------------------------------


def test_a_new_history_its_wal_and_shm_and_the_data_folder_are_private(deck, monkeypatch):
    os.umask(old := os.umask(0o022))
    try:
        path = paths.history_db_path()
        store = HistoryStore.open(path)
        store.save_session(finished_session(deck, 1))
        mode = lambda p: stat.S_IMODE(p.stat().st_mode)  # noqa: E731
        assert mode(path.parent) == 0o700
        for name in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            assert name.exists() and mode(name) == 0o600, name
        store.close()
    finally:
        os.umask(old)
