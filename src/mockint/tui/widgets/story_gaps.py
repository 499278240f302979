"""`StoryGaps`: on home, the competencies your next interview may ask about with no story.

Given the next interview (from the plan headline), it reads your stories in a
worker and names the competencies the interview's questions probe that none
of your stories shows. Empty (and hidden) when there is no gap or no interview.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from mockint.tui.widgets.plain import Plain

if TYPE_CHECKING:
    from mockint.core.planning import UpcomingInterview


class StoryGaps(Plain):
    DEFAULT_CSS = """
    StoryGaps { height: auto; color: $text-warning; padding: 0 1; display: none; }
    """

    def check(self, interview: UpcomingInterview | None) -> None:
        if interview is None or getattr(self.app, "history", None) is None:
            self.display = False
            return
        self._read(interview)

    @work(thread=True, exclusive=True, group="story-gaps")
    def _read(self, interview: UpcomingInterview) -> None:
        from mockint.core.session import select_questions
        from mockint.core.stories import gaps_text, scope_gaps
        from mockint.storage.plan import scope_config
        from mockint.tui.history_guard import STORE_ERRORS

        app = self.app
        decks = app.decks.decks  # type: ignore[attr-defined]
        config = scope_config(interview, decks)
        chosen = [deck for deck in decks if deck.id in config.deck_ids]
        questions = [asked.question for asked in select_questions(chosen, config)]
        try:
            stories = app.history.list_stories()  # type: ignore[attr-defined]
        except STORE_ERRORS:  # home and the plan say what is wrong with the history
            return
        text = gaps_text(scope_gaps(stories, questions), f"your {interview.label} interview")
        app.call_from_thread(self._show, text)

    def _show(self, text: str) -> None:
        self.update(text)
        self.display = bool(text)
