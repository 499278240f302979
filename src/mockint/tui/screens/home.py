"""Home: the decks, a way into an interview, and (later) recent sessions."""

from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from mockint.storage.decks import DeckEntry, display_name
from mockint.tui.literal import visible
from mockint.tui.widgets.plain import Plain


def deck_summary(entry: DeckEntry) -> str:
    """A plain-text description of a deck, or its problems if it is broken."""
    if entry.deck is None or not entry.ok:
        lines = [f"{display_name(entry.path)} cannot be used:"]
        lines += [f"  • {p.place + ': ' if p.place else ''}{p.message}" for p in entry.problems]
        lines.append("Fix the file (mockint validate PATH shows the same list).")
        return "\n".join(lines)
    deck = entry.deck
    categories = Counter(q.category for q in deck.questions)
    counts = ", ".join(f"{n} {c}" for c, n in sorted(categories.items()))
    persona = deck.interviewer.name if deck.interviewer else "default interviewer"
    return (
        f"{deck.title}\n{deck.description}\n\n{len(deck.questions)} questions: {counts}\n"
        f"{deck.time_limit}s per question · asked by {persona}\n{display_name(entry.path)}"
    )


class HomeScreen(Screen[None]):
    CSS_PATH = "home.tcss"
    HELP_TITLE = "Home"
    HELP = """
The decks mockint found: the bundled ones, your own (see `mockint locate`)
and any given with --deck-path. A deck marked ⚠ has errors; select it to see
them. Press s to set up an interview, or Enter on a deck to start from it.
"""
    BINDINGS = [
        Binding("s", "setup", "Start interview", tooltip="Choose decks, filters and mode"),
        Binding("question_mark", "app.help", "Help", show=False),
        Binding("q", "app.quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="home-body"):
            with Vertical(id="decks-pane"):
                yield Static("Decks", classes="section-title")
                yield DataTable(id="decks", cursor_type="row", zebra_stripes=True)
                yield Plain("", id="deck-details")
            with Vertical(id="sessions-pane"):
                yield Static("Recent sessions", classes="section-title")
                yield Static(
                    "No sessions yet. Press s to start your first interview.",
                    id="recent",
                    classes="hint",
                )
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#decks", DataTable)
        table.add_columns("Deck", "Questions", "Source")
        for index, entry in enumerate(self.app.decks.entries):  # type: ignore[attr-defined]
            if entry.ok and entry.deck is not None:
                row = (Text(visible(entry.deck.title)), Text(str(len(entry.deck.questions)), justify="right"))
            else:
                row = (Text(f"⚠ {entry.path.name}", style="bold red"), Text("errors", style="red"))
            table.add_row(*row, Text(entry.source), key=str(index))
        self._show_details(0)
        table.focus()

    def _entry(self, index: int) -> DeckEntry | None:
        entries = self.app.decks.entries  # type: ignore[attr-defined]
        return entries[index] if 0 <= index < len(entries) else None

    def _show_details(self, index: int) -> None:
        entry = self._entry(index)
        details = self.query_one("#deck-details", Static)
        details.update(deck_summary(entry) if entry else "No decks found. See `mockint locate`.")
        details.set_class(bool(entry and not entry.ok), "problem")

    @on(DataTable.RowHighlighted, "#decks")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_details(event.cursor_row)

    @on(DataTable.RowSelected, "#decks")
    def _selected(self, event: DataTable.RowSelected) -> None:
        entry = self._entry(event.cursor_row)
        if entry and entry.ok and entry.deck:
            self.start_setup([entry.deck.id])
        elif entry:
            self.notify("This deck has errors; fix them first.", severity="warning")

    def action_setup(self) -> None:
        self.start_setup([])

    def start_setup(self, deck_ids: list[str]) -> None:
        self.app.open_setup(deck_ids)  # type: ignore[attr-defined]
