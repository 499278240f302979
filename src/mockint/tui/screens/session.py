"""One past session: its answers in order, its note, delete and export."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from mockint import paths
from mockint.core.session import SessionRecord
from mockint.storage.export import write_export
from mockint.tui.access import mockint_app
from mockint.tui.formatting import answers_table, fill_answers_table, session_heading
from mockint.tui.history_guard import STORE_ERRORS, store_error_text
from mockint.tui.literal import plural
from mockint.tui.screens.confirm import ConfirmScreen
from mockint.tui.screens.note import NoteScreen
from mockint.tui.widgets.fitted_table import FittedTable
from mockint.tui.widgets.footer import Footer
from mockint.tui.widgets.plain import Plain
from mockint.tui.widgets.screen_header import ScreenHeader


class SessionScreen(Screen[bool]):
    """Dismisses with True when the session was deleted, so the list can refresh."""

    CSS_PATH = "session.tcss"
    HELP_TITLE = "A past session"
    HELP = """
Every answer of the session in order. Enter opens one beside its sample answer.
e adds or edits a note on the session, d deletes the session (after asking),
x exports it as a Markdown report and j as JSON (the path is shown).
"""
    BINDINGS = [
        Binding("enter", "app.select_row", "Open answer", show=False,
                tooltip="The highlighted answer beside its sample answer"),
        Binding("e", "note", "Note", tooltip="Add or edit a note on this session"),
        Binding("x", "export('md')", "Export .md", tooltip="A Markdown report for a mentor"),
        Binding("j", "export('json')", "Export .json", tooltip="Everything, as JSON"),
        Binding("d", "delete", "Delete", tooltip="Delete this session (asks first)"),
        Binding("escape,b", "back", "Back"),
    ]

    def __init__(self, record: SessionRecord) -> None:
        super().__init__()
        self.record = record

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        yield Plain(session_heading(self.record), id="session-heading")
        yield Plain(self._note_text(), id="session-note")
        yield answers_table("session-answers")
        yield Footer()

    def _note_text(self) -> str:
        return f"Note: {self.record.note}" if self.record.note else "No note yet (e adds one)."

    def on_mount(self) -> None:
        fill_answers_table(self.query_one(FittedTable), self.record).focus()

    @on(FittedTable.RowSelected)
    def _open(self, event: FittedTable.RowSelected) -> None:
        answer = self.record.answers[event.cursor_row]
        mockint_app(self).nav.answer(answer, f"{self.record.started_at:%Y-%m-%d %H:%M}")

    def action_note(self) -> None:
        self.app.push_screen(NoteScreen(self.record.note), self._save_note)

    def _save_note(self, note: str | None) -> None:
        if note is None:
            return
        history = mockint_app(self).history
        if history is not None:
            try:
                history.set_note(self.record.id, note.strip())
            except STORE_ERRORS as error:
                # Nothing typed is lost: the note opens again with what was written.
                self.notify(f"Could not save the note: {store_error_text(error)}",
                            title="Not saved", severity="error", markup=False, timeout=20)
                self.app.push_screen(NoteScreen(note), self._save_note)
                return
        self.record.note = note.strip()
        self.query_one("#session-note", Plain).update(self._note_text())
        self.notify("Note saved.")

    def action_delete(self) -> None:
        def decided(delete: bool | None) -> None:
            if delete:
                history = mockint_app(self).history
                if history is not None:
                    try:
                        history.delete_session(self.record.id)
                    except STORE_ERRORS as error:
                        self.notify(f"Could not delete the session: {store_error_text(error)}",
                                    severity="error", markup=False, timeout=20)
                        return
                self.notify("Session deleted.")
                self.dismiss(True)

        self.app.push_screen(ConfirmScreen(
            f"Delete this session and its {plural(len(self.record.answers), 'answer')}? This cannot be "
            "undone (export it first to keep a copy).", yes="Delete", no="Keep"), decided)

    def action_export(self, fmt: str) -> None:
        self._export(fmt)

    @work(thread=True, exclusive=True, group="export")
    def _export(self, fmt: str) -> None:
        record = self.record
        path = paths.exports_dir() / f"mockint-{record.started_at:%Y%m%d-%H%M}-{record.id}.{fmt}"
        try:
            write_export(self.record, fmt, path)
        except OSError as error:
            self.app.call_from_thread(self.notify, f"Could not write {path}: {error.strerror}",
                                      severity="error")
            return
        self.app.call_from_thread(self.notify, str(path), title="Exported")

    def action_back(self) -> None:
        self.dismiss(False)


