"""interviews.toml: written atomically, read back the same, bad files named with the place."""

from __future__ import annotations

import datetime as dt

import pytest

from mockint.core.planning import UpcomingInterview
from mockint.storage.interviews import (
    InterviewsProblem,
    add_interview,
    interviews_path,
    load_calendar,
    load_calendar_or_empty,
    remove_interview,
)


def interview(label: str, day: int, **more) -> UpcomingInterview:
    return UpcomingInterview(label=label, date=dt.date(2026, 12, day), decks=["d"],
                             added=dt.date(2026, 12, 1), **more)


def test_added_interviews_are_kept_soonest_first_and_read_back_the_same():
    add_interview(interview("Acme — backend", 15, time=dt.time(14), categories=["technical"]))
    add_interview(interview("Beta", 9))

    calendar = load_calendar()
    assert [i.label for i in calendar.interviews] == ["Beta", "Acme — backend"]
    assert calendar.interviews[1].time == dt.time(14)
    assert calendar.interviews[1].categories == ["technical"]
    text = interviews_path().read_text()
    assert "schema = 1" in text and "date = 2026-12-15" in text


def test_remove_by_number_or_label_and_refuse_what_is_ambiguous():
    for label, day in (("Acme", 15), ("Beta", 9), ("acme", 20)):
        add_interview(interview(label, day))
    with pytest.raises(KeyError, match="2 interviews are labelled"):
        remove_interview("ACME")
    with pytest.raises(KeyError, match="no interview number 7"):
        remove_interview("7")
    assert remove_interview("1").label == "Beta"
    assert remove_interview("2").label == "acme"
    assert [i.label for i in load_calendar().interviews] == ["Acme"]


def test_no_file_is_an_empty_calendar():
    assert load_calendar().interviews == []


@pytest.mark.parametrize("text, place", [
    ("schema = 1\n[[interviews]]\nlabel = 'A'\ndate = 2026-13-01\n", "line 4"),
    ("schema = 1\n[[interviews]]\nlabel = 'A'\ndate = 2026-12-01\nadded = 2026-12-01\n"
     "decks = ['d']\ncolour = 'red'\n", "interviews[0].colour: unknown key"),
    ("schema = 1\n[[interviews]]\nlabel = 'A'\ndate = 2026-12-01\nadded = 2026-12-01\n",
     "interviews[0].decks"),
])
def test_a_bad_file_is_reported_with_its_place_and_left_alone(text, place):
    path = interviews_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    calendar, problem = load_calendar_or_empty()
    assert calendar.interviews == [] and problem is not None
    assert str(path) in str(problem) and place in str(problem)
    with pytest.raises(InterviewsProblem):
        add_interview(interview("Acme", 15))
    assert path.read_text() == text
