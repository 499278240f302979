"""Starting practice toward an interview: today's plan, or cramming its whole scope.

Shared by home and the interviews screen, so both start the same sessions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mockint.core.planning import UpcomingInterview

if TYPE_CHECKING:
    from mockint.tui.app import MockintApp


def start_plan(app: MockintApp, interview: UpcomingInterview) -> bool:
    """What is left of today's plan toward `interview`, as one practice session."""
    from mockint.storage.plan import scope_config

    config = scope_config(interview, app.decks.decks, kind="plan")
    return app.flow.start(
        config.model_copy(update={"mode": app.settings.default_mode}))


def start_cram(app: MockintApp, interview: UpcomingInterview | None) -> bool:
    """Anything in the interview's scope now, due or not; without one, the setup's filters.

    Cram ratings move FSRS cards only for questions that were due anyway (unless
    the setting says otherwise); the summary says which moved.
    """
    from mockint.storage.plan import scope_config

    if interview is None:
        app.nav.setup([])
        app.notify("Choose “Anything now” under the session kinds to practise any deck or "
                   "filter, due or not.")
        return False
    config = scope_config(interview, app.decks.decks, kind="cram",
                          count=app.settings.practice_size)
    return app.flow.start(
        config.model_copy(update={"mode": app.settings.default_mode}))
