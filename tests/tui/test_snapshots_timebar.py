"""SVG snapshots of the interview's time bar: normal and warning, at 80×24 and 120×40.

The bar sits on the interviewer panel's last line; at 80×24 the question, the
bar and the answer box must all stay in view.
"""

from __future__ import annotations

import pytest

from mockint.core.session import SessionConfig
from tests.helpers import interview_at

PRACTICE = SessionConfig(deck_ids=["tui"], mode="practice")
ANSWER = "Slicing adds LIMIT to the SQL; the queryset is lazy until I iterate."


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("seconds", [30, 95], ids=["normal", "warning"])
def test_interview_time_bar(snap_compare, app, size, seconds):
    assert snap_compare(app, terminal_size=size, run_before=interview_at(PRACTICE, seconds, ANSWER))
