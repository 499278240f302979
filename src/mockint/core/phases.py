"""The phases of an interview and the error an intent out of phase raises.

Plain Python (no pydantic), so the interview screen can show the first question of
`mockint run` before the session models are loaded (`mockint.core.first_look`);
`mockint.core.session` builds the interview on these and re-exports them.
"""

from __future__ import annotations

from enum import StrEnum


class Phase(StrEnum):
    ASKING = "asking"
    ANSWERING = "answering"
    PAUSED = "paused"
    SUBMITTED = "submitted"
    REVEALED = "revealed"
    RATED = "rated"
    CLOSING = "closing"  # a full interview's "Do you have any questions for me?"
    FINISHED = "finished"


class InterviewError(Exception):
    """An intent that does not fit the interview's phase or mode."""
