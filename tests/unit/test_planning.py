"""The daily plan toward an interview date, on a fixed "today" (no clock involved)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from mockint.core.planning import (
    MOCK_SHARE,
    TARGET,
    WEAK_TARGET,
    AnswerEvent,
    InterviewCalendar,
    PlanQuestion,
    ReviewEvent,
    UpcomingInterview,
    answer_minutes,
    build_plan,
    countdown,
    coverage,
    day_start,
    progress,
    questions_at,
)

TODAY = dt.date(2026, 12, 1)
INTERVIEW = TODAY + dt.timedelta(days=10)
BUDGET = 40
MINUTES = answer_minutes(120)  # 3 minutes an answer


def scope(n: int = 40) -> list[tuple[tuple[str, str], float]]:
    return [(("deck", f"q{i:02}"), MINUTES) for i in range(n)]


def fresh_questions(n: int = 40) -> list[PlanQuestion]:
    return [PlanQuestion(key=key, minutes=m) for key, m in scope(n)]


def meets_coverage(plan) -> bool:
    counts = plan.planned_answers()
    return all(counts[q.key] >= q.target for q in plan.questions)


def spaced(plan) -> bool:
    """No question twice on the same day."""
    return all(len(set(day.keys)) == len(day.keys) for day in plan.days)


def test_ten_days_for_forty_questions_meets_the_coverage_rule_and_the_budget():
    plan = build_plan(fresh_questions(), TODAY, INTERVIEW, BUDGET)

    assert [d.day for d in plan.days] == [TODAY + dt.timedelta(days=i) for i in range(10)]
    assert meets_coverage(plan) and not plan.unreachable()
    assert all(day.minutes <= BUDGET for day in plan.days)
    assert not plan.over_budget
    assert spaced(plan)
    # Load balanced: the busiest ordinary day is close to the quietest one.
    ordinary = [d.minutes for d in plan.days if not d.mock]
    assert max(ordinary) - min(ordinary) <= 2 * MINUTES


def test_weak_questions_get_three_answers_and_strong_ones_two():
    questions = [PlanQuestion(key=key, minutes=m, answers=1, seen=True,
                              weakness=0.8 if i < 5 else 0.0) for i, (key, m) in enumerate(scope())]
    plan = build_plan(questions, TODAY, INTERVIEW, BUDGET)

    counts = plan.planned_answers()
    assert all(counts[q.key] >= WEAK_TARGET for q in questions[:5])
    assert all(counts[q.key] >= TARGET for q in questions[5:])
    assert all(day.minutes <= BUDGET for day in plan.days)


def test_new_questions_come_early_and_the_last_day_is_a_short_mock():
    plan = build_plan(fresh_questions(), TODAY, INTERVIEW, BUDGET)

    new_per_day = [day.count("new") for day in plan.days]
    assert new_per_day[-2:] == [0, 0]
    assert sum(new_per_day) == 40
    assert plan.days[-1].mock and not any(d.mock for d in plan.days[:-1])
    assert 0 < plan.days[-1].minutes <= BUDGET * MOCK_SHARE
    assert {item.reason for item in plan.days[-1].items} == {"mock"}


def test_fsrs_due_reviews_land_on_their_day_and_overdue_ones_today():
    questions = fresh_questions(6)
    questions[0] = PlanQuestion(key=questions[0].key, minutes=MINUTES, answers=2, seen=True,
                                weakness=0.0, due=TODAY - dt.timedelta(days=3))
    questions[1] = PlanQuestion(key=questions[1].key, minutes=MINUTES, answers=2, seen=True,
                                weakness=0.0, due=TODAY + dt.timedelta(days=4))
    plan = build_plan(questions, TODAY, INTERVIEW, BUDGET)

    assert ("due" in {i.reason for i in plan.days[0].items if i.key == questions[0].key})
    assert [i.reason for i in plan.days[4].items if i.key == questions[1].key] == ["due"]


def test_a_skipped_day_is_absorbed_by_the_days_left():
    first = build_plan(fresh_questions(), TODAY, INTERVIEW, BUDGET)
    # Nothing was done on the first day: the next morning plans again from the history.
    again = build_plan(fresh_questions(), TODAY + dt.timedelta(days=1), INTERVIEW, BUDGET)

    assert len(again.days) == 9
    assert meets_coverage(again) and spaced(again)
    assert all(day.minutes <= BUDGET for day in again.days)
    # The missed work is spread over the days left, not piled onto the first of them.
    missed = first.days[0].minutes
    assert again.days[0].minutes < first.days[1].minutes + missed
    ordinary = [d.minutes for d in again.days if not d.mock]
    assert max(ordinary) - min(ordinary) <= 2 * MINUTES


def test_the_plan_reacts_to_a_lapse():
    added = TODAY - dt.timedelta(days=2)
    key = ("deck", "q00")
    morning = dt.datetime(2026, 11, 29, 9, tzinfo=dt.UTC)
    good = [AnswerEvent(k, morning, rating=3) for k, _ in scope()]
    review = ReviewEvent(key, morning, due_after=morning + dt.timedelta(days=20))
    before = questions_at(scope(), good, [review], day_start(TODAY), added)
    plain = build_plan(before, TODAY, INTERVIEW, BUDGET)

    lapse_at = dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC)
    lapse = AnswerEvent(key, lapse_at, rating=1, coverage=0.0)
    relearn = ReviewEvent(key, lapse_at, due_after=lapse_at + dt.timedelta(minutes=10))
    after = questions_at(scope(), [*good, lapse], [review, relearn], day_start(TODAY), added)
    reacted = build_plan(after, TODAY, INTERVIEW, BUDGET)

    lapsed = next(q for q in after if q.key == key)
    assert next(q for q in before if q.key == key).target == TARGET
    assert lapsed.is_weak and lapsed.target == WEAK_TARGET and lapsed.due == dt.date(2026, 11, 30)
    assert [i.reason for i in reacted.days[0].items if i.key == key] == ["due"]  # relearn today
    assert reacted.planned_answers()[key] >= WEAK_TARGET
    assert plain.planned_answers()[key] < reacted.planned_answers()[key]


def test_a_scope_too_big_for_the_budget_is_spread_evenly_and_reported():
    plan = build_plan(fresh_questions(120), TODAY, INTERVIEW, 20)

    assert plan.over_budget
    assert meets_coverage(plan)
    ordinary = [d.minutes for d in plan.days if not d.mock]
    assert max(ordinary) - min(ordinary) <= 3 * MINUTES


def test_one_day_left_is_a_mock_of_what_fits_and_the_interview_day_has_no_plan():
    tomorrow = build_plan(fresh_questions(), TODAY, TODAY + dt.timedelta(days=1), BUDGET)
    assert len(tomorrow.days) == 1 and tomorrow.unreachable()
    assert build_plan(fresh_questions(), TODAY, TODAY, BUDGET).days == []


def test_questions_at_counts_answers_since_the_interview_was_added_only():
    key = ("deck", "q00")
    old = AnswerEvent(key, dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC), rating=4)
    recent = AnswerEvent(key, dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC), rating=4)
    later = AnswerEvent(key, dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC), rating=1)
    [state, *_] = questions_at(scope(2), [old, recent, later], [], day_start(TODAY),
                               dt.date(2026, 11, 20))

    assert state.answers == 1 and state.seen  # `later` is after the cutoff
    assert state.weakness == 0.0
    assert _[0].seen is False


def test_progress_replays_each_past_morning_and_counts_what_was_done():
    interview = UpcomingInterview(label="Acme", date=INTERVIEW, decks=["deck"],
                                  added=TODAY - dt.timedelta(days=2))
    done_at = dt.datetime.combine(TODAY - dt.timedelta(days=1), dt.time(12)).astimezone(dt.UTC)
    answers = [AnswerEvent(k, done_at, rating=3) for k, _ in scope()[:5]]
    rows = progress(scope(), answers, [], interview, TODAY, BUDGET)

    assert [r.day for r in rows] == [interview.added + dt.timedelta(days=i) for i in range(12)]
    assert [r.done for r in rows[:3]] == [0, 5, 0]
    assert all(r.planned > 0 for r in rows)
    # Day two's plan was made knowing day one was skipped: it asks for more than day one's.
    assert rows[1].planned >= rows[0].planned
    assert coverage(questions_at(scope(), answers, [], day_start(TODAY), interview.added)) \
        == (0, 5, 40)


def test_countdown_and_upcoming_use_the_local_day():
    now = dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC)
    acme = UpcomingInterview(label="Acme", date=dt.date(2026, 12, 7), decks=["d"], added=TODAY)
    soon = UpcomingInterview(label="Beta", date=dt.date(2026, 12, 2), time=dt.time(14),
                             decks=["d"], added=TODAY)
    past = UpcomingInterview(label="Old", date=dt.date(2026, 11, 2), decks=["d"], added=TODAY)
    calendar = InterviewCalendar(interviews=[acme, past, soon])

    assert countdown(acme, now) == "Acme in 6 days"
    assert countdown(soon, now) == "Beta tomorrow at 14:00"
    assert [i.label for i in calendar.upcoming(now)] == ["Beta", "Acme"]
    assert calendar.next(now) is soon


@pytest.mark.parametrize("bad", [{"label": " "}, {"decks": []}, {"colour": "red"}])
def test_an_interview_with_a_bad_field_is_refused(bad):
    data = {"label": "Acme", "date": "2026-12-07", "decks": ["d"], "added": "2026-12-01", **bad}
    with pytest.raises(ValueError):
        UpcomingInterview.model_validate(data)


def test_reasons_of_a_fresh_plan():
    plan = build_plan(fresh_questions(), TODAY, INTERVIEW, BUDGET)
    reasons = Counter(item.reason for day in plan.days for item in day.items)
    assert reasons["new"] == 40 and reasons["due"] == 0
    assert "questions" in plan.days[0].describe()
