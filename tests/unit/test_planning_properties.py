"""Property tests: the planner's promises hold for any scope, and form input never crashes."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from mockint.core.planning import (
    InterviewCalendar,
    PlanQuestion,
    build_plan,
    interview_from_form,
)

TODAY = dt.date(2026, 12, 1)
NOW = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)

question = st.builds(
    lambda i, minutes, answers, weakness, due: PlanQuestion(
        key=("d", f"q{i}"), minutes=minutes, answers=answers, seen=answers > 0,
        weakness=weakness if answers else None,
        due=TODAY + dt.timedelta(days=due) if due is not None and answers else None),
    st.integers(), st.sampled_from([1.5, 2.0, 3.0, 4.0, 6.0]), st.integers(0, 3),
    st.floats(0, 1), st.one_of(st.none(), st.integers(-5, 20)))


@settings(max_examples=60, deadline=None)
@given(st.lists(question, min_size=1, max_size=50, unique_by=lambda q: q.key),
       st.integers(1, 15), st.integers(10, 90))
def test_every_question_reaches_its_target_once_a_day_at_most(questions, days, budget):
    plan = build_plan(questions, TODAY, TODAY + dt.timedelta(days=days), budget)

    assert len(plan.days) == days
    for day in plan.days:
        assert len(set(day.keys)) == len(day.keys)
    counts = plan.planned_answers()
    for q in questions:
        assert counts[q.key] >= min(q.target, q.answers + days)
    capacity = budget * (days - 0.5 if days > 1 else 1)
    needed = sum(max(0, q.target - q.answers) * q.minutes for q in questions)
    if days >= 4 and needed <= 0.6 * capacity and not any(q.due for q in questions):
        assert plan.busiest <= budget  # when the scope fits, no day goes over the budget


@settings(max_examples=80, deadline=None)
@given(st.dictionaries(st.sampled_from(["date", "time", "label"]), st.text(max_size=30)),
       st.lists(st.text(max_size=12), max_size=3))
def test_any_form_input_gives_an_interview_or_a_reason(values, decks):
    interview, problem = interview_from_form({**values, "decks": decks}, ["d", "e"], NOW)
    assert (interview is None) != (problem == "")
    if interview is not None:
        assert interview.date >= TODAY and set(interview.decks) <= {"d", "e"}


def test_a_calendar_round_trips_through_its_own_dump():
    calendar = InterviewCalendar.model_validate(
        {"schema": 1, "interviews": [{"label": "A", "date": "2026-12-09", "decks": ["d"],
                                      "added": "2026-12-01", "time": "09:30"}]})
    again = InterviewCalendar.model_validate(calendar.model_dump(by_alias=True))
    assert again == calendar
