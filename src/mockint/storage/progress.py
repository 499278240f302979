"""Progress read from the history: the attempt before this one, question by question.

The summary's verdict and `mockint export --diff` both ask "how did this
person answer this question last time?"; this is the one place that answers.
"""

from __future__ import annotations

from datetime import datetime

from mockint.core.counts import answer_state
from mockint.core.session import SessionRecord
from mockint.storage.export import PreviousAttempt
from mockint.storage.history import HistoryStore


def previous_attempts(history: HistoryStore, record: SessionRecord) -> dict[int, PreviousAttempt]:
    """For each answer of `record`, the last answered attempt at its question in an
    earlier session (questions met for the first time are left out)."""
    found: dict[int, PreviousAttempt] = {}
    for answer in record.answers:
        asked = answer.asked
        hits = history.question_timeline(asked.deck_id, asked.question.id)
        earlier = [h for h in hits if h.session_id != record.id and h.started_at < record.started_at]
        for hit in reversed(earlier):  # newest first; skip skipped and unfinished attempts
            candidate = history.load_answer(hit.session_id, hit.index)
            if answer_state(candidate) == "answered":
                found[answer.index] = PreviousAttempt(candidate, _when(hit.started_at, candidate))
                break
    return found


def _when(session_started: datetime, answer) -> datetime:
    return answer.submitted_at or answer.started_at or session_started
