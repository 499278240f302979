"""Deck actions that touch files: import, export and create, off the UI thread.

Screens call these through `app.deck_actions`; when the decks on disk change,
`reload` reads them again and tells every screen (`messages.DecksChanged`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mockint import paths
from mockint.tui import messages
from mockint.tui.literal import plural

if TYPE_CHECKING:
    from mockint.core.deck import Deck
    from mockint.storage.decks import DeckStore
    from mockint.tui.app import MockintApp


class DeckActions:
    def __init__(self, app: MockintApp) -> None:
        self.app = app

    def reload(self) -> None:
        """Read the decks again after one was saved, copied, created or imported."""
        from mockint.storage.decks import DeckStore

        self.app.decks = DeckStore.discover(self.app.deck_paths, index=True)
        self._changed()
        self.check()

    def check(self) -> None:
        """Validate, off the UI thread, the decks the index has no verdict for yet."""
        store = self.app.decks

        def validate() -> None:
            if store.check_pending():
                self.app.call_from_thread(self._checked, store)

        self.app.run_worker(validate, thread=True, exclusive=True, group="check-decks")

    def _checked(self, store: DeckStore) -> None:
        if store is self.app.decks:
            self._changed()

    def _changed(self) -> None:
        for screen in self.app.screen_stack:  # a deck found broken gets its ⚠
            screen.post_message(messages.DecksChanged())

    def import_file(self) -> None:
        """The import dialog: a path, a preview, then the questions into a deck of the user's."""
        from mockint.storage.formats.importing import ImportReport
        from mockint.tui.screens.import_dialog import ImportScreen

        def done(reports: list[ImportReport] | None) -> None:
            if not reports:
                return
            lines = []
            for report in reports:
                lines.append(f"{plural(report.added, 'question')} added to {report.deck_path.name}"
                             + (f", {report.updated} updated" if report.updated else "")
                             + f", {report.skipped_duplicates} already there.")
                problems = [f"line {p.line}: {p.reason}" for p in report.problems[:6]]
                if problems:
                    lines += ["Not imported:", *problems]
                if len(report.problems) > 6:
                    lines.append(f"…and {len(report.problems) - 6} more "
                                 "(mockint import FILE lists them all)")
            self._imported("\n".join(lines), any(r.problems for r in reports))

        self.app.push_screen(ImportScreen(), done)

    def _imported(self, text: str, had_problems: bool) -> None:
        self.reload()
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
        self.reload()
        return path
