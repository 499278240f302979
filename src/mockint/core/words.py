"""The words mockint shows for counts and session states, defined once.

Every surface (screens, `mockint` commands, the Markdown export) says
"1 question" / "2 questions" through `plural`, and names a session's state
through `session_status`, so no screen can say "1 questions" or call the same
session "abandoned" in one place and "left early" in another. The stored value
of a session left mid-interview stays `abandoned` (data, also in the JSON
export); people read "left early".
"""

from __future__ import annotations

SESSION_STATUS = {"finished": "finished", "abandoned": "left early", "in_progress": "in progress"}
"""A session's stored status → the words people read."""


def noun(count: int, singular: str, plural_form: str | None = None) -> str:
    """`question` for 1, `questions` otherwise (`story` → `stories`; irregulars given)."""
    if count == 1:
        return singular
    if plural_form is not None:
        return plural_form
    if singular.endswith("y") and singular[-2:-1] not in {"a", "e", "i", "o", "u"}:
        return singular[:-1] + "ies"
    if singular.endswith(("s", "x", "ch", "sh")):
        return singular + "es"
    return singular + "s"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """`1 question`, `3 questions`, `0 stories`: the count and its noun."""
    return f"{count} {noun(count, singular, plural_form)}"


def session_status(status: str, empty: bool = False) -> str:
    """`finished`, `left early`, `in progress`, or `empty` for a session ended before
    any question was answered or skipped."""
    if empty and status != "in_progress":
        return "empty"
    return SESSION_STATUS.get(status, status.replace("_", " "))


def count_words(text: str) -> int:
    """Words as a person would count them: runs of non-space characters."""
    return len(text.split())
