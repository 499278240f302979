"""Rows of the history tables as Python values, and back.

Dates are stored as ISO 8601 text in UTC; lists and models as JSON. The list
and search queries read only the columns they show (`SUMMARY_COLUMNS`,
`HIT_COLUMNS`): whole answer rows carry kilobytes of question snapshot each.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, overload

from mockint.core.counts import AnswerCounts

if TYPE_CHECKING:
    from mockint.core.practice import QuestionKey, QuestionRecord
    from mockint.core.session import AnswerRecord

# The session models (pydantic) are imported by the functions that build them: the
# history list, search and counts run without them (start-up: bench startup-rss).


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
    skipped_count: int = 0

    @property
    def counts(self) -> AnswerCounts:
        """Answered, skipped and unanswered, as stored from `SessionRecord.counts`."""
        return AnswerCounts(self.answered_count, self.skipped_count, self.question_count)


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
    follow_up_text: str = ""
    # Search only: the words around the match, matched words between MATCH_START
    # and MATCH_END (SQLite FTS5 snippet()); "" on a timeline.
    match: str = ""
    match_in_follow_up: bool = False

    def match_parts(self) -> list[tuple[str, bool]]:
        """The snippet as (text, matched) runs, in order."""
        return snippet_parts(self.match)

    def marked_match(self, start: str = "«", end: str = "»") -> str:
        """The snippet on one line with the matched words between `start` and `end`."""
        line = " ".join("".join(f"{start}{t}{end}" if m else t
                                for t, m in self.match_parts()).split())
        return f"follow-up: {line}" if self.match_in_follow_up else line

    def snippet(self, query: str, width: int = 70) -> str:
        """One line of the answer; of the follow-up answer when only it matches."""
        words = [w.lower() for w in query.split() if w.strip()]
        main = self.text.lower()
        if self.follow_up_text and words and not all(w.strip('"*') in main for w in words):
            return "follow-up: " + " ".join(self.follow_up_text.split())[:width - 11]
        return " ".join(self.text.split())[:width]


@dataclass
class NoteHit:
    """A session whose note holds the search words (`match`: the words around them,
    matched words between MATCH_START and MATCH_END, as for answers)."""

    session_id: str
    started_at: datetime
    deck_titles: str
    note: str
    match: str

    def match_parts(self) -> list[tuple[str, bool]]:
        return snippet_parts(self.match)

    def marked_match(self, start: str = "«", end: str = "»") -> str:
        line = " ".join("".join(f"{start}{t}{end}" if m else t
                                for t, m in self.match_parts()).split())
        return f"note: {line}"


# Control characters no typed answer holds, so they can mark the match unambiguously.
MATCH_START, MATCH_END = "\x02", "\x03"


def snippet_parts(match: str) -> list[tuple[str, bool]]:
    """An FTS5 snippet as (text, matched) runs, in order."""
    parts: list[tuple[str, bool]] = []
    for i, chunk in enumerate(match.split(MATCH_START)):
        if i == 0:
            parts.append((chunk, False))
            continue
        matched, _, rest = chunk.partition(MATCH_END)
        parts += [(matched, True), (rest, False)]
    return [(text, matched) for text, matched in parts if text]
SNIPPET_WORDS = 16


@dataclass
class HistoryFilter:
    deck_id: str | None = None
    category: str | None = None
    min_rating: float | None = None
    max_rating: float | None = None
    since: datetime | None = None
    until: datetime | None = None
    statuses: Sequence[str] = field(default_factory=lambda: ("finished", "abandoned"))


def iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value else None


@overload
def dt(value: str) -> datetime: ...
@overload
def dt(value: str | None) -> datetime | None: ...
def dt(value: str | None) -> datetime | None:
    """A stored ISO time (a NOT NULL column gives a datetime, a NULL one None)."""
    return datetime.fromisoformat(value) if value else None


def when(value: str) -> datetime:
    """A date the schema requires (NOT NULL); bad text raises ValueError (damage)."""
    return datetime.fromisoformat(value)


def fts_query(text: str) -> str:
    """User words as an FTS5 query: every word must appear, the last may be a prefix."""
    words = [w for w in text.replace('"', " ").split() if w]
    if not words:
        return ""
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def where(filters: HistoryFilter) -> tuple[str, list[object]]:
    """The WHERE clause (over `sessions s`) and its parameters for a history filter."""
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
        params.append(iso(filters.since))
    if filters.until:
        clauses.append("s.started_at < ?")
        params.append(iso(filters.until))
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


# core/counts.py's answer_state in SQL, over an `answers` row: answered is submitted
# and not skipped; skipped is skipped (submitted or not); the rest is unanswered.
ANSWERED_SQL = "submitted_at IS NOT NULL AND skipped = 0"
SKIPPED_SQL = "skipped = 1"

# Only what the lists show: whole rows carry the question snapshots (kilobytes each).
SUMMARY_COLUMNS = ("s.id, s.started_at, s.ended_at, s.status, s.mode, s.deck_titles, "
                   "s.question_count, s.answered_count, s.skipped_count, s.avg_rating, s.total_used, "
                   "s.note")
HIT_COLUMNS = ("a.session_id, a.idx, a.deck_id, a.question_id, a.rating, a.used, a.text, "
               "a.follow_up_text, "
               "json_extract(a.asked, '$.question.prompt') AS prompt, "
               "s.started_at AS session_started")


def summary_from_row(row: dict) -> SessionSummary:
    return SessionSummary(
        id=row["id"], started_at=when(row["started_at"]), ended_at=dt(row["ended_at"]),
        status=row["status"], mode=row["mode"], deck_titles=row["deck_titles"],
        question_count=row["question_count"], answered_count=row["answered_count"],
        avg_rating=row["avg_rating"], total_used=row["total_used"], note=row["note"],
        skipped_count=row["skipped_count"],
    )


def _match(row: dict) -> tuple[str, bool]:
    """The snippet of the column that matched (the answer's, else the follow-ups'), and
    whether it is the follow-ups'."""
    main, follow_up = row.get("match") or "", row.get("follow_up_match") or ""
    if MATCH_START in main or MATCH_START not in follow_up:
        return main, False
    return follow_up, True


def hit_from_row(row: dict) -> AnswerHit:
    match, in_follow_up = _match(row)
    return AnswerHit(
        session_id=row["session_id"], started_at=when(row["session_started"]), index=row["idx"],
        deck_id=row["deck_id"], question_id=row["question_id"], prompt=row["prompt"],
        rating=row["rating"], used=row["used"], text=row["text"],
        follow_up_text=row.get("follow_up_text") or "",
        match=match, match_in_follow_up=in_follow_up,
    )


def answer_from_row(row: dict) -> AnswerRecord:
    from mockint.core.analysis import AnswerAnalysis
    from mockint.core.session import AnswerRecord, AskedQuestion

    return AnswerRecord(
        index=row["idx"],
        asked=AskedQuestion.model_validate_json(row["asked"]),
        text=row["text"], used=row["used"], paused=row["paused"], skipped=bool(row["skipped"]),
        peeks=json.loads(row["peeks"]),
        key_points_checked=json.loads(row["key_points_checked"]),
        star_checked=json.loads(row["star_checked"]),
        rating=row["rating"],
        follow_ups=json.loads(row["follow_ups"]),
        started_at=dt(row["started_at"]), submitted_at=dt(row["submitted_at"]),
        analysis=AnswerAnalysis.model_validate_json(row["analysis"]) if row["analysis"] else None,
        rated_at=dt(row.get("rated_at")),
    )


def answer_values(session_id: str, answer: AnswerRecord) -> tuple[object, ...]:
    """The parameters of `INSERT INTO answers` (see `store.ANSWER_UPSERT`), in column order."""
    question = answer.asked.question
    return (
        session_id, answer.index, answer.asked.deck_id, question.id, question.category,
        answer.asked.model_dump_json(), answer.text, answer.used, answer.paused,
        answer.overtime, int(answer.skipped), json.dumps(answer.peeks),
        json.dumps(answer.key_points_checked), json.dumps(answer.star_checked),
        answer.rating, json.dumps([f.model_dump(mode="json") for f in answer.follow_ups]),
        iso(answer.started_at), iso(answer.submitted_at),
        answer.analysis.model_dump_json() if answer.analysis else None,
        iso(answer.rated_at), " ".join(question.topics),
        "\n".join(f.text for f in answer.follow_ups),
    )


def question_record(key: QuestionKey, answers: list[dict]) -> QuestionRecord:
    """A question's recent rated answers (newest first) as what practice weighs."""
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
