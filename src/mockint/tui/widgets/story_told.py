"""On the reveal: which of your stories the answer told, and whether it carried it.

`StoryTold` is one line under the checklists. W asks which story was told
(or "a new one") and records it; the line then says, per STAR part, whether
the answer carried what the story's notes hold (the figure of the result, the
names and words that make it this story), and the STAR checklist's border
shows the same in short. S saves the answer as a new story, pre-split into
STAR parts, to edit first.
"""

from __future__ import annotations

from mockint.core.session import Interview
from mockint.core.stories import (
    Story,
    StoryUse,
    draft_from_answer,
    match_line,
    match_marks,
    matching_stories,
    question_competencies,
    story_match,
)
from mockint.tui.history_guard import STORE_ERRORS, reads_history, store_error_text
from mockint.tui.widgets.checklists import StarChecklist
from mockint.tui.widgets.plain import Plain

HINT = "w: which of your stories did you tell? · s: save this answer as a story"


class StoryTold(Plain):
    DEFAULT_CSS = """
    StoryTold { height: auto; max-height: 3; padding: 0 1; color: $text-muted; }
    StoryTold.-told { color: $text; }
    """

    def __init__(self, interview: Interview, **kwargs) -> None:
        super().__init__(HINT, **kwargs)
        self.interview = interview
        self.session_id = interview.record.id
        self.index = interview.index
        self.told: str | None = None  # the story id, or None for "a new one" / not said

    @property
    def history(self):  # noqa: ANN201 - HistoryStore | None
        return getattr(self.app, "history", None)

    def on_mount(self) -> None:
        self.show_told()

    def _stories(self) -> list[Story]:
        return self.history.list_stories() if self.history is not None else []

    @reads_history
    def show_told(self) -> None:
        """Read which story this answer told (if it was said) and show how it went."""
        use = None
        if self.history is not None:
            use = self.history.story_use_for(self.session_id, self.index)
        story = None
        if use is not None and use.story_id is not None:
            story = next((s for s in self._stories() if s.id == use.story_id), None)
        self.told = story.id if story else None
        checklist = self.screen.query(StarChecklist)
        if story is not None:
            matches = story_match(story, self.interview.answer.text)
            self.update(match_line(story, matches) + " · w: another story")
            for widget in checklist:
                widget.border_subtitle = f"your story: {match_marks(matches)}"
        elif use is not None:
            self.update("You told a new story · s: keep it in your story bank")
            for widget in checklist:
                widget.border_subtitle = ""
        else:
            self.update(HINT)
        self.set_class(use is not None, "-told")

    @reads_history
    def ask(self) -> None:
        """W: which story? Recorded for the summary's warnings and the week's."""
        from mockint.tui.screens.story_picker import NEW_STORY, StoryPickerScreen

        if self.history is None:
            self.app.notify("The history is unavailable, so this cannot be kept.",
                            severity="warning")
            return
        stories = self._stories()
        fitting = matching_stories(stories, question_competencies(self.question))
        others = [s for s in stories if s not in fitting]

        def chosen(choice: str | None) -> None:
            if choice is not None:
                self.record(None if choice == NEW_STORY else choice)

        self.app.push_screen(StoryPickerScreen(fitting, others, self.told), chosen)

    @property
    def question(self):  # noqa: ANN201 - Question
        return self.interview.record.answers[self.index].asked.question

    def record(self, story_id: str | None) -> None:
        use = StoryUse(session_id=self.session_id, answer_index=self.index, story_id=story_id,
                       competencies=question_competencies(self.question),
                       used_at=self.app.now())  # type: ignore[attr-defined]
        try:
            self.history.record_story_use(use)
        except STORE_ERRORS as error:
            self.app.notify(f"Could not keep which story you told: {store_error_text(error)}",
                            severity="error", markup=False)
            return
        self.show_told()

    def save_as_story(self) -> None:
        """S: a new story from this answer, pre-split into STAR parts, to edit first."""
        from mockint.tui.screens.story_form import StoryFormScreen

        if self.history is None:
            self.app.notify("The history is unavailable, so stories cannot be kept.",
                            severity="warning")
            return
        answer = self.interview.record.answers[self.index]
        if not answer.text.strip():
            self.app.notify("There is no answer to keep: nothing was typed.", severity="warning")
            return
        draft = draft_from_answer(answer.text, self.question)

        def saved(story: Story | None) -> None:
            if story is None:
                return
            try:
                self.history.save_story(story)
            except STORE_ERRORS as error:
                self.app.notify(f"Could not save the story: {store_error_text(error)}",
                                severity="error", markup=False)
                self.app.push_screen(StoryFormScreen(story, heading="Not saved yet: try again",
                                                     now=self.app.now()),  # type: ignore[attr-defined]
                                     saved)
                return
            self.app.notify(f"“{story.title}” is in your story bank.", markup=False)
            self.record(story.id)

        self.app.push_screen(StoryFormScreen(
            draft, heading="New story from your answer: check the STAR parts, then Ctrl+S",
            now=self.app.now()), saved)  # type: ignore[attr-defined]
