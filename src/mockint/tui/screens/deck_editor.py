"""The deck editor: a deck's questions in a table, edited, reordered and saved safely."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Input, Select

from mockint.core.deck import CATEGORIES, LEVELS, Deck, Question, slugify
from mockint.storage.decks import display_name, file_stamp, has_comments, read_deck, save_deck
from mockint.tui.access import mockint_app
from mockint.tui.literal import one_line, plural, visible
from mockint.tui.screens.choice import ChoiceScreen
from mockint.tui.screens.confirm import ConfirmScreen
from mockint.tui.screens.deck_meta import DeckMetaScreen
from mockint.tui.screens.question_form import QuestionFormScreen
from mockint.tui.widgets.footer import Footer
from mockint.tui.widgets.plain import Plain
from mockint.tui.widgets.screen_header import ScreenHeader


def matches(question: Question, search: str, category: object, level: object,
            topic: str) -> bool:
    if isinstance(category, str) and question.category != category:
        return False
    if isinstance(level, str) and question.level != level:
        return False
    if topic and topic not in (t.lower() for t in question.topics):
        return False
    haystack = " ".join([question.prompt, question.id, *question.topics]).lower()
    return all(word in haystack for word in search.lower().split())


class DeckEditorScreen(Screen[bool]):
    """Dismisses with True when the deck was saved (so lists can reload)."""

    CSS_PATH = "deck_editor.tcss"
    HELP_TITLE = "Deck editor"
    HELP = """
The questions of one of your decks. a adds a question, Enter edits one, c
duplicates, d deletes (u undoes), [ and ] move the question up and down, m
edits the deck's title, default time and interviewer. Search and the filters
narrow the table. Ctrl+S saves: atomically, keeping the previous file as
.bak; if the file has comments or changed on disk since you opened it, you
are asked first. Leaving with unsaved changes asks to save, discard or stay.
"""
    BINDINGS = [
        Binding("a", "add", "Add"),
        Binding("e", "edit", "Edit", show=False),
        Binding("c", "duplicate", "Duplicate"),
        Binding("d", "delete", "Delete"),
        Binding("u", "undo", "Undo delete"),
        Binding("left_square_bracket", "move(-1)", "Move up"),
        Binding("right_square_bracket", "move(1)", "Move down"),
        Binding("m", "meta", "Deck details"),
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "leave", "Back"),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = Path(path)
        self.deck: Deck = read_deck(self.path)
        self.questions: list[Question] = list(self.deck.questions)
        self.stamp = file_stamp(self.path)
        self.dirty = False
        self.comments_acknowledged = False
        self.deleted: list[tuple[int, Question]] = []
        self.shown: list[int] = []

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        yield Plain("", id="editor-title")
        with Horizontal(id="editor-filters"):
            yield Input(placeholder="search prompts, ids, topics…", id="search", compact=True)
            yield Select([(c, c) for c in CATEGORIES], prompt="any category", id="category",
                         compact=True)
            yield Select([(v, v) for v in LEVELS], prompt="any level", id="level", compact=True)
            yield Input(placeholder="topic", id="topic", compact=True)
        yield DataTable(id="questions", cursor_type="row", zebra_stripes=True)
        yield Plain("", id="editor-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("#", "Id", "Category", "Level", "Prompt")
        self.refresh_table()
        self.query_one(DataTable).focus()

    # --- showing ---------------------------------------------------------------

    @property
    def filtered(self) -> bool:
        return len(self.shown) != len(self.questions)

    def refresh_table(self, cursor_question: int | None = None) -> None:
        search = self.query_one("#search", Input).value
        category = self.query_one("#category", Select).value
        level = self.query_one("#level", Select).value
        topic = self.query_one("#topic", Input).value.strip().lower()
        self.shown = [i for i, q in enumerate(self.questions)
                      if matches(q, search, category, level, topic)]
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for i in self.shown:
            q = self.questions[i]
            table.add_row(Text(str(i + 1), justify="right"), Text(q.id), Text(q.category),
                          Text(q.level), Text(visible(one_line(q.prompt, 70))))
        if cursor_question is not None and cursor_question in self.shown:
            row = self.shown.index(cursor_question)
        if self.shown:
            table.move_cursor(row=min(row, len(self.shown) - 1))
        self._show_title()

    def _show_title(self) -> None:
        mark = " · unsaved changes" if self.dirty else ""
        self.query_one("#editor-title", Plain).update(
            f"{self.deck.title} · {plural(len(self.questions), 'question')} · {self.path.name}"
            f"{mark}")
        status = f"showing {len(self.shown)} of {len(self.questions)}" if self.filtered else ""
        if self.deleted:
            status += ("  · " if status else "") + f"{len(self.deleted)} deleted (u undoes)"
        self.query_one("#editor-status", Plain).update(status)

    def current(self) -> int | None:
        table = self.query_one(DataTable)
        if not self.shown:
            return None
        return self.shown[min(table.cursor_row, len(self.shown) - 1)]

    def changed(self, cursor_question: int | None = None) -> None:
        self.dirty = True
        self.refresh_table(cursor_question)

    @on(Input.Changed)
    @on(Select.Changed)
    def _filters_changed(self) -> None:
        self.refresh_table()

    # --- editing -----------------------------------------------------------------

    def _taken(self, but: int | None = None) -> set[str]:
        return {q.id for i, q in enumerate(self.questions) if i != but}

    def action_add(self) -> None:
        self._open_form(None, None)

    def action_edit(self) -> None:
        index = self.current()
        if index is not None:
            self._open_form(index, self.questions[index])

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_edit()

    def _open_form(self, index: int | None, question: Question | None) -> None:
        # A new question's id is fixed when the form opens; a prompt is not typed yet,
        # so it takes a placeholder that is replaced from the prompt on first save.
        question_id = question.id if question else "new-question"

        def saved(result: Question | None) -> None:
            if result is None:
                return
            if index is None:
                new_id = slugify(result.prompt, self._taken())
                self.questions.append(result.model_copy(update={"id": new_id}))
                self.changed(len(self.questions) - 1)
            else:
                self.questions[index] = result
                self.changed(index)

        self.app.push_screen(QuestionFormScreen(question, question_id), saved)

    def action_duplicate(self) -> None:
        index = self.current()
        if index is None:
            return
        original = self.questions[index]
        copy = original.model_copy(update={"id": slugify(original.prompt + " copy",
                                                         self._taken())})
        self.questions.insert(index + 1, copy)
        self.changed(index + 1)

    def action_delete(self) -> None:
        index = self.current()
        if index is None:
            return
        question = self.questions.pop(index)
        self.deleted.append((index, question))
        self.changed(min(index, len(self.questions) - 1))
        self.notify(f"Deleted “{visible(question.prompt[:50])}”. u undoes.", markup=False)

    def action_undo(self) -> None:
        if not self.deleted:
            self.notify("Nothing to undo.")
            return
        index, question = self.deleted.pop()
        self.questions.insert(index, question)
        self.changed(index)

    def action_move(self, step: int) -> None:
        index = self.current()
        if index is None:
            return
        if self.filtered:
            self.notify("Clear the search and filters to reorder questions.")
            return
        target = index + step
        if 0 <= target < len(self.questions):
            self.questions[index], self.questions[target] = (self.questions[target],
                                                             self.questions[index])
            self.changed(target)

    def action_meta(self) -> None:
        def saved(deck: Deck | None) -> None:
            if deck is not None:
                self.deck = deck
                self.dirty = True
                self._show_title()

        self.app.push_screen(DeckMetaScreen(self._working_deck()), saved)

    # --- saving ------------------------------------------------------------------

    def _working_deck(self) -> Deck:
        return Deck.model_validate({**self.deck.to_toml_data(),
                                    "questions": [q.model_dump(exclude_none=True)
                                                  for q in self.questions]})

    def action_save(self, then_leave: bool = False) -> None:
        if file_stamp(self.path) != self.stamp:
            def decided(choice: str | None) -> None:
                if choice == "overwrite":
                    self._save_checked_comments(then_leave)
                elif choice == "reload":
                    self._reload()

            self.app.push_screen(ChoiceScreen(
                f"{display_name(self.path)} changed on disk since you opened it (in another "
                "editor?). Overwrite it with your version, reload it (dropping your "
                "changes here), or cancel?",
                [("cancel", "Cancel"), ("reload", "Reload"), ("overwrite", "Overwrite")]),
                decided)
            return
        self._save_checked_comments(then_leave)

    def _save_checked_comments(self, then_leave: bool) -> None:
        if self.comments_acknowledged or not has_comments(self.path):
            self._write(then_leave)
            return

        def decided(go: bool | None) -> None:
            if go:
                self.comments_acknowledged = True
                self._write(then_leave)

        self.app.push_screen(ConfirmScreen(
            f"{display_name(self.path)} has comments. Saving rewrites the file without them "
            f"(the current file is kept as {self.path.name}.bak). Save anyway?",
            yes="Save", no="Cancel"), decided)

    def _write(self, then_leave: bool) -> None:
        try:
            deck = self._working_deck()
            save_deck(deck, self.path)
        except (OSError, ValueError) as error:
            self.notify(f"Not saved: {error}", title="Save failed", severity="error",
                        markup=False)
            return
        self.deck, self.stamp, self.dirty = deck, file_stamp(self.path), False
        self.deleted.clear()
        self._show_title()
        mockint_app(self).deck_actions.reload()
        self.notify(f"Saved {display_name(self.path)} (previous version in .bak).")
        if then_leave:
            self.dismiss(True)

    def _reload(self) -> None:
        self.deck = read_deck(self.path)
        self.questions = list(self.deck.questions)
        self.stamp, self.dirty = file_stamp(self.path), False
        self.deleted.clear()
        self.refresh_table()

    def action_leave(self) -> None:
        if not self.dirty:
            self.dismiss(False)
            return

        def decided(choice: str | None) -> None:
            if choice == "save":
                self.action_save(then_leave=True)
            elif choice == "discard":
                self.dismiss(False)

        self.app.push_screen(ChoiceScreen(
            "You have unsaved changes to this deck.",
            [("cancel", "Stay"), ("discard", "Discard"), ("save", "Save")]), decided)
