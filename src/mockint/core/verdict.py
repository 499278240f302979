"""The summary's verdict: this session against the previous attempt at each question.

For each question: what changed since the last answered attempt ("coverage 2/5 →
4/5 · 40 s faster · Hard → Good"), whether that is better or worse, and whether
the question is weak now. For the session: one line on what improved and one
on what to practise next, with the questions to practise (the summary starts a
session on them with one key).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mockint.core.counts import answer_state
from mockint.core.deck import STAR_PARTS
from mockint.core.session import RATINGS, AnswerRecord
from mockint.core.words import noun

QuestionKey = tuple[str, str]
TIME_NOTICED = 5  # seconds: a smaller difference in time used is not worth a word
WEAK_RATING = 2  # Hard or Again
WEAK_COVERAGE = 0.5  # fewer than half the key points


@dataclass(frozen=True)
class QuestionVerdict:
    index: int
    key: QuestionKey
    change: str  # what changed since last time, in words
    trend: int  # +1 better than last time, -1 worse, 0 the same, mixed or no last time
    weak: bool
    why_weak: str = ""
    first_time: bool = False


@dataclass(frozen=True)
class SessionVerdict:
    questions: list[QuestionVerdict]
    improved: str  # one line: what went better than last time
    practise_next: str  # one line: what to practise next
    weak_keys: list[QuestionKey]


def _points(answer: AnswerRecord) -> tuple[int, int]:
    total = len(answer.asked.question.key_points)
    return sum(answer.key_points_checked[:total]), total


def _star(answer: AnswerRecord) -> int | None:
    if not answer.star_checked:
        return None
    return sum(bool(answer.star_checked.get(p)) for p in STAR_PARTS)


def why_weak(answer: AnswerRecord) -> str:
    """Why this answer needs practice, or "" if it does not."""
    state = answer_state(answer)
    if state != "answered":
        return state
    reasons = []
    if answer.rating is not None and answer.rating <= WEAK_RATING:
        reasons.append(RATINGS[answer.rating])
    covered, total = _points(answer)
    if total and covered / total < WEAK_COVERAGE:
        reasons.append(f"{covered}/{total} key points")
    if answer.overtime:
        reasons.append("over time")
    return ", ".join(reasons)


def question_verdict(answer: AnswerRecord, previous: AnswerRecord | None) -> QuestionVerdict:
    key = (answer.asked.deck_id, answer.asked.question.id)
    weak = why_weak(answer)
    state = answer_state(answer)
    if state != "answered":
        return QuestionVerdict(answer.index, key, state, 0, True, weak,
                               first_time=previous is None)
    if previous is None:
        return QuestionVerdict(answer.index, key, "first attempt", 0, bool(weak), weak,
                               first_time=True)
    parts: list[str] = []
    ups = downs = 0
    (old_covered, total), (new_covered, _) = _points(previous), _points(answer)
    if total and old_covered != new_covered:
        parts.append(f"coverage {old_covered}/{total} → {new_covered}/{total}")
        ups, downs = ups + (new_covered > old_covered), downs + (new_covered < old_covered)
    old_star, new_star = _star(previous), _star(answer)
    if old_star is not None and new_star is not None and old_star != new_star:
        parts.append(f"STAR {old_star}/4 → {new_star}/4")
        ups, downs = ups + (new_star > old_star), downs + (new_star < old_star)
    delta = int(answer.used) - int(previous.used)
    if abs(delta) >= TIME_NOTICED:
        parts.append(f"{abs(delta)} s {'faster' if delta < 0 else 'slower'}")
        # Faster only counts as better when the last attempt ran over (or this one does).
        if previous.overtime and delta < 0:
            ups += 1
        elif answer.overtime and delta > 0:
            downs += 1
    if previous.rating and answer.rating and previous.rating != answer.rating:
        parts.append(f"{RATINGS[previous.rating]} → {RATINGS[answer.rating]}")
        ups, downs = ups + (answer.rating > previous.rating), downs + (answer.rating < previous.rating)
    trend = 1 if ups and not downs else -1 if downs and not ups else 0
    return QuestionVerdict(answer.index, key, " · ".join(parts) or "about the same as last time",
                           trend, bool(weak) or trend < 0,
                           weak or ("worse than last time" if trend < 0 else ""))


def _numbers(items: Sequence[QuestionVerdict]) -> str:
    return ", ".join(str(q.index + 1) for q in items)


def session_verdict(answers: Sequence[AnswerRecord],
                    previous: Mapping[int, AnswerRecord]) -> SessionVerdict:
    """Every answer of a session against its previous attempt (`previous` by answer index)."""
    questions = [question_verdict(a, previous.get(a.index)) for a in answers]
    again = [q for q in questions if not q.first_time]
    better = [q for q in again if q.trend > 0]
    worse = [q for q in again if q.trend < 0]
    if not again:
        improved = "All new questions: nothing to compare with yet."
    elif better:
        improved = (f"Better than last time on {len(better)} of {len(again)} "
                    f"{noun(len(again), 'question')} asked before (#{_numbers(better)})"
                    + (f"; worse on #{_numbers(worse)}." if worse else "."))
    elif worse:
        improved = f"Nothing better than last time; worse on #{_numbers(worse)}."
    else:
        improved = f"About the same as last time on the {len(again)} asked before."
    weak = [q for q in questions if q.weak]
    if weak:
        practise = "Practise next: " + "; ".join(
            f"#{q.index + 1} ({q.why_weak})" for q in weak[:5]) + (" …" if len(weak) > 5 else "")
    else:
        practise = "Nothing weak this time: practise what is due."
    return SessionVerdict(questions, improved, practise, list(dict.fromkeys(q.key for q in weak)))
