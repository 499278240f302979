"""Deck actions that touch files: import, export and create, off the UI thread.

Screens call these through `app.deck_actions`; when the decks on disk change,
the app reads them again and tells every screen (`messages.DecksChanged`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mockint import paths
from mockint.core.deck import Deck

if TYPE_CHECKING:
    from mockint.tui.app import MockintApp


class DeckActions:
    def __init__(self, app: MockintApp) -> None:
        self.app = app

    def import_file(self) -> None:
        """Ask for a file and import its questions into a deck of the user's."""
        from mockint.tui.screens.ask_text import AskTextScreen

        def chosen(path: str | None) -> None:
            if path:
                self.app.run_worker(lambda: self._import(Path(path).expanduser()), thread=True,
                                    exclusive=True, group="import")

        self.app.push_screen(AskTextScreen(
            "Import questions from a file (CSV / TSV, Anki text export, Markdown or JSON)",
            "~/Downloads/questions.csv",
            hint="Enter imports into a new deck of yours (again: only new questions are "
                 "added) · Esc cancels"), chosen)

    def _import(self, path: Path) -> None:
        from mockint.storage.formats.base import ImportFailed
        from mockint.storage.formats.importing import import_file

        app = self.app
        try:
            report = import_file(path)
        except ImportFailed as error:
            lines = [f"{path.name}:{p.line}: {p.reason}" if p.line else p.reason
                     for p in error.problems[:8]]
            app.call_from_thread(app.notify, "\n".join(lines), title="Nothing imported",
                                 severity="error", timeout=15, markup=False)
            return
        problems = [f"line {p.line}: {p.reason}" for p in report.problems[:6]]
        more = len(report.problems) - len(problems)
        text = (f"{report.added} question(s) added to {report.deck_path.name}, "
                f"{report.skipped_duplicates} already there."
                + ("\nNot imported:\n" + "\n".join(problems) if problems else "")
                + (f"\n…and {more} more (mockint import FILE lists them all)" if more > 0 else ""))
        app.call_from_thread(self._imported, text, bool(report.problems))

    def _imported(self, text: str, had_problems: bool) -> None:
        self.app.reload_decks()
        self.app.notify(text, title="Imported",
                        severity="warning" if had_problems else "information",
                        timeout=15, markup=False)

    def export(self, deck: Deck) -> None:
        """Ask for a format and write the deck to the exports folder."""
        from mockint.tui.screens.choice import ChoiceScreen

        def chosen(fmt: str | None) -> None:
            if fmt:
                self.app.run_worker(lambda: self._export(deck, fmt), thread=True,
                                    exclusive=True, group="export")

        self.app.push_screen(ChoiceScreen(f"Export “{deck.title}” as…", [
            ("csv", "CSV"), ("markdown", "Markdown"), ("json", "JSON")]), chosen)

    def _export(self, deck: Deck, fmt: str) -> None:
        from mockint.storage.formats.export import write_deck_export

        app = self.app
        fmt = "md" if fmt == "markdown" else fmt
        path = paths.exports_dir() / f"{deck.id}.{fmt}"
        try:
            write_deck_export(deck, fmt, path)
        except OSError as error:
            app.call_from_thread(app.notify, f"Could not write {path}: {error.strerror}",
                                 severity="error", markup=False)
            return
        app.call_from_thread(app.notify, str(path), title="Deck exported", markup=False)

    def create(self, title: str) -> Path | None:
        """A new, empty deck of the user's named `title`; None (and a message) if taken."""
        from mockint.storage.decks import create_deck

        taken = {deck.id for deck in self.app.decks.decks}
        try:
            path = create_deck(title, taken)
        except FileExistsError as error:
            self.app.notify(f"{error} already exists; choose another name.", severity="error",
                            markup=False)
            return None
        self.app.reload_decks()
        return path
