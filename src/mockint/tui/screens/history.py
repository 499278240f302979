"""History: past sessions newest first, filters, and search inside answers."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Select

from mockint.core.timing import format_duration
from mockint.core.vocabulary import CATEGORIES
from mockint.storage.history import AnswerHit, HistoryFilter, NoteHit, SessionSummary
from mockint.tui.access import mockint_app
from mockint.tui.formatting import session_status
from mockint.tui.history_guard import reads_history
from mockint.tui.literal import one_line, plural, visible
from mockint.tui.widgets.fitted_table import FittedTable
from mockint.tui.widgets.footer import Footer
from mockint.tui.widgets.plain import Plain
from mockint.tui.widgets.screen_header import ScreenHeader

SEARCH_DELAY = 0.25  # seconds of no typing before searching or filtering
PAGE = 40  # rows per query: about one screenful at 40 lines; the next loads near the end
RATING_RANGES = {
    "weak": ("Weak (avg ≤ 2)", None, 2.0),
    "middling": ("Middling (2–3)", 2.0, 3.0),
    "strong": ("Strong (avg ≥ 3)", 3.0, None),
}


def parse_day(text: str, field: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{field}: write the date as YYYY-MM-DD, e.g. 2026-11-23") from None


def session_cells(s: SessionSummary) -> tuple[Text, ...]:
    return (
        Text(f"{s.started_at.astimezone():%Y-%m-%d %H:%M}"),
        Text(visible(one_line(s.deck_titles, 36))),
        Text(s.mode),
        Text(f"{s.counts.answered}/{s.counts.questions}", justify="right"),
        Text(str(s.counts.skipped), justify="right"),
        Text(str(s.counts.unanswered), justify="right"),
        Text(f"{s.avg_rating:.1f}" if s.avg_rating else "—", justify="right"),
        Text(format_duration(s.total_used), justify="right"),
        Text(session_status(s.status, s.counts)),
        Text(visible(one_line(s.note, 24))),
    )


def match_text(hit: AnswerHit | NoteHit) -> Text:
    """The words around the match, matched words in bold reverse and «between marks»
    (so they show without colour too); the answer's start if there is no snippet."""
    if isinstance(hit, NoteHit):
        text = Text("note: ", style="italic")
    elif not hit.match:
        return Text(visible(one_line(hit.text, 50)))
    else:
        text = Text("follow-up: " if hit.match_in_follow_up else "", style="italic")
    for part, matched in hit.match_parts():
        # Runs of white space fold to one space, kept at the ends: "the debug «toolbar»".
        part = visible(re.sub(r"\s+", " ", part) if not matched else part)
        if matched:
            text.append(f"«{part}»", style="bold reverse")
        else:
            text.append(part)
    return text


def hit_cells(h: AnswerHit | NoteHit) -> tuple[Text, ...]:
    about = (f"Session note · {h.deck_titles}" if isinstance(h, NoteHit) else h.prompt)
    return (
        Text(f"{h.started_at.astimezone():%Y-%m-%d %H:%M}"),
        Text(visible(one_line(about, 36))),
        match_text(h),
    )


class HistoryScreen(Screen[None]):
    CSS_PATH = "history.tcss"
    # The list has the focus, so `/` searches: with Textual's default (the first focusable
    # widget), the search box could get it first and take a typed `/` as text.
    AUTO_FOCUS = "#sessions"
    HELP_TITLE = "History"
    HELP = """
Your past sessions, newest first: Ans, Skip and Unans count the questions
answered, skipped and left unanswered; a session left before any answer is
marked empty (kept, but left out of the stats). Narrow them by deck,
category, average rating and dates (YYYY-MM-DD). Typing in the search box searches inside your
answers, follow-up answers and session notes instead and lists what matches, with the words around the
match and the matched words «marked»; Enter in the search box moves to the
results, and Enter on one opens the answer scrolled to the match (on a note, its session). More rows
load as you scroll.
"""
    BINDINGS = [
        Binding("slash", "focus_search", "Search", tooltip="Search inside your answers"),
        Binding("escape", "back", "Back"),
        Binding("enter", "app.select_row", "Open", show=False,
                tooltip="Open the highlighted session, or the answer of a search hit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.summaries: list[SessionSummary] = []
        self.hits: list[AnswerHit | NoteHit] = []
        self.total = 0
        self._more = False
        self._reload_at: float | None = None  # on the app's clock; see _ticked
        self._focus_results = False

    @property
    def history(self):
        return mockint_app(self).history

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        with Horizontal(id="history-filters"):
            yield Input(placeholder="search your answers…", id="search", compact=True)
            yield Select([], prompt="any deck", id="deck", compact=True)
            yield Select([(c, c) for c in CATEGORIES], prompt="any category", id="category",
                         compact=True)
            yield Select([(label, key) for key, (label, _, _) in RATING_RANGES.items()],
                         prompt="any rating", id="rating", compact=True)
            yield Input(placeholder="from YYYY-MM-DD", id="since", compact=True)
            yield Input(placeholder="to YYYY-MM-DD", id="until", compact=True)
        yield Plain("", id="history-count")
        # At 80 columns the decks give way, then Note, Mode and Time go (FittedTable).
        yield FittedTable(flex=1, min_flex=12, drop=(9, 2, 7), id="sessions")
        # The words around the match give way (cut with …) before the question does.
        yield FittedTable(flex=2, min_flex=20, id="hits")
        yield Footer()

    @reads_history
    def on_mount(self) -> None:
        mockint_app(self).ticked.subscribe(self, self._ticked)
        self.query_one("#sessions", FittedTable).set_columns(
            "Date", "Decks", "Mode", "Ans", "Skip", "Unans", "Avg", "Time", "Status", "Note")
        self.query_one("#hits", FittedTable).set_columns("Date", "Question", "Your answer")
        self.query_one("#hits").display = False
        if self.history is None:
            self.query_one("#history-count", Plain).update(
                "History is unavailable this time (see the message at start-up).")
            return
        # The first page comes with the screen's first frame: on the date index it is a
        # millisecond or two even on 10,000 sessions. In a worker it landed after the
        # screen's first frame or before it, depending on timing: a whole extra frame,
        # and a bimodal opening time (bench: history-open).
        filters = self.filters()
        self._show_page(filters, 0, self.history.list_sessions(filters, limit=PAGE),
                        self.history.count_sessions(filters))
        self.query_one("#sessions").focus()

    _deck_choices_read = False

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # The deck filter's choices are read when it is first used: set while the screen
        # opened (with the page, or from a worker just after), the new options cost the
        # first page a layout pass before it reached the screen (bench history-open).
        if event.widget.id == "deck" and not self._deck_choices_read:
            self._deck_choices_read = True
            self._load_deck_choices()

    # --- loading -------------------------------------------------------------

    def filters(self) -> HistoryFilter:
        deck = self.query_one("#deck", Select).value
        category = self.query_one("#category", Select).value
        rating = self.query_one("#rating", Select).value
        since = parse_day(self.query_one("#since", Input).value, "from")
        until = parse_day(self.query_one("#until", Input).value, "to")
        low, high = (RATING_RANGES[rating][1:] if isinstance(rating, str) else (None, None))
        return HistoryFilter(
            deck_id=deck if isinstance(deck, str) else None,
            category=category if isinstance(category, str) else None,
            min_rating=low, max_rating=high,
            since=datetime.combine(since, datetime.min.time()).astimezone(UTC) if since else None,
            until=(datetime.combine(until, datetime.min.time()).astimezone(UTC)
                   + timedelta(days=1)) if until else None,
        )

    def reload(self) -> None:
        if self.history is None:
            return
        query = self.query_one("#search", Input).value.strip()
        if query:
            self._search(query)
            return
        try:
            filters = self.filters()
        except ValueError as error:
            self.query_one("#history-count", Plain).update(str(error))
            return
        self._load_page(filters, 0)

    @reads_history
    def _load_deck_choices(self) -> None:
        entries = mockint_app(self).decks.entries
        titles = {e.deck_id: e.title for e in entries if e.ok and e.deck_id}  # validates none
        choices = [(Content(visible(titles.get(i, i))), i) for i in self.history.deck_ids()]
        self.query_one("#deck", Select).set_options(choices)

    @work(thread=True, exclusive=True, group="history")
    @reads_history
    def _load_page(self, filters: HistoryFilter, offset: int) -> None:
        rows = self.history.list_sessions(filters, limit=PAGE, offset=offset)
        total = self.history.count_sessions(filters) if offset == 0 else self.total
        self.app.call_from_thread(self._show_page, filters, offset, rows, total)

    def _show_page(self, filters: HistoryFilter, offset: int, rows: list[SessionSummary],
                   total: int) -> None:
        table = self.query_one("#sessions", FittedTable)
        self.query_one("#hits").display = False
        table.display = True
        if offset == 0:
            self.summaries = []
            table.set_rows([])
        self.summaries += rows
        self.total = total
        self._filters = filters
        self._more = len(self.summaries) < total
        table.append_rows(session_cells(summary) for summary in rows)
        self._results_shown(table)
        noun = "session" if total == 1 else "sessions"
        self.query_one("#history-count", Plain).update(
            f"{total} {noun}" if total else "No sessions match. Finished interviews appear here.")

    @work(thread=True, exclusive=True, group="history")
    @reads_history
    def _search(self, query: str) -> None:
        answers = self.history.search_answers(query)
        notes = self.history.search_notes(query)
        self.app.call_from_thread(self._show_hits, query, answers, notes)

    def _show_hits(self, query: str, answers: list[AnswerHit], notes: list[NoteHit]) -> None:
        # Newest first, answers and session notes together (a note before its answers).
        hits: list[AnswerHit | NoteHit] = [*notes, *answers]
        hits.sort(key=lambda hit: hit.started_at, reverse=True)
        self.hits = hits
        self.query_one("#sessions").display = False
        table = self.query_one("#hits", FittedTable)
        table.display = True
        table.set_rows(hit_cells(hit) for hit in hits)
        self._results_shown(table)
        found = " and ".join(([plural(len(answers), "answer")] if answers or not notes else [])
                             + ([plural(len(notes), "note")] if notes else []))
        one = len(hits) == 1
        self.query_one("#history-count", Plain).update(
            f"{found} {'contains' if one else 'contain'} “{query}”")

    # --- events --------------------------------------------------------------

    @on(Input.Changed)
    @on(Select.Changed)
    def _filters_changed(self) -> None:
        # Wait for a pause in typing: a one-letter search matches nearly every answer.
        self._reload_at = mockint_app(self).clock() + SEARCH_DELAY

    def _ticked(self, now: float) -> None:
        if self._reload_at is not None and now >= self._reload_at:
            self._reload_at = None
            self.reload()

    @on(FittedTable.RowHighlighted, "#sessions")
    def _near_end(self, event: FittedTable.RowHighlighted) -> None:
        if self._more and event.cursor_row >= len(self.summaries) - 5:
            self._more = False
            self._load_page(self._filters, len(self.summaries))

    @on(FittedTable.RowSelected, "#sessions")
    @reads_history
    def _open_session(self, event: FittedTable.RowSelected) -> None:
        record = self.history.load_session(self.summaries[event.cursor_row].id)

        def closed(deleted: bool | None) -> None:
            if deleted:
                self.reload()

        mockint_app(self).nav.session(record, closed)

    @on(FittedTable.RowSelected, "#hits")
    @reads_history
    def _open_hit(self, event: FittedTable.RowSelected) -> None:
        hit = self.hits[event.cursor_row]
        if isinstance(hit, NoteHit):  # a session's note: open the session
            history = self.history
            if history is not None:
                mockint_app(self).nav.session(history.load_session(hit.session_id))
            return
        found = [part for part, matched in hit.match_parts() if matched]
        mockint_app(self).nav.answer_hit(hit, find=found)

    @on(Input.Submitted, "#search")
    def _to_results(self) -> None:
        """Enter in the search box: search now, then straight to the results."""
        self._reload_at = None
        self._focus_results = True
        self.reload()

    def _results_shown(self, table: FittedTable) -> None:
        if self._focus_results:
            self._focus_results = False
            table.focus()

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_back(self) -> None:
        self.app.pop_screen()
