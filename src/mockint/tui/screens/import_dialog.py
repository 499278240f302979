"""The import dialog: a path (with completion), a preview of what would be imported, then import.

Enter on the path reads the file (or folder) in a worker and shows the number
of questions, the first ones as a table (prompt, category, answer length), the
problems and the warnings, and where they would go; nothing is written until
Import (Ctrl+S, or Enter again on an unchanged path). The dialog dismisses with
the `ImportReport`s of what was written, or None.
"""

from __future__ import annotations

import os
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, DataTable, Input, Label

from mockint.storage.formats import registry
from mockint.storage.formats.base import ImportFailed
from mockint.storage.formats.checks import summarise
from mockint.storage.formats.importing import ImportPlan, ImportReport, apply_plan, plan_import
from mockint.tui.literal import one_line, plural, visible
from mockint.tui.widgets.plain import Plain

PREVIEW_ROWS = 50


class PathSuggester(Suggester):
    """Completes the last part of a path from the files and folders that exist."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        return complete_path(value)


def complete_path(value: str) -> str | None:
    """`value` completed to the first matching entry (a folder gets a trailing `/`)."""
    if not value or "\n" in value:
        return None
    expanded = os.path.expanduser(value)
    folder, _, stem = expanded.rpartition("/")
    folder = folder or ("/" if expanded.startswith("/") else ".")
    try:
        names = sorted(os.listdir(folder))[:2000]
    except OSError:
        return None
    for name in names:
        if name.startswith(stem) and name != stem and (stem.startswith(".") or not name.startswith(".")):
            full = os.path.join(folder, name)
            suffix = "/" if os.path.isdir(full) else ""
            return value + name[len(stem):] + suffix
    return None


def format_names() -> str:
    return "Formats: " + ", ".join(f"{f.label} ({' '.join(f.extensions)})" for f in registry.FORMATS) \
        + ", or a folder of them"


class ImportScreen(ModalScreen[list[ImportReport] | None]):
    CSS_PATH = "import_dialog.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "import", "Import"),
    ]

    def __init__(self, value: str = "") -> None:
        super().__init__()
        self.value = value
        self.plans: list[ImportPlan] = []
        self.previewed = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Import questions from a file or a folder", id="title")
            yield Input(self.value, placeholder="~/Downloads/questions.md", id="path",
                        suggester=PathSuggester())
            yield Plain(format_names() + ". → or End accepts the completion.", id="formats",
                        classes="hint")
            yield Plain("Enter shows what would be imported; nothing is written yet.", id="status")
            table: DataTable[Text] = DataTable(id="preview", cursor_type="row", zebra_stripes=True)
            yield table
            yield Plain("", id="notes")
            with Horizontal(id="buttons"):
                yield Button("Preview", id="preview-button")
                yield Button("Import", id="import-button", variant="primary", disabled=True)
                yield Button("Cancel", id="cancel-button")

    def on_mount(self) -> None:
        table = self.query_one("#preview", DataTable)
        table.add_column("#", width=4)
        table.add_column("prompt", width=62)
        table.add_column("category", width=13)
        table.add_column("answer", width=11)
        self.query_one("#preview").display = False
        self.query_one("#notes").display = False

    @property
    def path_text(self) -> str:
        return self.query_one("#path", Input).value.strip()

    @on(Input.Submitted, "#path")
    def _submitted(self) -> None:
        if self.plans and self.previewed == self.path_text:
            self.action_import()
        else:
            self.action_preview()

    @on(Input.Changed, "#path")
    def _changed(self) -> None:
        if self.path_text != self.previewed:
            self.query_one("#import-button", Button).disabled = True

    @on(Button.Pressed, "#preview-button")
    def action_preview(self) -> None:
        if not self.path_text:
            self.query_one("#status", Plain).update("Type the path of a file or a folder first.")
            return
        self.query_one("#status", Plain).update("Reading…")
        self._preview(self.path_text)

    @work(thread=True, exclusive=True, group="import-preview")
    def _preview(self, text: str) -> None:
        path = Path(os.path.expanduser(text))
        try:
            plans = plan_import(path)
        except ImportFailed as error:
            self.app.call_from_thread(self._failed, text, summarise(error.problems, path.name))
            return
        self.app.call_from_thread(self._show, text, plans)

    def _failed(self, text: str, lines: list[str]) -> None:
        self.plans, self.previewed = [], text
        self.query_one("#status", Plain).update("Nothing to import:")
        self.query_one("#preview").display = False
        notes = self.query_one("#notes", Plain)
        notes.update("\n".join(lines[:8]))
        notes.display = True
        self.query_one("#import-button", Button).disabled = True

    def _show(self, text: str, plans: list[ImportPlan]) -> None:
        self.plans, self.previewed = plans, text
        questions = [q for plan in plans for q in plan.result.questions]
        targets = "; ".join(
            f"{plural(len(p.added), 'new question')}"
            + (f", {len(p.updated)} updated" if p.updated else "")
            + (f" ({p.skipped} already there)" if p.skipped else "")
            + f" → {'new deck' if p.created else 'deck'} “{p.deck_id}”" for p in plans)
        kind = ", ".join(sorted({p.result.format for p in plans}))
        self.query_one("#status", Plain).update(
            f"{plural(len(questions), 'question')} read (as {kind}): {targets}")
        table = self.query_one("#preview", DataTable)
        table.clear()
        for number, question in enumerate(questions[:PREVIEW_ROWS], 1):
            table.add_row(Text(str(number)), Text(visible(one_line(question.prompt, 62))),
                          Text(question.category), Text(plural(len(question.sample_answer), "char")))
        table.display = bool(questions)
        lines = []
        for plan in plans:
            lines += [f"warning: {w}" for w in summarise(plan.result.warnings, plan.source.name)]
            lines += summarise(plan.result.problems, plan.source.name)
            if plan.note:
                lines.append(f"note: {plan.note}")
        if len(questions) > PREVIEW_ROWS:
            lines.insert(0, f"(the first {PREVIEW_ROWS} of {len(questions)} are shown)")
        notes = self.query_one("#notes", Plain)
        notes.update("\n".join(lines))
        notes.display = bool(lines)
        adds = any(p.added or p.updated for p in plans)
        self.query_one("#import-button", Button).disabled = not adds

    @on(Button.Pressed, "#import-button")
    def action_import(self) -> None:
        if not self.plans or self.previewed != self.path_text:
            self.action_preview()
            return
        if not any(p.added or p.updated for p in self.plans):
            return
        self.query_one("#import-button", Button).disabled = True
        self.query_one("#status", Plain).update("Importing…")
        self._apply(self.plans)

    @work(thread=True, exclusive=True, group="import-apply")
    def _apply(self, plans: list[ImportPlan]) -> None:
        reports = []
        try:
            for plan in plans:
                reports.append(apply_plan(plan))
        except ImportFailed as error:
            self.app.call_from_thread(self._failed, self.previewed,
                                      [p.reason for p in error.problems])
            return
        self.app.call_from_thread(self.dismiss, reports)

    @on(Button.Pressed, "#cancel-button")
    def action_cancel(self) -> None:
        self.dismiss(None)
