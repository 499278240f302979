"""The story bank: your STAR stories, the competencies they cover, and practice with them."""

from __future__ import annotations

import random

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from mockint.core.deck import COMPETENCIES, STAR_PARTS
from mockint.core.session import SessionConfig
from mockint.core.stories import Coverage, Story, coverage, practice_question, search_stories
from mockint.storage.history import HistoryUnavailable
from mockint.tui.access import mockint_app
from mockint.tui.history_guard import STORE_ERRORS, store_error_text
from mockint.tui.literal import one_line, visible
from mockint.tui.screens.story_form import StoryFormScreen
from mockint.tui.widgets.footer import Footer
from mockint.tui.widgets.plain import Plain
from mockint.tui.widgets.screen_header import ScreenHeader


def story_details(story: Story) -> str:
    """The whole story as plain text for the side panel."""
    lines = [story.title]
    where = " · ".join(x for x in (story.role, story.company) if x)
    if where:
        lines.append(where)
    lines.append("")
    for part in STAR_PARTS:
        text = story.part(part)
        lines.append(f"{part.title()}: {text}" if text else f"{part.title()}: —")
    if story.figures:
        lines.append("Figures: " + ", ".join(story.figures))
    lines.append("Competencies: " + (", ".join(story.competencies) or "none ticked"))
    if story.tags:
        lines.append("Tags: " + ", ".join(story.tags))
    return "\n".join(lines)


def coverage_notes(grid: Coverage, numbers: dict[str, int]) -> str:
    """What the grid says, in words (the grid shows it; this says what to do)."""
    notes = []
    if grid.uncovered:
        notes.append(f"No story yet for {', '.join(grid.uncovered)}: write one or tick it "
                     "on a story that shows it.")
    for story in grid.stories:
        if story.id in grid.everything:
            notes.append(f"#{numbers[story.id]} “{one_line(story.title, 40)}” is claimed for "
                         f"{len(story.competencies)} of {len(COMPETENCIES)} competencies: an "
                         "interviewer who hears it twice stops believing it.")
    if not notes and grid.stories:
        notes.append("Every competency has a story.")
    return "\n".join(notes)


class StoriesScreen(Screen[None]):
    CSS_PATH = "stories.tcss"
    HELP_TITLE = "Story bank"
    HELP = """
Your STAR stories: the handful of real episodes you tell in behavioral rounds,
each tagged with the competencies it shows (ownership, conflict, failure and
learning, leadership, mentoring, deadline and priorities, ambiguity,
technical depth, customer focus, communication).

a adds a story, Enter or e edits the highlighted one, d deletes it (u brings
it back), / searches every field. p practises the story: a random question
that probes one of its competencies, as a one-question practice interview.

The coverage grid below has a row per competency and a column per story (the
numbers of the list). A competency with no story is marked, and so is a story
claimed for half the competencies or more: interviewers notice one story told
for everything. `mockint stories export` writes them all as Markdown or JSON.
"""
    BINDINGS = [
        Binding("a", "add", "Add", tooltip="Write a new story"),
        Binding("e", "edit", "Edit", tooltip="Edit the highlighted story"),
        Binding("d", "delete", "Delete", tooltip="Delete the highlighted story (u undoes)"),
        Binding("u", "undo", "Undo delete", tooltip="Bring back the story deleted last"),
        Binding("slash", "search", "Search", tooltip="Search every field of every story"),
        Binding("p", "practise", "Practise it",
                tooltip="A random question probing one of its competencies"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.stories: list[Story] = []
        self.shown: list[Story] = []
        self.deleted: list[Story] = []
        self.unreadable: str | None = None  # what is wrong with the history, if it is
        self.rng = random.Random()

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        with Horizontal(id="stories-top"):
            with Vertical(id="stories-pane"):
                yield Input(placeholder="/ search titles, parts, figures, tags…",
                            id="story-search", compact=True)
                yield DataTable(id="stories-table", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="story-detail"):
                yield Plain("", id="story-text")
        yield Static("Coverage · competencies × stories", classes="section-title",
                     id="coverage-title")
        yield DataTable(id="coverage", cursor_type="none", zebra_stripes=True)
        yield Plain("", id="coverage-notes")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#stories-table", DataTable).add_columns("#", "Title", "Competencies",
                                                               "Where")
        self.reload()
        self.query_one("#stories-table", DataTable).focus()

    # --- reading ---------------------------------------------------------------------

    @property
    def history(self):  # noqa: ANN201 - HistoryStore | None, without importing storage here
        return mockint_app(self).history

    def reload(self, select: str | None = None) -> None:
        """Read the stories again and show them (keeping, or moving to, a selection)."""
        history = self.history
        self.unreadable = None
        try:
            self.stories = history.list_stories() if history is not None else []
        except HistoryUnavailable as problem:  # damaged since it opened: say so, run on
            self.unreadable = problem.user_message
            self.stories = []
        self._show(select)

    def _show(self, select: str | None = None) -> None:
        table = self.query_one("#stories-table", DataTable)
        current = select or (self.current.id if self.current else None)
        search = self.query_one("#story-search", Input).value
        self.shown = search_stories(self.stories, search)
        numbers = self.numbers
        table.clear()
        for story in self.shown:
            where = " · ".join(x for x in (story.role, story.company) if x)
            table.add_row(Text(str(numbers[story.id]), justify="right"),
                          Text(visible(one_line(story.title, 40))),
                          Text(str(len(story.competencies)), justify="right"),
                          Text(visible(one_line(where, 24))), key=story.id)
        ids = [s.id for s in self.shown]
        if current in ids:
            table.move_cursor(row=ids.index(current))
        self._show_detail()
        self._show_coverage()
        self.refresh_bindings()

    @property
    def numbers(self) -> dict[str, int]:
        """Each story's number: its place in the whole list (the grid's column)."""
        return {s.id: i for i, s in enumerate(self.stories, 1)}

    @property
    def current(self) -> Story | None:
        if not self.is_mounted:  # the footer asks (check_action) while the screen composes
            return None
        table = self.query_one("#stories-table", DataTable)
        if not self.shown or table.cursor_row < 0 or table.cursor_row >= len(self.shown):
            return None
        return self.shown[table.cursor_row]

    def _show_detail(self) -> None:
        story = self.current
        if story is not None:
            text = story_details(story)
        elif self.unreadable is not None:
            text = self.unreadable
        elif self.history is None:
            text = "The history is unavailable this time, so stories cannot be kept."
        elif self.stories:
            text = "No story matches the search."
        else:
            text = ("No stories yet. Press a to write your first: a real episode you would "
                    "tell in a behavioral round, with its situation, task, action and result.")
        self.query_one("#story-text", Plain).update(text)

    def _show_coverage(self) -> None:
        grid = coverage(self.stories)
        numbers = self.numbers
        table = self.query_one("#coverage", DataTable)
        table.clear(columns=True)
        table.add_column(Text("competency"), width=max(len(c) for c in COMPETENCIES))
        for story in self.stories:
            mark = " ⚠" if story.id in grid.everything else ""
            table.add_column(Text(f"{numbers[story.id]}{mark}", justify="center",
                                  style="bold" if mark else ""))
        table.add_column(Text("stories", justify="right"))
        for competency in COMPETENCIES:
            count = grid.stories_for(competency)
            cells = [Text(competency, style="" if count else "bold")]
            cells += [Text("✓" if grid.covers(s.id, competency) else "·", justify="center")
                      for s in self.stories]
            cells.append(Text(str(count) if count else "none", justify="right",
                              style="" if count else "bold reverse"))
            table.add_row(*cells)
        self.query_one("#coverage-notes", Plain).update(coverage_notes(grid, numbers))

    # --- events ----------------------------------------------------------------------

    @on(DataTable.RowHighlighted, "#stories-table")
    def _highlighted(self) -> None:
        self._show_detail()
        self.refresh_bindings()

    @on(DataTable.RowSelected, "#stories-table")
    def _selected(self) -> None:
        self.action_edit()

    @on(Input.Changed, "#story-search")
    def _searched(self) -> None:
        self._show()

    @on(Input.Submitted, "#story-search")
    def _search_done(self) -> None:
        self.query_one("#stories-table", DataTable).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "delete", "practise"):
            return self.current is not None
        if action == "undo":
            return bool(self.deleted)
        if action == "add":
            return self.history is not None
        return True

    # --- intents ---------------------------------------------------------------------

    def action_back(self) -> None:
        search = self.query_one("#story-search", Input)
        if search.has_focus and search.value:
            search.value = ""
            return
        self.app.pop_screen()

    def action_search(self) -> None:
        self.query_one("#story-search", Input).focus()

    def action_add(self) -> None:
        self.open_form(None)

    def action_edit(self) -> None:
        if self.current is not None:
            self.open_form(self.current)

    def open_form(self, story: Story | None, heading: str | None = None) -> None:
        def done(saved: Story | None) -> None:
            if saved is not None:
                self.save(saved)

        now = mockint_app(self).now()
        self.app.push_screen(StoryFormScreen(story, heading=heading, now=now), done)

    def save(self, story: Story) -> bool:
        history = self.history
        if history is None:
            self.notify("The history is unavailable, so the story cannot be kept.",
                        severity="error")
            return False
        try:
            history.save_story(story)
        except STORE_ERRORS as error:
            # Nothing typed is lost: the form opens again with what was written.
            self.notify(f"Could not save the story: {store_error_text(error)}", title="Not saved",
                        severity="error", markup=False)
            self.open_form(story, heading="Not saved yet: try again")
            return False
        self.reload(select=story.id)
        return True

    def action_delete(self) -> None:
        story = self.current
        if story is None or self.history is None:
            return
        try:
            self.history.delete_story(story.id)
        except STORE_ERRORS as error:
            self.notify(f"Could not delete the story: {store_error_text(error)}", severity="error",
                        markup=False)
            return
        self.deleted.append(story)
        self.notify(f"Deleted “{one_line(story.title, 40)}”. Press u to bring it back.",
                    markup=False)
        self.reload()

    def action_undo(self) -> None:
        if self.deleted and self.save(self.deleted[-1]):
            story = self.deleted.pop()
            self.notify(f"“{one_line(story.title, 40)}” is back.", markup=False)

    def action_practise(self) -> None:
        story = self.current
        if story is None:
            return
        if not story.competencies:
            self.notify("Tick the competencies this story shows first (e edits it): the "
                        "question is chosen from them.", severity="warning")
            return
        found = practice_question(story, mockint_app(self).decks.decks, self.rng)
        if found is None:
            self.notify(f"No question in your decks probes {', '.join(story.competencies)}.",
                        severity="warning")
            return
        deck, question = found
        config = SessionConfig(deck_ids=[deck.id], questions=[(deck.id, question.id)],
                               mode="practice")
        mockint_app(self).flow.start(config)

    def on_screen_resume(self) -> None:
        self.reload()
