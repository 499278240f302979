"""`PlanHeadline`: the countdown to the next interviews and today's plan, for home.

It reads the interviews file and the history in a worker (both are disk
reads) and posts `PlanHeadline.Read` when the text is up to date, so the
screen can enable or disable its plan keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.message import Message

from mockint.storage.history_errors import HistoryUnavailable
from mockint.tui.access import mockint_app
from mockint.tui.widgets.plain import Plain

if TYPE_CHECKING:
    from mockint.core.planning import UpcomingInterview


class PlanHeadline(Plain):
    """ "Acme in 6 days" and "Today: 9 questions · ~28 min (3 due, 4 weak, 2 new)"."""

    class Read(Message):
        """The headline has been read again; `interview` is the next one (or None)."""

        def __init__(self, interview: UpcomingInterview | None, left: int) -> None:
            super().__init__()
            self.interview, self.left = interview, left

    interview: UpcomingInterview | None = None
    left = 0  # questions of today's plan not answered yet

    def reload(self) -> None:
        self._read()

    @work(thread=True, exclusive=True, group="plan-headline")
    def _read(self) -> None:
        from mockint.storage.interviews import NO_INTERVIEW_YET, interviews_path

        app = mockint_app(self)
        if not interviews_path().exists():  # no interviews: no plan, and no planning code loaded
            app.call_from_thread(self._show, NO_INTERVIEW_YET, None, 0)
            return
        from mockint.storage.interviews import load_calendar_or_empty
        from mockint.storage.plan import plan_headline, today_plan

        now = app.now()
        calendar, problem = load_calendar_or_empty()
        upcoming = calendar.upcoming(now)
        try:
            today = (today_plan(app.history, app.decks.decks, upcoming[0], now,
                                app.settings.daily_minutes)
                     if upcoming else None)
        except HistoryUnavailable:  # damaged since it opened (home says so): the countdown only
            today = None
        text = str(problem) if problem else plan_headline(upcoming, today, now)
        app.call_from_thread(self._show, text, upcoming[0] if upcoming else None,
                             len(today.remaining) if today else 0)

    def _show(self, text: str, interview: UpcomingInterview | None, left: int) -> None:
        self.interview, self.left = interview, left
        self.update(text)
        self.post_message(self.Read(interview, left))
