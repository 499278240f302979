"""FSRS cards (one per question) and the log of every review, for practice sessions."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from mockint.storage.history.rows import iso, question_record, when
from mockint.storage.history.schema import Database, reading

if TYPE_CHECKING:  # fsrs costs ~25 ms to import: only practice needs it, not start-up
    from fsrs import Scheduler

    from mockint.core.practice import QuestionKey, QuestionRecord
    from mockint.core.session import AnswerRecord


class CardQueries(Database):
    """The practice side of the history: cards, reviews, and what was answered how."""

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
                (*key, card_to_json(card), iso(card.due), int(card.state)))
            db.execute(
                "INSERT INTO reviews (deck_id, question_id, rating, reviewed_at, session_id, "
                "answer_idx, due_after) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (*key, answer.rating, iso(when), session_id, answer.index, iso(card.due)))
        return True

    @reading
    def due_cards(self) -> list[tuple[QuestionKey, datetime]]:
        rows = self.query("SELECT deck_id, question_id, due FROM cards ORDER BY due")
        return [((r["deck_id"], r["question_id"]), when(r["due"])) for r in rows]

    @reading
    def card_due(self, deck_id: str, question_id: str) -> datetime | None:
        """When this question's card is next due (None: never rated)."""
        rows = self.query("SELECT due FROM cards WHERE deck_id = ? AND question_id = ?",
                          (deck_id, question_id))
        return when(rows[0]["due"]) if rows else None

    @reading
    def due_before(self, horizon: datetime) -> list[datetime]:
        """When each card falling due before `horizon` is due (overdue ones included)."""
        rows = self.query("SELECT due FROM cards WHERE due < ?", (horizon.isoformat(),))
        return [datetime.fromisoformat(r["due"]) for r in rows]

    @reading
    def card_states(self) -> dict[QuestionKey, int]:
        rows = self.query("SELECT deck_id, question_id, state FROM cards")
        return {(r["deck_id"], r["question_id"]): r["state"] for r in rows}

    @reading
    def seen_keys(self) -> set[QuestionKey]:
        rows = self.query("SELECT DISTINCT deck_id, question_id FROM answers "
                          "WHERE submitted_at IS NOT NULL")
        return {(r["deck_id"], r["question_id"]) for r in rows}

    @reading
    def question_records(self, recent: int = 3) -> list[QuestionRecord]:
        """Each answered question's last `recent` rated answers, for finding weak spots."""
        records = []
        for key in self.seen_keys():
            rows = self.query(
                "SELECT rating, overtime, key_points_checked FROM answers "
                "WHERE deck_id = ? AND question_id = ? AND submitted_at IS NOT NULL "
                "AND rating IS NOT NULL ORDER BY submitted_at DESC LIMIT ?", (*key, recent))
            if rows:
                records.append(question_record(key, rows))
        return records
