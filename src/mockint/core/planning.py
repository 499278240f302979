"""Ready by the interview date: upcoming interviews and a daily plan toward the next one.

People practise toward a date. The person lists upcoming interviews (a date,
maybe a time, a label and the decks / categories / levels each covers); the
planner then lays out the days left so that, before the date,

* every question in scope has been answered at least twice (`TARGET`), and the
  weakest ones at least three times (`WEAK_TARGET`);
* what FSRS has due is reviewed on the day it falls due;
* each day costs about the same time, and no more than the daily budget when the
  scope fits in it at all (the answer's time limit plus a minute to read the
  sample answer and rate);
* new questions come early, none in the last two days when that can be helped;
* the last day before the interview is a short mock (about half the budget).

Everything here is pure: the plan is computed from what the history says was
done (`AnswerEvent`, `ReviewEvent`) on an injected "today", so it adapts every
day to what was actually done, and a past day's plan can be recomputed as it
stood that morning (the stats chart does this).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from pydantic import ConfigDict, Field, field_validator

from mockint.core.model import Model
from mockint.core.practice import QuestionKey, QuestionRecord, local_day, start_of_local_day

TARGET = 2  # answers every in-scope question gets before the date
WEAK_TARGET = 3  # ... and the weak ones
WEAK = 0.25  # weakness from which a question counts as weak (as for "weak" practice)
REVEAL_SECONDS = 60  # reading the sample answer and rating, on top of the answer's limit
MOCK_SHARE = 0.5  # the last day's short mock: about half the daily budget
NEW_FREE_DAYS = 2  # the days right before the interview bring no new questions if possible
RECENT = 3  # ratings that decide a question's weakness (as in the history's records)

Reason = Literal["due", "weak", "new", "repeat", "mock"]
REASONS: dict[str, str] = {"due": "due", "weak": "weak", "new": "new", "repeat": "repeat",
                           "mock": "mock"}


# --- upcoming interviews ------------------------------------------------------------


class UpcomingInterview(Model):
    """One interview on the calendar and what it covers (empty lists: everything)."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    label: str = Field(min_length=1, max_length=80)
    date: dt.date
    time: dt.time | None = None
    decks: list[str] = Field(min_length=1)
    categories: list[str] = Field(default_factory=list)
    levels: list[str] = Field(default_factory=list)
    added: dt.date  # answers count toward the plan from this day on

    @field_validator("label")
    @classmethod
    def _label(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise ValueError("the label is empty")
        return value

    def starts(self) -> dt.datetime:
        """When it starts, as a UTC time (the end of its local day when no time is given)."""
        moment = dt.datetime.combine(self.date, self.time or dt.time(23, 59, 59))
        return moment.astimezone(dt.UTC)

    def is_upcoming(self, now: dt.datetime) -> bool:
        return self.starts() > now

    def when_text(self) -> str:
        return f"{self.date:%a %d %b %Y}" + (f" {self.time:%H:%M}" if self.time else "")


class InterviewCalendar(Model):
    """The whole interviews file: `schema = 1` and a list of interviews."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    schema_: int = Field(default=1, alias="schema", ge=1, le=1)
    interviews: list[UpcomingInterview] = Field(default_factory=list)

    def upcoming(self, now: dt.datetime) -> list[UpcomingInterview]:
        """Interviews still ahead, soonest first."""
        return sorted((i for i in self.interviews if i.is_upcoming(now)),
                      key=lambda i: i.starts())

    def next(self, now: dt.datetime) -> UpcomingInterview | None:
        ahead = self.upcoming(now)
        return ahead[0] if ahead else None


def parse_day(text: str, now: dt.datetime) -> dt.date:
    """A date typed as YYYY-MM-DD, today or later (ValueError says what is wrong)."""
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. "
                         f"{local_day(now) + dt.timedelta(days=14):%Y-%m-%d}") from None
    if day < local_day(now):
        raise ValueError(f"{day:%Y-%m-%d} is in the past (today is {local_day(now):%Y-%m-%d}); "
                         "give the day of an interview still to come")
    return day


def parse_time(text: str) -> dt.time:
    try:
        return dt.time.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a time; write it as HH:MM, e.g. 14:00") from None


def interview_from_form(values: dict[str, object], deck_ids: Sequence[str],
                        now: dt.datetime) -> tuple[UpcomingInterview | None, str]:
    """An interview from a form's raw values, or the first problem in words for the person.

    `values`: date and time and label as typed, decks / categories / levels as lists.
    """
    try:
        day = parse_day(str(values.get("date", "")), now)
        typed_time = str(values.get("time", "")).strip()
        at = parse_time(typed_time) if typed_time else None
    except ValueError as error:
        return None, str(error)
    decks = _strings(values.get("decks"))
    if not decks:
        return None, "choose at least one deck"
    unknown = [d for d in decks if d not in deck_ids]
    if unknown:
        return None, f"no deck {', '.join(unknown)}"
    label = " ".join(str(values.get("label", "")).split()) or f"Interview on {day:%d %b}"
    interview = UpcomingInterview(
        label=label[:80], date=day, time=at, decks=decks,
        categories=_strings(values.get("categories")),
        levels=_strings(values.get("levels")),
        added=local_day(now))
    if not interview.is_upcoming(now):
        return None, f"{interview.when_text()} has already passed"
    return interview, ""


def countdown(interview: UpcomingInterview, now: dt.datetime) -> str:
    """ "Acme in 6 days", "Acme tomorrow", "Acme today at 14:00"."""
    days = (interview.date - local_day(now)).days
    at = f" at {interview.time:%H:%M}" if interview.time else ""
    if days <= 0:
        return f"{interview.label} today{at}"
    if days == 1:
        return f"{interview.label} tomorrow{at}"
    return f"{interview.label} in {days} days"


# --- what the history says -------------------------------------------------------


@dataclass(frozen=True)
class AnswerEvent:
    """One submitted answer to a question."""

    key: QuestionKey
    at: dt.datetime  # submitted, UTC
    rating: int | None = None
    coverage: float = 1.0  # key points ticked / key points
    overtime: bool = False


@dataclass(frozen=True)
class ReviewEvent:
    """One FSRS review: the card's due date after it."""

    key: QuestionKey
    at: dt.datetime
    due_after: dt.datetime


@dataclass(frozen=True)
class PlanQuestion:
    """What the planner needs to know of one in-scope question on the morning of a day."""

    key: QuestionKey
    minutes: float  # one answer: its time limit plus reading and rating
    answers: int = 0  # answered since the interview was added
    seen: bool = False  # ever answered (a question never answered is new)
    weakness: float | None = None  # None: never rated
    due: dt.date | None = None  # the local day FSRS has it due (None: no card yet)
    last: dt.date | None = None  # the local day of its last answer

    @property
    def target(self) -> int:
        return WEAK_TARGET if self.is_weak else TARGET

    @property
    def is_weak(self) -> bool:
        return self.weakness is not None and self.weakness >= WEAK


def answer_minutes(time_limit: int) -> float:
    return (time_limit + REVEAL_SECONDS) / 60


def questions_at(scope: Sequence[tuple[QuestionKey, float]], answers: Iterable[AnswerEvent],
                 reviews: Iterable[ReviewEvent], cutoff: dt.datetime,
                 added: dt.date) -> list[PlanQuestion]:
    """The state of every in-scope question (key, minutes) from what happened before `cutoff`."""
    by_key: dict[QuestionKey, list[AnswerEvent]] = defaultdict(list)
    for event in answers:
        if event.at < cutoff:
            by_key[event.key].append(event)
    since_added = start_of_local_day(added)
    due: dict[QuestionKey, tuple[dt.datetime, dt.datetime]] = {}
    for review in reviews:
        if review.at < cutoff and (review.key not in due or due[review.key][0] <= review.at):
            due[review.key] = (review.at, review.due_after)
    states = []
    for key, minutes in scope:
        done = sorted(by_key.get(key, []), key=lambda e: e.at)
        rated = [e for e in reversed(done) if e.rating is not None][:RECENT]
        weakness = None
        if rated:
            weakness = QuestionRecord(
                key=key, recent_ratings=tuple(e.rating for e in rated if e.rating is not None),
                coverage=sum(e.coverage for e in rated) / len(rated),
                overtime_share=sum(e.overtime for e in rated) / len(rated)).weakness
        states.append(PlanQuestion(
            key=key, minutes=minutes,
            answers=sum(1 for e in done if e.at >= since_added), seen=bool(done),
            weakness=weakness,
            due=local_day(due[key][1]) if key in due else None,
            last=local_day(done[-1].at) if done else None))
    return states


# --- the plan ------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanItem:
    key: QuestionKey
    reason: Reason
    minutes: float


@dataclass
class PlanDay:
    day: dt.date
    items: list[PlanItem] = field(default_factory=list)
    mock: bool = False

    @property
    def minutes(self) -> float:
        return sum(item.minutes for item in self.items)

    @property
    def keys(self) -> list[QuestionKey]:
        return [item.key for item in self.items]

    def count(self, reason: str) -> int:
        return sum(1 for item in self.items if item.reason == reason)

    def describe(self) -> str:
        """ "9 questions · ~28 min (3 due, 4 weak, 2 new)"."""
        parts = [f"{self.count(r)} {REASONS[r]}" for r in REASONS if self.count(r)]
        noun = "question" if len(self.items) == 1 else "questions"
        kind = "short mock: " if self.mock else ""
        return (f"{kind}{len(self.items)} {noun} · ~{math.ceil(self.minutes)} min"
                + (f" ({', '.join(parts)})" if parts and not self.mock else ""))


@dataclass
class Plan:
    """The days from today up to the day before the interview, and what each holds."""

    days: list[PlanDay]
    budget: int  # minutes a day
    questions: list[PlanQuestion]

    def day(self, day: dt.date) -> PlanDay | None:
        return next((d for d in self.days if d.day == day), None)

    @property
    def busiest(self) -> float:
        return max((d.minutes for d in self.days), default=0.0)

    @property
    def over_budget(self) -> bool:
        """The scope does not fit the budget: some day needs clearly more."""
        return self.busiest > self.budget * 1.1

    def planned_answers(self) -> dict[QuestionKey, int]:
        """Answers each question will have by the date if the plan is followed."""
        counts = {q.key: q.answers for q in self.questions}
        for day in self.days:
            for item in day.items:
                counts[item.key] += 1
        return counts

    def unreachable(self) -> list[QuestionKey]:
        """Questions that cannot reach their target in the days left (one answer a day)."""
        counts = self.planned_answers()
        return [q.key for q in self.questions if counts[q.key] < q.target]


def build_plan(questions: Sequence[PlanQuestion], today: dt.date, interview_day: dt.date,
               budget: int) -> Plan:
    """Lay out the days from `today` to the day before `interview_day`.

    A greedy pass, one day at a time: the day first takes its FSRS-due reviews,
    then every answer that cannot wait (a question needing as many more answers
    as it has free days left), then fills up to its balanced share of the work
    still to do: weak questions, new ones (spread over all but the last
    `NEW_FREE_DAYS` days), then repeats of whatever was answered longest ago.
    Each question is answered at most once a day.
    """
    n = (interview_day - today).days
    plan = Plan(days=[PlanDay(today + dt.timedelta(days=i)) for i in range(max(0, n))],
                budget=budget, questions=list(questions))
    if n <= 0 or not questions:
        return plan
    if n >= 2:
        plan.days[-1].mock = True
    caps = [budget * (MOCK_SHARE if day.mock else 1) for day in plan.days]
    info = {q.key: q for q in questions}
    placed: dict[QuestionKey, set[int]] = defaultdict(set)
    last = {q.key: (q.last - today).days if q.last else -10_000 for q in questions}
    need = {q.key: min(max(0, q.target - q.answers), n) for q in questions}

    # FSRS reviews are pinned to their day (overdue ones to today) and count as answers.
    for q in questions:
        if q.due is not None and q.due < interview_day:
            i = max(0, (q.due - today).days)
            plan.days[i].items.append(PlanItem(q.key, "due", q.minutes))
            placed[q.key].add(i)
            need[q.key] = max(0, need[q.key] - 1)
    new_days = max(1, n - NEW_FREE_DAYS)

    def fresh(key: QuestionKey) -> bool:
        return not info[key].seen and not placed[key]

    for i, day in enumerate(plan.days):
        def free_days(key: QuestionKey, i: int = i) -> int:
            return sum(1 for k in range(i, n) if k not in placed[key])

        still = sum(need[k] * info[k].minutes for k in need)
        pinned_later = sum(d.minutes for d in plan.days[i:])
        share = (still + pinned_later) * caps[i] / sum(caps[i:])
        if day.mock:
            share = max(share, caps[i])  # room for a short mock even when all is done

        def add(key: QuestionKey, day: PlanDay = day, i: int = i) -> None:
            q = info[key]
            reason: Reason = ("mock" if day.mock else "new" if fresh(key)
                              else "weak" if q.is_weak else "repeat")
            day.items.append(PlanItem(key, reason, q.minutes))
            placed[key].add(i)
            last[key] = i
            need[key] = max(0, need[key] - 1)

        waiting = [k for k in need if need[k] > 0 and i not in placed[k]]
        for key in [k for k in waiting if free_days(k) <= need[k]]:
            add(key)  # cannot wait: it needs every day it has left

        def fits(key: QuestionKey, day: PlanDay = day, share: float = share) -> bool:
            return day.minutes + info[key].minutes / 2 <= share

        new_left = sum(1 for k in need if need[k] > 0 and fresh(k))
        new_cap = (0 if day.mock or i >= new_days
                   else math.ceil(new_left / max(1, new_days - i)))
        waiting = [k for k in need if need[k] > 0 and i not in placed[k] and last[k] < i - 1]
        weak = sorted((k for k in waiting if info[k].is_weak and not fresh(k)),
                      key=lambda k: (-(info[k].weakness or 0), last[k], k))
        new = [k for k in waiting if fresh(k)]
        others = sorted((k for k in waiting if not info[k].is_weak and not fresh(k)),
                        key=lambda k: (last[k], k))
        # Spare room takes more new questions (early days), then yesterday's ones again.
        more_new = [] if day.mock or i >= new_days else new[new_cap:]
        yesterday = sorted((k for k in need if need[k] > 0 and i not in placed[k]
                            and last[k] == i - 1 and not fresh(k)), key=lambda k: k)
        for key in weak + new[:new_cap] + others + more_new + yesterday:
            if fits(key) and i not in placed[key]:
                add(key)
        if day.mock:  # fill the mock with the weakest questions, asked once more
            extra = sorted((q for q in questions if i not in placed[q.key]
                            and (q.seen or placed[q.key])),
                           key=lambda q: (-(q.weakness or 0), q.key))
            for q in extra:
                if day.minutes + q.minutes <= caps[i]:
                    add(q.key)
    return plan


# --- planned against done, per day ---------------------------------------------


@dataclass(frozen=True)
class DayProgress:
    day: dt.date
    planned: int  # questions the plan gave this day, as it stood that morning
    done: int  # in-scope answers given that day
    minutes: float  # planned minutes


def day_start(day: dt.date) -> dt.datetime:
    return start_of_local_day(day)


def progress(scope: Sequence[tuple[QuestionKey, float]], answers: Sequence[AnswerEvent],
             reviews: Sequence[ReviewEvent], interview: UpcomingInterview, today: dt.date,
             budget: int) -> list[DayProgress]:
    """From the day the interview was added to the day before it: planned vs done.

    Past days are planned again as they stood that morning (the plan is a pure
    function of the history), days to come as they stand today (done = 0).
    """
    in_scope = {key for key, _ in scope}
    done: dict[dt.date, int] = defaultdict(int)
    for event in answers:
        if event.key in in_scope:
            done[local_day(event.at)] += 1
    rows = []
    first = min(interview.added, today)
    for offset in range(max(0, (interview.date - first).days)):
        day = first + dt.timedelta(days=offset)
        if day > today:
            break
        state = questions_at(scope, answers, reviews, day_start(day), interview.added)
        planned = build_plan(state, day, interview.date, budget).day(day)
        rows.append(DayProgress(day, len(planned.items) if planned else 0, done[day],
                                planned.minutes if planned else 0.0))
    if today < interview.date:
        state = questions_at(scope, answers, reviews, day_start(today), interview.added)
        for later in build_plan(state, today, interview.date, budget).days[1:]:
            rows.append(DayProgress(later.day, len(later.items), 0, later.minutes))
    return rows


def coverage(questions: Sequence[PlanQuestion]) -> tuple[int, int, int]:
    """(questions at their target, answered at least once, in scope)."""
    return (sum(1 for q in questions if q.answers >= q.target),
            sum(1 for q in questions if q.answers > 0), len(questions))


def _strings(value: object) -> list[str]:
    """A form's list value as strings (nothing, if it is not a list)."""
    return [str(item) for item in value] if isinstance(value, list | tuple) else []
