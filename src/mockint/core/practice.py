"""Choosing what to practise: due, weak, new, or a mix of them.

Pure functions over what the history knows (card due dates, recent ratings,
key-point coverage, overtime). No fsrs import here: the home screen counts
due questions at start-up and should not pay for the scheduler.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

QuestionKey = tuple[str, str]  # (deck id, question id)


@dataclass(frozen=True)
class QuestionRecord:
    """What the history knows of one question, for choosing weak ones."""

    key: QuestionKey
    recent_ratings: tuple[int, ...]  # newest first
    coverage: float  # key points ticked / key points, over recent answers (0..1)
    overtime_share: float  # recent answers over their limit (0..1)

    @property
    def weakness(self) -> float:
        """0 (strong) .. 1 (weak): low ratings weigh most, then missed points, then overtime."""
        if not self.recent_ratings:
            return 0.0
        rating = sum(self.recent_ratings) / len(self.recent_ratings)
        return round(0.6 * (4 - rating) / 3 + 0.25 * (1 - self.coverage)
                     + 0.15 * self.overtime_share, 4)


def local_day(when: datetime) -> date:
    """The day `when` falls on in the machine's local zone (stored times stay UTC)."""
    return when.astimezone().date()


def start_of_local_day(day: date) -> datetime:
    """Midnight starting `day` in the machine's local zone, as a UTC time."""
    # A naive datetime's astimezone() reads it as local time, DST included.
    return datetime.combine(day, time.min).astimezone(UTC)


def end_of_local_day(now: datetime) -> datetime:
    """The end of `now`'s local day (the next local midnight), as a UTC time.

    The one meaning of "due today" (home, `p`, `mockint practice --due`, stats):
    a card is due today when it is due before this moment.
    """
    return start_of_local_day(local_day(now) + timedelta(days=1))


def due_keys(due: Iterable[tuple[QuestionKey, datetime]], now: datetime,
             allowed: set[QuestionKey] | None = None) -> list[QuestionKey]:
    """Questions whose review is due, most overdue first."""
    ready = [(when, key) for key, when in due
             if when <= now and (allowed is None or key in allowed)]
    return [key for _, key in sorted(ready)]


def weak_keys(records: Iterable[QuestionRecord], allowed: set[QuestionKey] | None = None,
              threshold: float = 0.25) -> list[QuestionKey]:
    """Answered questions, weakest first (only those weak enough to be worth drilling)."""
    chosen = [r for r in records if (allowed is None or r.key in allowed)
              and r.weakness >= threshold]
    return [r.key for r in sorted(chosen, key=lambda r: (-r.weakness, r.key))]


def new_keys(all_keys: Sequence[QuestionKey], seen: set[QuestionKey]) -> list[QuestionKey]:
    """Questions never answered, in deck order."""
    return [key for key in all_keys if key not in seen]


def mixed_keys(due: Sequence[QuestionKey], weak: Sequence[QuestionKey],
               new: Sequence[QuestionKey], limit: int, new_share: float = 0.3) -> list[QuestionKey]:
    """Due first, then weak, then new ones: new ones take at most `new_share` of `limit`
    while due and weak ones fill the rest, and top the session up to `limit` when there
    are not enough of those (a first "Quick 5" asks five questions, not two)."""
    known = list(dict.fromkeys([*due, *weak]))
    new_cap = max(1, round(limit * new_share), limit - len(known)) if new else 0
    fresh = [key for key in new if key not in known][:new_cap]
    return known[: limit - len(fresh)] + fresh


# Kinds of session whose ratings move an FSRS card only when it was due anyway
# (unless the person chose otherwise): practising ahead must not push reviews
# out and make FSRS believe a crammed answer was a recall after a long gap.
CRAM_KINDS = frozenset({"cram", "plan"})


def moves_card(kind: str, due: datetime | None, when: datetime, cram_moves_cards: bool) -> bool:
    """Whether a rating given at `when` should move the question's card.

    Ordinary practice and interviews always do. Cramming (and the daily plan,
    which repeats questions for coverage) does when the person chose that, or
    when the card was due anyway (before the end of that local day), or when
    the question has no card yet (its first rating schedules it).
    """
    if kind not in CRAM_KINDS or cram_moves_cards:
        return True
    return due is None or due < end_of_local_day(when)


def due_text(count: int, next_due: datetime | None, now: datetime) -> str:
    """Home's line: "3 questions due today · p to practise", or when the next one is due."""
    if count:
        noun = "question" if count == 1 else "questions"
        later = (f" (next at {next_due.astimezone():%H:%M})"
                 if next_due is not None and next_due > now else "")
        return f"{count} {noun} due today{later} · p to practise"
    if next_due is None:
        return "Nothing due today"
    when = next_due.astimezone()
    same_week = (local_day(next_due) - local_day(now)).days < 7
    return f"Nothing due today · next due {when:%a %H:%M}" if same_week else \
        f"Nothing due today · next due {when:%d %b %H:%M}"
