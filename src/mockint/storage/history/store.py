"""Sessions and their answers: saving, the history list, search and timelines."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import threading
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

try:
    import fcntl
except ImportError:  # Windows: liveness falls back to how recently the session was saved
    fcntl = None  # type: ignore[assignment]

from mockint.storage.history.cards import CardQueries
from mockint.storage.history.rows import (
    ANSWERED_SQL,
    HIT_COLUMNS,
    MATCH_END,
    MATCH_START,
    SKIPPED_SQL,
    SNIPPET_WORDS,
    SUMMARY_COLUMNS,
    AnswerHit,
    HistoryFilter,
    NoteHit,
    SessionSummary,
    answer_from_row,
    answer_values,
    dt,
    fts_query,
    hit_from_row,
    iso,
    summary_from_row,
    when,
    where,
)
from mockint.storage.history.schema import reading
from mockint.storage.history.stories import StoryQueries

if TYPE_CHECKING:  # pydantic models: imported where a session or answer is built
    from mockint.core.session import AnswerRecord, SessionRecord
    from mockint.core.stats import StatsAnswer

STALE_AFTER = timedelta(minutes=2)  # another host's session not saved for this long is gone

SESSION_UPSERT = """
    INSERT INTO sessions (id, started_at, ended_at, updated_at, status, mode, kind,
        deck_ids, deck_titles, config, plan, note, question_count, answered_count,
        skipped_count, avg_rating, total_used, owner_pid, owner_host)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET
        ended_at = excluded.ended_at, updated_at = excluded.updated_at,
        status = excluded.status, note = excluded.note,
        answered_count = excluded.answered_count, skipped_count = excluded.skipped_count,
        avg_rating = excluded.avg_rating,
        total_used = excluded.total_used, owner_pid = excluded.owner_pid,
        owner_host = excluded.owner_host
"""

ANSWER_UPSERT = """
    INSERT INTO answers (session_id, idx, deck_id, question_id, category, asked, text,
        used, paused, overtime, skipped, peeks, key_points_checked, star_checked,
        rating, follow_ups, started_at, submitted_at, analysis, rated_at, topics,
        follow_up_text)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (session_id, idx) DO UPDATE SET
        text = excluded.text, used = excluded.used, paused = excluded.paused,
        overtime = excluded.overtime, skipped = excluded.skipped,
        peeks = excluded.peeks, key_points_checked = excluded.key_points_checked,
        star_checked = excluded.star_checked, rating = excluded.rating,
        follow_ups = excluded.follow_ups, started_at = excluded.started_at,
        submitted_at = excluded.submitted_at, analysis = excluded.analysis,
        rated_at = excluded.rated_at, follow_up_text = excluded.follow_up_text
"""


class HistoryStore(CardQueries, StoryQueries):
    """Sessions and answers on disk. Thread-safe: workers may save while the UI reads.

    While this store saves a session in progress it holds an OS lock on that
    session's lock file (``locks/<id>.lock`` beside the history): the kernel
    drops it the moment the process ends, however it ends, so "is its owner
    still running?" is answered by trying the lock (no pid, which a zombie or a
    reused pid would fool).
    """

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        super().__init__(path, connection)
        self._held: dict[str, int] = {}  # session id -> fd of its locked lock file
        self._held_lock = threading.Lock()

    def close(self) -> None:
        with self._held_lock:
            for fd in self._held.values():
                os.close(fd)
            self._held.clear()
        super().close()

    # --- who owns a session in progress ---------------------------------------

    @property
    def locks_dir(self) -> Path:
        return self.path.parent / "locks"

    def _lock_path(self, session_id: str) -> Path:
        return self.locks_dir / f"{session_id}.lock"

    def _hold(self, session_id: str) -> None:
        """Lock the session's lock file for as long as this store saves it in progress."""
        if fcntl is None or session_id in self._held:
            return
        with self._held_lock:
            if session_id in self._held:
                return
            try:
                self.locks_dir.mkdir(mode=0o700, exist_ok=True)
                fd = os.open(self._lock_path(session_id), os.O_RDWR | os.O_CREAT, 0o600)
            except OSError:
                return  # cannot lock: others see it by its last save time instead
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)  # another live process owns it (a resume raced us)
                return
            self._held[session_id] = fd

    def release(self, session_id: str) -> None:
        """Stop owning a session in progress (it ended, or this process hands it over)."""
        with self._held_lock:
            fd = self._held.pop(session_id, None)
            if fd is None:
                return
            self._lock_path(session_id).unlink(missing_ok=True)
            os.close(fd)

    def owner_alive(self, session_id: str, owner_host: str | None = None,
                    updated_at: datetime | None = None) -> bool:
        """Whether a live process (this one included) holds the session's lock."""
        if session_id in self._held:
            return True
        if fcntl is None or (owner_host and owner_host != socket.gethostname()):
            return bool(updated_at and datetime.now(UTC) - updated_at < STALE_AFTER)
        try:
            fd = os.open(self._lock_path(session_id), os.O_RDONLY)
        except FileNotFoundError:
            return False  # never locked, or released: nobody is running it
        except OSError:
            return bool(updated_at and datetime.now(UTC) - updated_at < STALE_AFTER)
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        except OSError:
            return bool(updated_at and datetime.now(UTC) - updated_at < STALE_AFTER)
        finally:
            os.close(fd)
        return False

    # --- saving --------------------------------------------------------------

    def save_session(self, record: SessionRecord, answers: Sequence[int] | None = None) -> None:
        """Write the session row and its answers (all, or the indexes given) in one go."""
        chosen = record.answers if answers is None else [record.answers[i] for i in answers]
        if record.status == "in_progress":
            self._hold(record.id)
        with self._transaction() as db:
            self._write_session(db, record)
            for answer in chosen:
                self._write_answer(db, record.id, answer)
            # The row counts what is stored, never more: an answer whose own save
            # failed (a full disk) is not claimed until it lands.
            db.execute(
                "UPDATE sessions SET answered_count = (SELECT COUNT(*) FROM answers WHERE "
                f"session_id = ?1 AND {ANSWERED_SQL}), skipped_count = (SELECT COUNT(*) FROM "
                f"answers WHERE session_id = ?1 AND {SKIPPED_SQL}), avg_rating = (SELECT "
                "AVG(rating) FROM answers WHERE session_id = ?1) WHERE id = ?1", (record.id,))
        if record.status != "in_progress":
            self.release(record.id)

    def save_draft(self, session_id: str, answer: AnswerRecord) -> None:
        """The answer being typed, with its clock; called about once a second while typing."""
        with self._transaction() as db:
            self._write_answer(db, session_id, answer)
            db.execute("UPDATE sessions SET updated_at = ? WHERE id = ?",
                       (iso(datetime.now(UTC)), session_id))

    def _write_session(self, db: sqlite3.Connection, record: SessionRecord) -> None:
        titles = ", ".join(dict.fromkeys(a.deck_title for a in record.plan))
        counts = record.counts
        db.execute(SESSION_UPSERT, (
            record.id, iso(record.started_at), iso(record.ended_at),
            iso(datetime.now(UTC)), record.status, record.config.mode, record.config.kind,
            json.dumps(record.config.deck_ids), titles, record.config.model_dump_json(),
            json.dumps([a.model_dump(mode="json") for a in record.plan]), record.note,
            len(record.plan), counts.answered, counts.skipped, record.average_rating,
            record.total_used, os.getpid(), socket.gethostname(),
        ))

    def _write_answer(self, db: sqlite3.Connection, session_id: str, answer: AnswerRecord) -> None:
        db.execute(ANSWER_UPSERT, answer_values(session_id, answer))

    def set_note(self, session_id: str, note: str) -> None:
        with self._transaction() as db:
            db.execute("UPDATE sessions SET note = ? WHERE id = ?", (note, session_id))

    def delete_session(self, session_id: str) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM sessions WHERE id = ?", (session_id,))

    def abandon(self, session_id: str) -> None:
        with self._transaction() as db:
            db.execute("UPDATE sessions SET status = 'abandoned', ended_at = COALESCE(ended_at, ?)"
                       " WHERE id = ?", (iso(datetime.now(UTC)), session_id))
        self.release(session_id)

    # --- reading -------------------------------------------------------------

    @reading
    def load_session(self, session_id: str) -> SessionRecord:
        from mockint.core.session import AskedQuestion, SessionConfig, SessionRecord

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
            started_at=when(row["started_at"]),
            ended_at=dt(row["ended_at"]),
            status=row["status"],
            note=row["note"],
            answers=[answer_from_row(a) for a in answers],
        )

    def resolve_id(self, prefix: str) -> str:
        """A full session id from the start of one (as `mockint history` shows)."""
        rows = self.query("SELECT id FROM sessions WHERE substr(id, 1, ?) = ? LIMIT 2",
                          (len(prefix), prefix))
        if len(rows) != 1:
            raise KeyError(prefix)
        return rows[0]["id"]

    @reading
    def list_sessions(self, filters: HistoryFilter | None = None, *, limit: int = 50,
                      offset: int = 0) -> list[SessionSummary]:
        clause, params = where(filters or HistoryFilter())
        rows = self.query(
            f"SELECT {SUMMARY_COLUMNS} FROM sessions s {clause} "
            "ORDER BY s.started_at DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        return [summary_from_row(r) for r in rows]

    def count_sessions(self, filters: HistoryFilter | None = None) -> int:
        clause, params = where(filters or HistoryFilter())
        return self.query(f"SELECT COUNT(*) AS n FROM sessions s {clause}", params)[0]["n"]

    @reading
    def search_answers(self, text: str, *, limit: int = 100) -> list[AnswerHit]:
        query = fts_query(text)
        if not query:
            return []
        rows = self.query(
            f"""
            SELECT {HIT_COLUMNS},
                snippet(answers_fts, 0, ?1, ?2, '…', {SNIPPET_WORDS}) AS match,
                snippet(answers_fts, 1, ?1, ?2, '…', {SNIPPET_WORDS}) AS follow_up_match
            FROM answers_fts f
            JOIN answers a ON a.id = f.rowid JOIN sessions s ON s.id = a.session_id
            WHERE answers_fts MATCH ?3 ORDER BY s.started_at DESC LIMIT ?4
            """,
            (MATCH_START, MATCH_END, query, limit),
        )
        return [hit_from_row(r) for r in rows]

    @reading
    def search_notes(self, text: str, *, limit: int = 100) -> list[NoteHit]:
        """Sessions whose note holds every word (the last may be a prefix), newest first."""
        query = fts_query(text)
        if not query:
            return []
        rows = self.query(
            f"""
            SELECT s.id, s.started_at, s.deck_titles, s.note,
                snippet(notes_fts, 0, ?1, ?2, '…', {SNIPPET_WORDS}) AS match
            FROM notes_fts f JOIN sessions s ON s.rowid = f.rowid
            WHERE notes_fts MATCH ?3 ORDER BY s.started_at DESC LIMIT ?4
            """,
            (MATCH_START, MATCH_END, query, limit),
        )
        return [NoteHit(session_id=r["id"], started_at=when(r["started_at"]),
                        deck_titles=r["deck_titles"], note=r["note"], match=r["match"] or "")
                for r in rows]

    @reading
    def question_timeline(self, deck_id: str, question_id: str) -> list[AnswerHit]:
        """Every answer ever given to one question, oldest first."""
        rows = self.query(
            f"""
            SELECT {HIT_COLUMNS} FROM answers a
            JOIN sessions s ON s.id = a.session_id
            WHERE a.deck_id = ? AND a.question_id = ? ORDER BY s.started_at
            """,
            (deck_id, question_id),
        )
        return [hit_from_row(r) for r in rows]

    @reading
    def load_answer(self, session_id: str, index: int) -> AnswerRecord:
        rows = self.query("SELECT * FROM answers WHERE session_id = ? AND idx = ?",
                          (session_id, index))
        if not rows:
            raise KeyError((session_id, index))
        return answer_from_row(rows[0])

    def deck_ids(self) -> list[str]:
        """Every deck id that appears in the history, for the filter. One index seek per
        deck (a skip scan): DISTINCT read all 100,000 index entries of a big history
        (5.5 ms, on the history screen's opening, beside its first page)."""
        return [r["deck_id"] for r in self.query("""
            WITH RECURSIVE decks(deck_id) AS (
                SELECT (SELECT MIN(deck_id) FROM answers)
                UNION ALL
                SELECT (SELECT MIN(deck_id) FROM answers WHERE deck_id > decks.deck_id)
                FROM decks WHERE decks.deck_id IS NOT NULL)
            SELECT deck_id FROM decks WHERE deck_id IS NOT NULL""")]

    @reading
    def unfinished(self) -> SessionRecord | None:
        """The newest in-progress session whose process is gone, to offer for resuming."""
        rows = self.query("SELECT id, updated_at, owner_host FROM sessions "
                          "WHERE status = 'in_progress' ORDER BY started_at DESC")
        for row in rows:
            if not self.owner_alive(row["id"], row["owner_host"], dt(row["updated_at"])):
                return self.load_session(row["id"])
        return None

    # --- what the stats count --------------------------------------------------

    @reading
    def session_starts_since(self, since: datetime, include_empty: bool = False
                             ) -> list[datetime]:
        """When each session started since `since` began; sessions left before any
        answer or skip (empty, see core/counts.py) only with `include_empty`."""
        rows = self.query("SELECT started_at FROM sessions WHERE started_at >= ?"
                          + ("" if include_empty else
                             " AND answered_count + skipped_count > 0"),
                          (since.isoformat(),))
        return [datetime.fromisoformat(r["started_at"]) for r in rows]

    @reading
    def answers_since(self, since: datetime) -> list[StatsAnswer]:
        """Submitted answers and skips of sessions started since `since`: what the stats count."""
        from mockint.core.stats import StatsAnswer

        rows = self.query_tuples(STATS_ANSWER_SQL, (since.isoformat(),))
        # A session's answers share its start: parse each start once (10k sessions, 100k answers:
        # about a third of the stats' time went to parsing the same dates again).
        starts: dict[str, datetime] = {}
        return [StatsAnswer(started_at=starts.get(started)
                            or starts.setdefault(started, datetime.fromisoformat(started)),
                            rating=rating, overtime=overtime, category=category,
                            topics=tuple(topics.split()), skipped=bool(skipped),
                            key_points=_ticks(points), star=_star(star))
                for started, rating, overtime, category, topics, skipped, points, star in rows]


# Read from the covering index answers_stats only (schema 10 added the ticks to it;
# bench/stats_index.py measures the difference).
STATS_ANSWER_SQL = (
    "SELECT s.started_at, a.rating, a.overtime, a.category, a.topics, a.skipped"
    ", a.key_points_checked, a.star_checked "
    "FROM sessions s JOIN answers a ON a.session_id = s.id "
    "WHERE s.started_at >= ? AND a.submitted_at IS NOT NULL")


def _ticks(stored: str | None) -> tuple[int, int] | None:
    """(ticked, of) from a stored JSON list of booleans; None without key points.
    Counted as text: every value is `true` or `false`, and no JSON parse is needed."""
    if not stored:
        return None
    ticked, missed = stored.count("true"), stored.count("false")
    return (ticked, ticked + missed) if ticked + missed else None


def _star(stored: str | None) -> int | None:
    """STAR parts ticked (0-4) from the stored JSON object; None where STAR was not asked."""
    if not stored or stored == "{}":
        return None
    return stored.count("true")
