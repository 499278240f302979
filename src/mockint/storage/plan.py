"""The plan toward the next interview, read from the history; retention and workload.

`mockint.core.planning` decides; this module gathers what it needs from the
history (answers and FSRS reviews of the questions in scope) and from the
interviews file, for home, `mockint plan`, the stats screen and practice.
It reads the history through `HistoryStore.query` only.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from mockint.core.deck import Deck
from mockint.core.display import visible
from mockint.core.planning import (
    AnswerEvent,
    DayProgress,
    Plan,
    PlanDay,
    PlanItem,
    PlanQuestion,
    ReviewEvent,
    UpcomingInterview,
    answer_minutes,
    build_plan,
    coverage,
    day_start,
    progress,
    questions_at,
)
from mockint.core.practice import (
    QuestionKey,
    end_of_local_day,
    local_day,
    moves_card,
    start_of_local_day,
)
from mockint.core.session import (
    AnswerRecord,
    AskedQuestion,
    SessionConfig,
    questions_for,
    select_questions,
)
from mockint.core.words import plural
from mockint.storage.interviews import NO_INTERVIEW_YET

if TYPE_CHECKING:
    from fsrs import Scheduler

    from mockint.storage.history import HistoryStore

RETENTION_DAYS = 30
WINDOW_DAYS = 90  # history read before the interview was added (weakness, seen or new)
FORECAST_DAYS = 14


def scope_config(interview: UpcomingInterview, decks: Sequence[Deck], kind: str = "custom",
                 count: int | None = None) -> SessionConfig:
    """A session over the interview's scope (decks no longer found are left out)."""
    known = {deck.id for deck in decks}
    return SessionConfig(deck_ids=[d for d in interview.decks if d in known] or interview.decks,
                         categories=interview.categories, levels=interview.levels, kind=kind,
                         count=count)


def scope_of(interview: UpcomingInterview,
             decks: Sequence[Deck]) -> list[tuple[QuestionKey, float]]:
    """Every question the interview covers, with the minutes one answer takes."""
    config = scope_config(interview, decks)
    chosen = [deck for deck in decks if deck.id in config.deck_ids]
    return [((a.deck_id, a.question.id), answer_minutes(a.time_limit))
            for a in select_questions(chosen, config)]


def _placeholders(values: Sequence[object]) -> str:
    return ", ".join("?" * len(values))


def answer_events(history: HistoryStore, deck_ids: Sequence[str],
                  since: datetime) -> list[AnswerEvent]:
    """Answers to these decks submitted since `since` (read through the answers_recent index)."""
    if not deck_ids:
        return []
    rows = history.query(
        "SELECT deck_id, question_id, submitted_at, rating, overtime, key_points_checked "
        f"FROM answers WHERE deck_id IN ({_placeholders(deck_ids)}) "
        "AND submitted_at >= ?", [*deck_ids, since.astimezone(UTC).isoformat()])
    events = []
    for row in rows:
        ticks = json.loads(row["key_points_checked"] or "[]")
        events.append(AnswerEvent(
            key=(row["deck_id"], row["question_id"]),
            at=datetime.fromisoformat(row["submitted_at"]), rating=row["rating"],
            coverage=sum(ticks) / len(ticks) if ticks else 1.0, overtime=row["overtime"] > 0))
    return events


def review_events(history: HistoryStore, deck_ids: Sequence[str],
                  since: datetime) -> list[ReviewEvent]:
    """Reviews since `since`, and for each question the last one before (its due date then)."""
    if not deck_ids:
        return []
    marks = _placeholders(deck_ids)
    start = since.astimezone(UTC).isoformat()
    rows = history.query(
        "SELECT deck_id, question_id, reviewed_at, due_after FROM reviews "
        f"WHERE deck_id IN ({marks}) AND reviewed_at >= ?", [*deck_ids, start])
    # SQLite takes the bare columns from the row holding MAX(reviewed_at).
    rows += history.query(
        "SELECT deck_id, question_id, MAX(reviewed_at) AS reviewed_at, due_after FROM reviews "
        f"WHERE deck_id IN ({marks}) AND reviewed_at < ? GROUP BY deck_id, question_id",
        [*deck_ids, start])
    return [ReviewEvent((r["deck_id"], r["question_id"]), datetime.fromisoformat(r["reviewed_at"]),
                        datetime.fromisoformat(r["due_after"])) for r in rows]


@dataclass
class TodayPlan:
    """The next interview, its plan as it stood this morning, and what was done today."""

    interview: UpcomingInterview
    plan: Plan
    questions: list[PlanQuestion]  # this morning
    current: list[PlanQuestion]  # now, with today's answers (for coverage)
    done_today: Counter[QuestionKey] = field(default_factory=Counter)
    progress: list[DayProgress] = field(default_factory=list)

    @property
    def today(self) -> PlanDay | None:
        return self.plan.days[0] if self.plan.days else None

    @property
    def remaining(self) -> list[PlanItem]:
        """Today's items not answered yet today."""
        left = Counter(self.done_today)
        items = []
        for item in self.today.items if self.today else []:
            if left[item.key] > 0:
                left[item.key] -= 1
            else:
                items.append(item)
        return items

    @property
    def done_count(self) -> int:
        planned = len(self.today.items) if self.today else 0
        return planned - len(self.remaining)


def today_plan(history: HistoryStore | None, decks: Sequence[Deck],
               interview: UpcomingInterview, now: datetime, budget: int,
               with_progress: bool = False) -> TodayPlan:
    """Today's plan for `interview`, recomputed from the history (no history: a fresh start)."""
    scope = scope_of(interview, decks)
    deck_ids = sorted({key[0] for key, _ in scope})
    today = local_day(now)
    # Answers older than this window neither count toward the plan nor decide how weak
    # a question is (its last three ratings): 100,000 answers took seconds to read.
    since = day_start(min(interview.added, today) - timedelta(days=WINDOW_DAYS))
    answers = answer_events(history, deck_ids, since) if history is not None else []
    reviews = review_events(history, deck_ids, since) if history is not None else []
    morning = questions_at(scope, answers, reviews, day_start(today), interview.added)
    plan = build_plan(morning, today, interview.date, budget)
    in_scope = {key for key, _ in scope}
    morning_at = day_start(today)
    done = Counter(e.key for e in answers if e.key in in_scope and e.at >= morning_at)
    current = questions_at(scope, answers, reviews, now, interview.added)
    result = TodayPlan(interview, plan, morning, current, done)
    if with_progress:
        result.progress = progress(scope, answers, reviews, interview, today, budget)
    return result


def plan_questions(history: HistoryStore, decks: Sequence[Deck], now: datetime,
                   budget: int) -> list[AskedQuestion]:
    """What is left of today's plan for the next interview, as a practice session."""
    from mockint.storage.interviews import load_calendar_or_empty

    interview = load_calendar_or_empty()[0].next(now)
    if interview is None:
        return []
    today = today_plan(history, decks, interview, now, budget)
    return questions_for(decks, [item.key for item in today.remaining])


def plan_headline(upcoming: Sequence[UpcomingInterview], today: TodayPlan | None,
                  now: datetime) -> str:
    """Home's plan lines: the countdowns, then today's plan and how much of it is done."""
    from mockint.core.planning import countdown

    if not upcoming:
        return NO_INTERVIEW_YET
    lines = [" · ".join(countdown(i, now) for i in upcoming[:3])]
    day = today.today if today else None
    if today is None or day is None:
        lines.append("No planned practice on the interview day. Good luck!")
    elif not today.remaining:
        lines.append(f"Today's plan is done ({len(day.items)} answered) · c to practise more")
    else:
        done = f" · {today.done_count} done" if today.done_count else ""
        lines.append(f"Today: {day.describe()}{done} · g to start")
        if today.plan.over_budget:
            lines.append(f"(the scope needs ~{today.plan.busiest:.0f} min on the busiest day: "
                         "more than your daily budget)")
    return "\n".join(lines)


def plan_text(history: HistoryStore | None, decks: Sequence[Deck], interview: UpcomingInterview,
              now: datetime, budget: int, show_days: int = 14) -> str:
    """The plan toward `interview` as text: scope, today in full, then the days after."""
    today = today_plan(history, decks, interview, now, budget)
    at_target, answered, total = coverage(today.current)
    prompts = {(d.id, q.id): q.prompt for d in decks for q in d.questions}
    lines = [f"Plan for {visible(interview.label)}: {plural(total, 'question')} in scope, "
             f"{answered} answered, {at_target} at their target · budget {budget} min a day"]
    if today.plan.over_budget:
        lines.append(f"  The scope needs about {today.plan.busiest:.0f} min on the busiest day: "
                     "raise the daily budget (settings: daily_minutes) or narrow the scope.")
    short = today.plan.unreachable()
    if short:
        lines.append(f"  {plural(len(short), 'question')} cannot reach 2 answers (3 when weak) in the "
                     "days left.")
    day = today.today
    if day is None:
        lines.append("  The interview is today: good luck. No more planned practice.")
        return "\n".join(lines)
    done = today.done_count
    lines.append(f"Today ({day.day:%a %d %b}): {day.describe()}"
                 + (f" · {done} done" if done else ""))
    for item in today.remaining:
        text = " ".join(prompts.get(item.key, "/".join(item.key)).split())
        lines.append(f"  [{item.reason:<6}] {visible(text[:70])}")
    if day.items and not today.remaining:
        lines.append("  All done for today.")
    later = today.plan.days[1:show_days + 1]
    if later:
        lines.append("Next days:")
        lines += [f"  {d.day:%a %d %b}  {d.describe()}" for d in later]
    return "\n".join(lines)


# --- cramming: ratings move a card only when the person chose that ----------------


def card_due(history: HistoryStore, key: QuestionKey) -> datetime | None:
    rows = history.query("SELECT due FROM cards WHERE deck_id = ? AND question_id = ?", key)
    return datetime.fromisoformat(rows[0]["due"]) if rows else None


def record_rating(history: HistoryStore, session_id: str, kind: str, answer: AnswerRecord,
                  fsrs: Scheduler, cram_moves_cards: bool) -> bool:
    """Move the answer's card if its session kind allows it; True when the card moved."""
    if answer.rating is None:
        return False
    when = answer.rated_at or answer.submitted_at or datetime.now(UTC)
    key = (answer.asked.deck_id, answer.asked.question.id)
    if not moves_card(kind, card_due(history, key), when, cram_moves_cards):
        return False
    return history.record_review(session_id, answer, fsrs)


def cards_moved(history: HistoryStore, session_id: str) -> int:
    """How many of a session's ratings moved an FSRS card."""
    return history.query("SELECT COUNT(*) AS n FROM reviews WHERE session_id = ?",
                         (session_id,))[0]["n"]


# --- retention and workload (stats) ----------------------------------------------


@dataclass(frozen=True)
class Retention:
    good: int  # due reviews rated Good or Easy
    due_reviews: int

    @property
    def share(self) -> float | None:
        return self.good / self.due_reviews if self.due_reviews else None


def true_retention(history: HistoryStore, now: datetime, days: int = RETENTION_DAYS) -> Retention:
    """Of the reviews in the last `days` days made when the card was due, the share recalled.

    A review is "due" when the card's due date (set by its previous review) fell
    before the end of the local day it was made; a question's first review has no
    due date and does not count.
    """
    rows = history.query(
        """
        SELECT r.rating, r.reviewed_at,
               (SELECT p.due_after FROM reviews p
                 WHERE p.deck_id = r.deck_id AND p.question_id = r.question_id
                   AND p.reviewed_at < r.reviewed_at
                 ORDER BY p.reviewed_at DESC LIMIT 1) AS due_before
        FROM reviews r WHERE r.reviewed_at >= ?
        """, ((now - timedelta(days=days)).astimezone(UTC).isoformat(),))
    good = total = 0
    for row in rows:
        if row["due_before"] is None:
            continue
        reviewed = datetime.fromisoformat(row["reviewed_at"])
        if datetime.fromisoformat(row["due_before"]) < end_of_local_day(reviewed):
            total += 1
            good += row["rating"] >= 3
    return Retention(good, total)


def forecast(history: HistoryStore, now: datetime, days: int = FORECAST_DAYS,
             desired_retention: float | None = None) -> list[tuple[date, int]]:
    """Cards falling due on each of the next `days` local days (overdue ones count today).

    With `desired_retention`, cards in review are projected at that setting: a card
    comes due when its predicted recall falls to the desired retention (FSRS's
    interval from the card's stability, counted from its last review). So a
    change of the setting shows in the forecast at once, not only after each
    card's next review. Cards still being learned keep
    their stored due time (minutes-long steps, not a retention target).
    """
    today = local_day(now)
    ends = [end_of_local_day(start_of_local_day(today + timedelta(days=i)))
            for i in range(days)]
    if desired_retention is None:
        rows = history.query("SELECT due FROM cards WHERE due < ?", (ends[-1].isoformat(),))
        counts = Counter(max(local_day(datetime.fromisoformat(r["due"])), today) for r in rows)
    else:
        counts = Counter(_projected_days(history, today, ends, desired_retention))
    return [(today + timedelta(days=i), counts[today + timedelta(days=i)]) for i in range(days)]


def _projected_days(history: HistoryStore, today: date, ends: Sequence[datetime],
                    desired_retention: float) -> list[date]:
    from mockint.core.scheduling import card_from_json, scheduler

    fsrs = scheduler(desired_retention, fuzz=False)
    found = []
    for row in history.query("SELECT card, due, state FROM cards"):
        due = datetime.fromisoformat(row["due"])
        if row["state"] != 2:  # learning or relearning: the stored step
            if due < ends[-1]:
                found.append(max(local_day(due), today))
            continue
        card = card_from_json(row["card"])
        try:  # FSRS's own rule: whole days until recall is predicted to fall to the target
            if card.stability is not None and card.last_review is not None:
                days = fsrs._next_interval(stability=card.stability)
                due = card.last_review + timedelta(days=days)
        except (AttributeError, TypeError):  # another fsrs version: keep the stored date
            pass
        if due < ends[-1]:
            found.append(max(local_day(due), today))
    return found


# --- the stats screen's plan, retention and workload sections -----------------------

BAR = 30  # characters of the longest bar


def _bar(done: int, planned: int, scale: float) -> str:
    """█ for what was done, ░ for what was planned and not done."""
    full = round(done * scale)
    rest = max(0, round(planned * scale) - full)
    return "█" * full + "░" * rest


def plan_chart(rows: Sequence[DayProgress], today: date) -> list[str]:
    """Planned against done per day, as text bars (█ done, ░ planned and not done)."""
    top = max([max(r.planned, r.done) for r in rows] + [1])
    scale = min(2.0, BAR / top)  # two characters a question when they fit, else scaled down
    lines = []
    for row in rows:
        if row.day < today:
            figures = f"{row.done}/{row.planned} done"
        elif row.day == today:
            figures = f"{row.done}/{row.planned} done so far · today"
        else:
            figures = f"{row.planned} planned"
        bar = _bar(row.done, row.planned, scale)
        lines.append(f"  {row.day:%a %d %b}  {bar:<{BAR}}  {figures}")
    return lines


def plan_stats_text(history: HistoryStore, decks: Sequence[Deck], now: datetime, budget: int,
                    desired_retention: float) -> str:
    """Plan (planned vs done, coverage), true retention and the 14-day workload, as text."""
    from mockint.core.planning import TARGET, WEAK_TARGET, countdown
    from mockint.storage.interviews import load_calendar_or_empty

    lines: list[str] = []
    calendar, problem = load_calendar_or_empty()
    interview = calendar.next(now)
    if problem is not None:
        lines += [f"Plan: {problem}", ""]
    elif interview is None:
        lines += ["Plan: no interview ahead (add one with i on home, or `mockint plan add`).", ""]
    else:
        today = today_plan(history, decks, interview, now, budget, with_progress=True)
        at_target, answered, total = coverage(today.current)
        lines.append(f"Plan for {visible(countdown(interview, now))}: planned vs done "
                     "(█ done, ░ planned, not done)")
        lines += plan_chart(today.progress, local_day(now))
        share = at_target / total if total else 0.0
        lines += [
            f"Coverage: {at_target} of {plural(total, 'question')} at their target ({TARGET} answers, "
            f"{WEAK_TARGET} when weak) · {answered} answered at least once",
            f"  {'█' * round(share * BAR):░<{BAR}}  {share:.0%}", ""]
    retention = true_retention(history, now)
    measured = (f"{retention.share:.0%} ({retention.good} of {retention.due_reviews} due "
                "reviews rated Good or Easy)" if retention.share is not None
                else "not measured yet (no reviews made when due)")
    lines += [f"True retention, last {RETENTION_DAYS} days: {measured} · desired "
              f"{desired_retention:.0%}", ""]
    days = forecast(history, now, desired_retention=desired_retention)
    top = max([n for _, n in days] + [1])
    lines.append(f"Reviews due in the next {FORECAST_DAYS} days (at {desired_retention:.0%} "
                 "desired retention):")
    lines += [f"  {day:%a %d %b}  {'▇' * round(n * min(BAR, top) / top):<{BAR}}  {n}"
              for day, n in days]
    return "\n".join(lines)
