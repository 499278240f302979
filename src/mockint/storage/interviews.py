"""Upcoming interviews: `interviews.toml` in the data folder, validated, written atomically.

A small file of its own rather than a table in the history: the person may
read or fix it by hand, and it stays apart from the session database. A file
that cannot be read is reported with its line (or field) and left as it is;
it is only written when the person adds or removes an interview.

    schema = 1
    [[interviews]]
    label = "Acme — backend"
    date = 2026-12-15
    time = 14:00:00            # optional
    decks = ["django-technical", "behavioral"]
    categories = []            # empty: all
    levels = []
    added = 2026-12-01         # answers count toward the plan from this day on
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mockint import paths
from mockint.storage.files import FileProblem, atomic_write_text, read_toml_model

if TYPE_CHECKING:  # the models (pydantic) load when there is a file to read: not at start-up
    from mockint.core.planning import InterviewCalendar, UpcomingInterview

FILE_NAME = "interviews.toml"
NO_INTERVIEW_YET = "No interview date yet · i to add one and get a daily plan"


class InterviewsProblem(FileProblem):
    """The interviews file cannot be read; `str()` names the file and the place."""


def interviews_path() -> Path:
    return paths.data_dir() / FILE_NAME


def load_calendar(path: Path | None = None) -> InterviewCalendar:
    """The interviews on file (none if there is no file); InterviewsProblem names the place."""
    from mockint.core.planning import InterviewCalendar

    return read_toml_model(path or interviews_path(), InterviewCalendar, InterviewsProblem,
                           advice="; fix or remove that entry") or InterviewCalendar()


def load_calendar_or_empty(path: Path | None = None) -> tuple[InterviewCalendar,
                                                              InterviewsProblem | None]:
    try:
        return load_calendar(path), None
    except InterviewsProblem as problem:
        from mockint.core.planning import InterviewCalendar

        return InterviewCalendar(), problem


def save_calendar(calendar: InterviewCalendar, path: Path | None = None) -> Path:
    import tomli_w

    path = path or interviews_path()
    data = calendar.model_dump(by_alias=True, exclude_none=True)
    atomic_write_text(path, tomli_w.dumps(data))
    return path


def add_interview(interview: UpcomingInterview, path: Path | None = None) -> InterviewCalendar:
    """Add one interview to the file (raises InterviewsProblem rather than overwrite a bad file)."""
    calendar = load_calendar(path)
    calendar.interviews.append(interview)
    calendar.interviews.sort(key=lambda i: i.starts())
    save_calendar(calendar, path)
    return calendar


def remove_interview(which: str, path: Path | None = None) -> UpcomingInterview:
    """Remove the interview numbered `which` (1-based, as listed) or labelled `which`.

    KeyError (with what to do) when nothing, or more than one, matches.
    """
    calendar = load_calendar(path)
    listed = sorted(calendar.interviews, key=lambda i: i.starts())
    if which.isdigit():
        number = int(which)
        if not 1 <= number <= len(listed):
            raise KeyError(f"there is no interview number {number} (there are {len(listed)})")
        chosen = listed[number - 1]
    else:
        matches = [i for i in listed if i.label.casefold() == which.strip().casefold()]
        if not matches:
            raise KeyError(f"no interview is labelled {which!r}")
        if len(matches) > 1:
            raise KeyError(f"{len(matches)} interviews are labelled {which!r}; give its number")
        chosen = matches[0]
    calendar.interviews = [i for i in listed if i is not chosen]
    save_calendar(calendar, path)
    return chosen
