"""Decks: every deck with where it comes from, its size and whether it is valid."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable

from mockint.storage.decks import DeckEntry, copy_to_user, display_name
from mockint.tui import messages
from mockint.tui.access import mockint_app
from mockint.tui.formatting import deck_summary
from mockint.tui.literal import plural, visible
from mockint.tui.widgets.footer import Footer
from mockint.tui.widgets.plain import Plain
from mockint.tui.widgets.screen_header import ScreenHeader

SOURCES = {"bundled": "bundled (read-only)", "user": "yours", "path": "--deck-path"}


class DecksScreen(Screen[None]):
    CSS_PATH = "decks.tcss"
    HELP_TITLE = "Decks"
    HELP = """
Every deck mockint can see: the bundled ones (read-only), yours, and any given
with --deck-path. Enter opens one of yours in the editor; on a bundled deck, c
makes an editable copy in your decks folder. n creates a new deck, i imports
questions from a CSV, Anki text, Markdown or JSON file, x exports a deck.
"""
    BINDINGS = [
        Binding("enter", "open", "Edit", show=False),
        Binding("c", "copy", "Copy to my decks"),
        Binding("n", "new", "New deck"),
        Binding("i", "import_file", "Import"),
        Binding("x", "export", "Export"),
        Binding("escape", "back", "Back"),
    ]

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        yield DataTable(id="deck-list", cursor_type="row", zebra_stripes=True)
        yield Plain("", id="deck-info")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("Deck", "Id", "Questions", "Source", "State")
        self.show_decks()
        self.query_one(DataTable).focus()

    def on_screen_resume(self) -> None:
        self.show_decks()

    def on_decks_changed(self, _: messages.DecksChanged) -> None:
        self.show_decks()

    @property
    def entries(self) -> list[DeckEntry]:
        return mockint_app(self).decks.entries

    def show_decks(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for entry in self.entries:
            deck = entry.deck
            state = (Text("ok", style="green") if entry.ok else
                     Text(f"⚠ {plural(len(entry.problems), 'problem')}", style="bold red"))
            table.add_row(Text(visible(entry.title)), Text(deck.id if deck else "—"),
                          Text(str(len(deck.questions)) if deck else "—", justify="right"),
                          Text(SOURCES.get(entry.source, entry.source)), state)
        if self.entries:
            table.move_cursor(row=min(row, len(self.entries) - 1))
        self._show_info()

    def current(self) -> DeckEntry | None:
        table = self.query_one(DataTable)
        return self.entries[table.cursor_row] if self.entries else None

    @on(DataTable.RowHighlighted)
    def _show_info(self) -> None:
        entry = self.current()
        self.query_one("#deck-info", Plain).update(deck_summary(entry) if entry else
                                                   "No decks yet: N creates one.")

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        entry = self.current()
        if entry is None:
            return
        if not entry.editable:
            self.notify("Bundled decks are read-only: press c to copy it to your decks.")
            return
        if entry.deck is None:
            self.notify(f"Fix {display_name(entry.path)} first (problems listed below), or "
                        "edit it in a text editor.", severity="warning", markup=False)
            return
        mockint_app(self).nav.editor(entry.path)

    def action_copy(self) -> None:
        entry = self.current()
        if entry is None or entry.deck is None:
            return
        taken = {e.deck.id for e in self.entries if e.deck}
        copy, path = copy_to_user(entry.deck, taken)
        mockint_app(self).deck_actions.reload()
        self.show_decks()
        self.notify(f"Copied to {display_name(path)} as “{copy.id}”.", markup=False)

    def action_new(self) -> None:
        from mockint.tui.screens.ask_text import AskTextScreen

        def named(name: str | None) -> None:
            if name:
                path = mockint_app(self).deck_actions.create(name)
                if path is not None:
                    mockint_app(self).nav.editor(path)

        self.app.push_screen(AskTextScreen("Name of the new deck", "e.g. Acme backend loop"),
                             named)

    def action_import_file(self) -> None:
        mockint_app(self).deck_actions.import_file()

    def action_export(self) -> None:
        entry = self.current()
        if entry is not None and entry.deck is not None:
            mockint_app(self).deck_actions.export(entry.deck)

    def action_back(self) -> None:
        self.app.pop_screen()


