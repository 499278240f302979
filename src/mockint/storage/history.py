"""The history of every session, in SQLite.

One file (``history.sqlite3`` in the data folder), WAL mode so a reader never
blocks the writer and two mockint processes can both save, foreign keys on, a
busy timeout for the moments two writers meet, and the schema versioned with
``PRAGMA user_version``: `MIGRATIONS[n]` takes a database from version n to
n + 1 inside one transaction.

A file that is not a mockint history (corrupt, another program's database, a
newer schema, a folder we cannot write) is never changed or deleted: opening
it raises `HistoryUnavailable` with the file, what is wrong and what to do.
"""

from __future__ import annotations

import json
import os
import queue
import socket
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from mockint.core.analysis import AnswerAnalysis
from mockint.core.session import AnswerRecord, AskedQuestion, SessionConfig, SessionRecord

if TYPE_CHECKING:  # fsrs costs ~25 ms to import: only practice needs it, not start-up
    from fsrs import Scheduler

    from mockint.core.practice import QuestionKey, QuestionRecord

BUSY_TIMEOUT_MS = 5000
STALE_AFTER = timedelta(minutes=2)  # a session not saved for this long has lost its process

MIGRATIONS: list[str] = [
    # 0 → 1: sessions and their answers.
    """
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        updated_at TEXT NOT NULL,
        status TEXT NOT NULL,
        mode TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'custom',
        deck_ids TEXT NOT NULL,
        deck_titles TEXT NOT NULL DEFAULT '',
        config TEXT NOT NULL,
        plan TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        question_count INTEGER NOT NULL DEFAULT 0,
        answered_count INTEGER NOT NULL DEFAULT 0,
        avg_rating REAL,
        total_used REAL NOT NULL DEFAULT 0,
        owner_pid INTEGER,
        owner_host TEXT
    );
    CREATE TABLE answers (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        deck_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        category TEXT NOT NULL,
        asked TEXT NOT NULL,
        text TEXT NOT NULL DEFAULT '',
        used REAL NOT NULL DEFAULT 0,
        paused REAL NOT NULL DEFAULT 0,
        overtime REAL NOT NULL DEFAULT 0,
        skipped INTEGER NOT NULL DEFAULT 0,
        peeks TEXT NOT NULL DEFAULT '[]',
        key_points_checked TEXT NOT NULL DEFAULT '[]',
        star_checked TEXT NOT NULL DEFAULT '{}',
        rating INTEGER,
        follow_ups TEXT NOT NULL DEFAULT '[]',
        started_at TEXT,
        submitted_at TEXT,
        UNIQUE (session_id, idx)
    );
    """,
    # 1 → 2: indexes for the history screen and full-text search of answers.
    """
    CREATE INDEX sessions_by_start ON sessions (started_at DESC);
    CREATE INDEX sessions_by_status ON sessions (status);
    CREATE INDEX answers_by_question ON answers (deck_id, question_id);
    CREATE INDEX answers_by_deck ON answers (deck_id, session_id);
    CREATE INDEX answers_by_category ON answers (category, session_id);
    CREATE VIRTUAL TABLE answers_fts USING fts5 (text, content='answers', content_rowid='id');
    INSERT INTO answers_fts (rowid, text) SELECT id, text FROM answers;
    CREATE TRIGGER answers_fts_insert AFTER INSERT ON answers BEGIN
        INSERT INTO answers_fts (rowid, text) VALUES (new.id, new.text);
    END;
    CREATE TRIGGER answers_fts_delete AFTER DELETE ON answers BEGIN
        INSERT INTO answers_fts (answers_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END;
    CREATE TRIGGER answers_fts_update AFTER UPDATE OF text ON answers BEGIN
        INSERT INTO answers_fts (answers_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO answers_fts (rowid, text) VALUES (new.id, new.text);
    END;
    """,
    # 2 → 3: the analysis of each answer (what mockint suggested; the user's
    # final ticks stay in key_points_checked / star_checked).
    """
    ALTER TABLE answers ADD COLUMN analysis TEXT;
    """,
    # 3 → 4: FSRS cards, one per question, and the log of every review.
    """
    ALTER TABLE answers ADD COLUMN rated_at TEXT;
    CREATE TABLE cards (
        deck_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        card TEXT NOT NULL,
        due TEXT NOT NULL,
        state INTEGER NOT NULL,
        reviews INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (deck_id, question_id)
    );
    CREATE INDEX cards_by_due ON cards (due);
    CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        deck_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        rating INTEGER NOT NULL,
        reviewed_at TEXT NOT NULL,
        session_id TEXT,
        answer_idx INTEGER,
        due_after TEXT NOT NULL,
        UNIQUE (session_id, answer_idx)
    );
    CREATE INDEX reviews_by_question ON reviews (deck_id, question_id, reviewed_at);
    """,
    # 4 → 5: an index for status and date together (the list query now walks
    # sessions_by_start instead, see _where; this one serves status lookups).
    """
    CREATE INDEX sessions_by_status_start ON sessions (status, started_at DESC);
    """,
    # 5 → 6: practice and stats read small covering indexes instead of answer rows,
    # which carry kilobytes of question snapshot each (choosing weak questions took
    # 1.8 s and the stats 0.5 s on 100,000 answers; bench/practice_stats.py).
    """
    ALTER TABLE answers ADD COLUMN topics TEXT NOT NULL DEFAULT '';
    UPDATE answers SET topics = COALESCE((SELECT group_concat(value, ' ')
        FROM json_each(answers.asked, '$.question.topics')), '');
    CREATE INDEX answers_recent ON answers
        (deck_id, question_id, submitted_at DESC, rating, overtime, key_points_checked);
    CREATE INDEX answers_stats ON answers
        (session_id, submitted_at, rating, overtime, category, topics);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


class HistoryUnavailable(Exception):
    """The history file cannot be used; nothing in it was changed."""

    def __init__(self, path: Path, problem: str, advice: str) -> None:
        super().__init__(f"{path}: {problem}. {advice}")
        self.path, self.problem, self.advice = path, problem, advice


@dataclass(frozen=True)
class SessionSummary:
    """One row of the history list."""

    id: str
    started_at: datetime
    ended_at: datetime | None
    status: str
    mode: str
    deck_titles: str
    question_count: int
    answered_count: int
    avg_rating: float | None
    total_used: float
    note: str


@dataclass(frozen=True)
class AnswerHit:
    """An answer found by search or on a question's timeline."""

    session_id: str
    started_at: datetime
    index: int
    deck_id: str
    question_id: str
    prompt: str
    rating: int | None
    used: float
    text: str


@dataclass
class HistoryFilter:
    deck_id: str | None = None
    category: str | None = None
    min_rating: float | None = None
    max_rating: float | None = None
    since: datetime | None = None
    until: datetime | None = None
    statuses: Sequence[str] = field(default_factory=lambda: ("finished", "abandoned"))


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value else None


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def fts_query(text: str) -> str:
    """User words as an FTS5 query: every word must appear, the last may be a prefix."""
    words = [w for w in text.replace('"', " ").split() if w]
    if not words:
        return ""
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


class HistoryStore:
    """Sessions and answers on disk. Thread-safe: workers may save while the UI reads."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection
        self._lock = threading.RLock()

    # --- opening -------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> HistoryStore:
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000,
                                         check_same_thread=False, isolation_level=None)
        except (OSError, sqlite3.Error) as error:
            raise HistoryUnavailable(path, f"cannot open the file ({error})",
                                     _advice_for(path)) from None
        try:
            store = cls(path, connection)
            store._prepare()
        except HistoryUnavailable:
            connection.close()
            raise
        except sqlite3.DatabaseError as error:
            connection.close()
            if "locked" in str(error):
                raise HistoryUnavailable(path, "busy: another mockint is writing to it",
                                         "Try again in a moment.") from None
            if _cannot_write(error):
                raise HistoryUnavailable(path, f"cannot write ({error})",
                                         _advice_for(path)) from None
            raise HistoryUnavailable(path, f"not a readable SQLite database ({error})",
                                     "Move the file aside (it is left untouched) and mockint "
                                     "starts a new history; a backup may restore the old one.") from None
        return store

    def _prepare(self) -> None:
        db = self._db
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = self._checked_version()
        try:
            self._use_wal()
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA foreign_keys = ON")
            self._migrate(version)
        except sqlite3.OperationalError as error:
            if _cannot_write(error):
                raise HistoryUnavailable(self.path, f"cannot write ({error})",
                                         _advice_for(self.path)) from None
            raise

    def _checked_version(self) -> int:
        """The schema version, refusing (without writing) a file that is not ours."""
        db = self._db
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise HistoryUnavailable(
                self.path, f"written by a newer mockint (schema {version}, this one reads up to "
                f"{SCHEMA_VERSION})", "Upgrade mockint, or point MOCKINT_HOME elsewhere.")
        if version == 0 and self._has_tables():
            # Another mockint may be creating it this very moment: look again once
            # its write lock is released.
            with self._transaction():
                version = db.execute("PRAGMA user_version").fetchone()[0]
            if version == 0 and self._has_tables():
                raise HistoryUnavailable(
                    self.path, "this is a SQLite file, but not a mockint history",
                    "Move it aside; mockint will start a new history there.")
        return version

    def _has_tables(self) -> bool:
        return self._db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1").fetchone() is not None

    def _use_wal(self) -> None:
        # Switching to WAL ignores the busy timeout: while another mockint holds the
        # write lock it fails at once with "locked", so wait here instead.
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                self._db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def _migrate(self, version: int) -> None:
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with self._transaction() as db:
                # Read again under the write lock: another mockint starting at the
                # same moment may have run this step already.
                if db.execute("PRAGMA user_version").fetchone()[0] >= target:
                    continue
                for statement in _statements(MIGRATIONS[target - 1]):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {target}")

    @property
    def version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def query(self, sql: str, params: Sequence[object] = ()) -> list[dict]:
        with self._lock:
            cursor = self._db.execute(sql, params)
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    # --- saving --------------------------------------------------------------

    def save_session(self, record: SessionRecord, answers: Sequence[int] | None = None) -> None:
        """Write the session row and its answers (all, or the indexes given) in one go."""
        chosen = record.answers if answers is None else [record.answers[i] for i in answers]
        with self._transaction() as db:
            self._write_session(db, record)
            for answer in chosen:
                self._write_answer(db, record.id, answer)

    def save_draft(self, session_id: str, answer: AnswerRecord) -> None:
        """The answer being typed, with its clock; called about once a second while typing."""
        with self._transaction() as db:
            self._write_answer(db, session_id, answer)
            db.execute("UPDATE sessions SET updated_at = ? WHERE id = ?",
                       (_iso(datetime.now(UTC)), session_id))

    def _write_session(self, db: sqlite3.Connection, record: SessionRecord) -> None:
        titles = ", ".join(dict.fromkeys(a.deck_title for a in record.plan))
        db.execute(
            """
            INSERT INTO sessions (id, started_at, ended_at, updated_at, status, mode, kind,
                deck_ids, deck_titles, config, plan, note, question_count, answered_count,
                avg_rating, total_used, owner_pid, owner_host)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET
                ended_at = excluded.ended_at, updated_at = excluded.updated_at,
                status = excluded.status, note = excluded.note,
                answered_count = excluded.answered_count, avg_rating = excluded.avg_rating,
                total_used = excluded.total_used, owner_pid = excluded.owner_pid,
                owner_host = excluded.owner_host
            """,
            (
                record.id, _iso(record.started_at), _iso(record.ended_at),
                _iso(datetime.now(UTC)), record.status, record.config.mode, record.config.kind,
                json.dumps(record.config.deck_ids), titles, record.config.model_dump_json(),
                json.dumps([a.model_dump(mode="json") for a in record.plan]), record.note,
                len(record.plan), sum(1 for a in record.answers if a.submitted_at),
                record.average_rating, record.total_used, os.getpid(), socket.gethostname(),
            ),
        )

    def _write_answer(self, db: sqlite3.Connection, session_id: str, answer: AnswerRecord) -> None:
        question = answer.asked.question
        db.execute(
            """
            INSERT INTO answers (session_id, idx, deck_id, question_id, category, asked, text,
                used, paused, overtime, skipped, peeks, key_points_checked, star_checked,
                rating, follow_ups, started_at, submitted_at, analysis, rated_at, topics)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (session_id, idx) DO UPDATE SET
                text = excluded.text, used = excluded.used, paused = excluded.paused,
                overtime = excluded.overtime, skipped = excluded.skipped,
                peeks = excluded.peeks, key_points_checked = excluded.key_points_checked,
                star_checked = excluded.star_checked, rating = excluded.rating,
                follow_ups = excluded.follow_ups, started_at = excluded.started_at,
                submitted_at = excluded.submitted_at, analysis = excluded.analysis,
                rated_at = excluded.rated_at
            """,
            (
                session_id, answer.index, answer.asked.deck_id, question.id, question.category,
                answer.asked.model_dump_json(), answer.text, answer.used, answer.paused,
                answer.overtime, int(answer.skipped), json.dumps(answer.peeks),
                json.dumps(answer.key_points_checked), json.dumps(answer.star_checked),
                answer.rating, json.dumps([f.model_dump(mode="json") for f in answer.follow_ups]),
                _iso(answer.started_at), _iso(answer.submitted_at),
                answer.analysis.model_dump_json() if answer.analysis else None,
                _iso(answer.rated_at), " ".join(question.topics),
            ),
        )

    def set_note(self, session_id: str, note: str) -> None:
        with self._transaction() as db:
            db.execute("UPDATE sessions SET note = ? WHERE id = ?", (note, session_id))

    def delete_session(self, session_id: str) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM sessions WHERE id = ?", (session_id,))

    def abandon(self, session_id: str) -> None:
        with self._transaction() as db:
            db.execute("UPDATE sessions SET status = 'abandoned', ended_at = COALESCE(ended_at, ?)"
                       " WHERE id = ?", (_iso(datetime.now(UTC)), session_id))

    # --- reading -------------------------------------------------------------

    def load_session(self, session_id: str) -> SessionRecord:
        rows = self.query("SELECT * FROM sessions WHERE id = ?", (session_id,))
        if not rows:
            raise KeyError(session_id)
        row = rows[0]
        answers = self.query("SELECT * FROM answers WHERE session_id = ? ORDER BY idx",
                              (session_id,))
        return SessionRecord(
            id=row["id"],
            config=SessionConfig.model_validate_json(row["config"]),
            plan=[AskedQuestion.model_validate(a) for a in json.loads(row["plan"])],
            started_at=_dt(row["started_at"]),
            ended_at=_dt(row["ended_at"]),
            status=row["status"],
            note=row["note"],
            answers=[_answer_from_row(a) for a in answers],
        )

    def resolve_id(self, prefix: str) -> str:
        """A full session id from the start of one (as `mockint history` shows)."""
        rows = self.query("SELECT id FROM sessions WHERE substr(id, 1, ?) = ? LIMIT 2",
                           (len(prefix), prefix))
        if len(rows) != 1:
            raise KeyError(prefix)
        return rows[0]["id"]

    def list_sessions(self, filters: HistoryFilter | None = None, *, limit: int = 50,
                      offset: int = 0) -> list[SessionSummary]:
        where, params = _where(filters or HistoryFilter())
        rows = self.query(
            f"SELECT {_SUMMARY_COLUMNS} FROM sessions s {where} "
            "ORDER BY s.started_at DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [_summary_from_row(r) for r in rows]

    def count_sessions(self, filters: HistoryFilter | None = None) -> int:
        where, params = _where(filters or HistoryFilter())
        return self.query(f"SELECT COUNT(*) AS n FROM sessions s {where}", params)[0]["n"]

    def search_answers(self, text: str, *, limit: int = 100) -> list[AnswerHit]:
        query = fts_query(text)
        if not query:
            return []
        rows = self.query(
            f"""
            SELECT {_HIT_COLUMNS} FROM answers_fts f
            JOIN answers a ON a.id = f.rowid JOIN sessions s ON s.id = a.session_id
            WHERE answers_fts MATCH ? ORDER BY s.started_at DESC LIMIT ?
            """,
            (query, limit),
        )
        return [_hit_from_row(r) for r in rows]

    def question_timeline(self, deck_id: str, question_id: str) -> list[AnswerHit]:
        """Every answer ever given to one question, oldest first."""
        rows = self.query(
            f"""
            SELECT {_HIT_COLUMNS} FROM answers a
            JOIN sessions s ON s.id = a.session_id
            WHERE a.deck_id = ? AND a.question_id = ? ORDER BY s.started_at
            """,
            (deck_id, question_id),
        )
        return [_hit_from_row(r) for r in rows]

    def load_answer(self, session_id: str, index: int) -> AnswerRecord:
        rows = self.query("SELECT * FROM answers WHERE session_id = ? AND idx = ?",
                           (session_id, index))
        if not rows:
            raise KeyError((session_id, index))
        return _answer_from_row(rows[0])

    def deck_ids(self) -> list[str]:
        """Every deck id that appears in the history (read from an index), for the filter."""
        return [r["deck_id"] for r in self.query(
            "SELECT DISTINCT deck_id FROM answers ORDER BY deck_id")]

    def unfinished(self) -> SessionRecord | None:
        """The newest in-progress session whose process is gone, to offer for resuming."""
        rows = self.query("SELECT id, updated_at, owner_pid, owner_host FROM sessions "
                           "WHERE status = 'in_progress' ORDER BY started_at DESC")
        for row in rows:
            if not _owner_alive(row):
                return self.load_session(row["id"])
        return None

    # --- practice (FSRS) -------------------------------------------------------

    def record_review(self, session_id: str, answer: AnswerRecord, fsrs: Scheduler) -> bool:
        """Move the question's card by the answer's rating, once per answer."""
        from mockint.core.scheduling import card_from_json, card_to_json, new_card, review

        if answer.rating is None:
            return False
        key = (answer.asked.deck_id, answer.asked.question.id)
        when = answer.rated_at or answer.submitted_at or datetime.now(UTC)
        with self._transaction() as db:
            seen = db.execute("SELECT 1 FROM reviews WHERE session_id = ? AND answer_idx = ?",
                              (session_id, answer.index)).fetchone()
            if seen:
                return False
            row = db.execute("SELECT card FROM cards WHERE deck_id = ? AND question_id = ?",
                             key).fetchone()
            card = card_from_json(row[0]) if row else new_card(key)
            card = review(card, answer.rating, when, fsrs)
            db.execute(
                "INSERT INTO cards (deck_id, question_id, card, due, state, reviews) "
                "VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (deck_id, question_id) DO UPDATE SET "
                "card = excluded.card, due = excluded.due, state = excluded.state, "
                "reviews = reviews + 1",
                (*key, card_to_json(card), _iso(card.due), int(card.state)))
            db.execute(
                "INSERT INTO reviews (deck_id, question_id, rating, reviewed_at, session_id, "
                "answer_idx, due_after) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (*key, answer.rating, _iso(when), session_id, answer.index, _iso(card.due)))
        return True

    def due_cards(self) -> list[tuple[QuestionKey, datetime]]:
        rows = self.query("SELECT deck_id, question_id, due FROM cards ORDER BY due")
        return [((r["deck_id"], r["question_id"]), _dt(r["due"])) for r in rows]

    def card_states(self) -> dict[QuestionKey, int]:
        rows = self.query("SELECT deck_id, question_id, state FROM cards")
        return {(r["deck_id"], r["question_id"]): r["state"] for r in rows}

    def seen_keys(self) -> set[QuestionKey]:
        rows = self.query("SELECT DISTINCT deck_id, question_id FROM answers "
                          "WHERE submitted_at IS NOT NULL")
        return {(r["deck_id"], r["question_id"]) for r in rows}

    def question_records(self, recent: int = 3) -> list[QuestionRecord]:
        """Each answered question's last `recent` rated answers, for finding weak spots."""
        records = []
        for key in self.seen_keys():
            rows = self.query(
                "SELECT rating, overtime, key_points_checked FROM answers "
                "WHERE deck_id = ? AND question_id = ? AND submitted_at IS NOT NULL "
                "AND rating IS NOT NULL ORDER BY submitted_at DESC LIMIT ?", (*key, recent))
            if rows:
                records.append(_question_record(key, rows))
        return records

    def answers_since(self, since: str) -> list[dict]:
        """Submitted answers of sessions started since `since`: what the stats count."""
        return self.query(
            "SELECT s.started_at, a.rating, a.overtime, a.category, a.topics "
            "FROM sessions s JOIN answers a ON a.session_id = s.id "
            "WHERE s.started_at >= ? AND a.submitted_at IS NOT NULL", (since,))


def _question_record(key: QuestionKey, answers: list[dict]) -> QuestionRecord:
    from mockint.core.practice import QuestionRecord

    checked = [json.loads(a["key_points_checked"]) for a in answers]
    points = sum(len(c) for c in checked)
    coverage = sum(sum(c) for c in checked) / points if points else 1.0
    return QuestionRecord(
        key=key,
        recent_ratings=tuple(a["rating"] for a in answers),
        coverage=coverage,
        overtime_share=sum(1 for a in answers if a["overtime"] > 0) / len(answers),
    )


def _statements(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    statements, current = [], []
    for line in script.strip().splitlines():
        current.append(line)
        joined = "\n".join(current).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            statements.append(joined)
            current = []
    if "\n".join(current).strip():
        statements.append("\n".join(current))
    return statements


def _cannot_write(error: sqlite3.Error) -> bool:
    text = str(error).lower()
    return any(m in text for m in ("readonly", "read-only", "unable to open", "attempt to write",
                                   "disk i/o error"))


def _advice_for(path: Path) -> str:
    return (f"Check that {path.parent} exists and is writable, or set MOCKINT_HOME to a "
            "folder you can write to.")


def _owner_alive(row: dict) -> bool:
    if row["owner_host"] != socket.gethostname() or not row["owner_pid"]:
        updated = _dt(row["updated_at"])
        return bool(updated and datetime.now(UTC) - updated < STALE_AFTER)
    if row["owner_pid"] == os.getpid():
        return True
    try:
        os.kill(row["owner_pid"], 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _where(filters: HistoryFilter) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if filters.statuses:
        # "+" keeps SQLite off the status indexes: walking sessions_by_start newest
        # first and stopping at the page's end is 0.1 ms; with IN over two statuses
        # it sorted all 10,000 sessions instead (0.8 s: bench/histgen.py query).
        clauses.append(f"+s.status IN ({', '.join('?' * len(filters.statuses))})")
        params += list(filters.statuses)
    if filters.deck_id:
        clauses.append("EXISTS (SELECT 1 FROM answers a WHERE a.session_id = s.id "
                       "AND a.deck_id = ?)")
        params.append(filters.deck_id)
    if filters.category:
        clauses.append("EXISTS (SELECT 1 FROM answers a WHERE a.session_id = s.id "
                       "AND a.category = ?)")
        params.append(filters.category)
    if filters.min_rating is not None:
        clauses.append("s.avg_rating >= ?")
        params.append(filters.min_rating)
    if filters.max_rating is not None:
        clauses.append("s.avg_rating <= ?")
        params.append(filters.max_rating)
    if filters.since:
        clauses.append("s.started_at >= ?")
        params.append(_iso(filters.since))
    if filters.until:
        clauses.append("s.started_at < ?")
        params.append(_iso(filters.until))
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


def _summary_from_row(row: dict) -> SessionSummary:
    return SessionSummary(
        id=row["id"], started_at=_dt(row["started_at"]), ended_at=_dt(row["ended_at"]),
        status=row["status"], mode=row["mode"], deck_titles=row["deck_titles"],
        question_count=row["question_count"], answered_count=row["answered_count"],
        avg_rating=row["avg_rating"], total_used=row["total_used"], note=row["note"],
    )


def _answer_from_row(row: dict) -> AnswerRecord:
    return AnswerRecord(
        index=row["idx"],
        asked=AskedQuestion.model_validate_json(row["asked"]),
        text=row["text"], used=row["used"], paused=row["paused"], skipped=bool(row["skipped"]),
        peeks=json.loads(row["peeks"]),
        key_points_checked=json.loads(row["key_points_checked"]),
        star_checked=json.loads(row["star_checked"]),
        rating=row["rating"],
        follow_ups=json.loads(row["follow_ups"]),
        started_at=_dt(row["started_at"]), submitted_at=_dt(row["submitted_at"]),
        analysis=AnswerAnalysis.model_validate_json(row["analysis"]) if row["analysis"] else None,
        rated_at=_dt(row.get("rated_at")),
    )


# Only what the lists show: whole rows carry the question snapshots (kilobytes each).
_SUMMARY_COLUMNS = ("s.id, s.started_at, s.ended_at, s.status, s.mode, s.deck_titles, "
                    "s.question_count, s.answered_count, s.avg_rating, s.total_used, s.note")
_HIT_COLUMNS = ("a.session_id, a.idx, a.deck_id, a.question_id, a.rating, a.used, a.text, "
                "json_extract(a.asked, '$.question.prompt') AS prompt, "
                "s.started_at AS session_started")


def _hit_from_row(row: dict) -> AnswerHit:
    return AnswerHit(
        session_id=row["session_id"], started_at=_dt(row["session_started"]), index=row["idx"],
        deck_id=row["deck_id"], question_id=row["question_id"], prompt=row["prompt"],
        rating=row["rating"], used=row["used"], text=row["text"],
    )


class BackgroundWriter:
    """Saves on one background thread, in the order asked, so the UI never waits on disk.

    One thread rather than a worker per save: a draft saved a moment before a
    submit must not land after it and undo it.
    """

    def __init__(self, store: HistoryStore, on_error: Callable[[Exception], None]) -> None:
        self.store = store
        self.on_error = on_error
        self._queue: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="mockint-history", daemon=True)
        self._thread.start()

    def submit(self, job: Callable[[], None]) -> None:
        self._queue.put(job)

    def flush(self, timeout: float = 5.0) -> None:
        """Wait until every save asked for so far is on disk."""
        done = threading.Event()
        self._queue.put(done.set)
        done.wait(timeout)

    def close(self) -> None:
        self.flush()
        self._queue.put(None)
        self._thread.join(timeout=5.0)

    def _run(self) -> None:
        while (job := self._queue.get()) is not None:
            try:
                job()
            except Exception as error:  # a failed save is reported, the next still runs
                self.on_error(error)
