"""Home: the decks, a way into an interview, and (later) recent sessions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static

from mockint.core.presets import BUILTIN_PRESETS, HOME_KEYS
from mockint.storage.decks import DeckEntry
from mockint.storage.history_errors import HistoryUnavailable
from mockint.tui import messages
from mockint.tui.access import mockint_app
from mockint.tui.formatting import deck_summary
from mockint.tui.history_guard import reads_history
from mockint.tui.literal import visible
from mockint.tui.widgets.fitted_table import FittedTable
from mockint.tui.widgets.footer import Footer
from mockint.tui.widgets.plain import Plain
from mockint.tui.widgets.plan_headline import PlanHeadline
from mockint.tui.widgets.screen_header import ScreenHeader
from mockint.tui.widgets.story_gaps import StoryGaps

if TYPE_CHECKING:  # the store (and SQLite) load with the history, after the first frame
    from mockint.storage.history import HistoryStore

RECENT = 8


class HomeScreen(Screen[None]):
    CSS_PATH = "home.tcss"
    HELP_TITLE = "Home"
    SUB_TITLE = "mock interviews in your terminal"  # the header's words on the first screen
    HELP = """
The decks mockint found: the bundled ones, your own (see `mockint locate`)
and any given with --deck-path. A deck marked ⚠ has errors; select it to see
them. Press s to set up an interview (it opens on your last setup), or Enter
on a deck to set one up with that deck. The number keys start the presets
listed under Quick start at once: the built-in ones, then your own (save one
from the setup with F6; delete it from the palette).
b opens your story bank; when your next interview may ask about a competency
none of your stories shows, home says so under the plan.
"""
    can_resume = False
    _preset_count = 0  # presets listed under Quick start (the number keys that work)
    due = 0
    ready = False
    recent: list = []
    # c, i and o stay out of the footer (they are in F1 help and the palette) so
    # that F1 Help and Quit still fit at 120 columns.
    BINDINGS = [
        Binding("s", "setup", "Start interview", tooltip="Choose decks, filters and mode"),
        Binding("enter", "app.select_row", "Open", show=False,
                tooltip="Start from the highlighted deck, or open the highlighted session"),
        Binding("h", "history", "History", tooltip="Past sessions, search, export"),
        Binding("d", "decks", "Decks", tooltip="Edit, copy, create, import and export decks"),
        Binding("r", "resume", "Resume", tooltip="Resume the interview left unfinished"),
        Binding("p", "practice_due", "Practise due", tooltip="The questions due for review today"),
        Binding("g", "practise_plan", "Today's plan", tooltip="What is left of today's plan"),
        Binding("c", "cram", "Practise now", show=False,
                tooltip="Anything in your next interview, due or not"),
        Binding("i", "interviews", "Interviews", tooltip="Interview dates and the daily plan", show=False),
        Binding("t", "stats", "Stats", tooltip="Progress over the last weeks"),
        Binding("b", "stories", "Stories", tooltip="Your STAR story bank and its coverage"),
        Binding("o", "app.settings", "Settings", show=False,
                tooltip="Theme, defaults, pace, deck folders"),
        Binding("q", "app.quit", "Quit", show=False),
        # 1-9: the presets, built-in ones first (their titles, so help and the palette
        # name them), then the person's own.
        *[Binding(str(n), f"preset({n})", BUILTIN_PRESETS[n - 1].title
                  if n <= len(BUILTIN_PRESETS) else f"Your preset {n - len(BUILTIN_PRESETS)}",
                  show=False, tooltip="Start this preset now (listed under Quick start)")
          for n in range(1, HOME_KEYS + 1)],
    ]
    # Left out of the footer below 100 columns (still in F1 help and the palette), so
    # F1 Help and Quit stay in view at 80.
    NARROW_HIDDEN = ("decks", "stats", "stories", "practise_plan")

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        with Horizontal(id="home-body"):
            with Vertical(id="decks-pane"):
                yield Static("Decks", classes="section-title")
                # Titles give way to the counts at 80 columns (FittedTable).
                yield FittedTable(flex=0, min_flex=10, id="decks")
                yield Plain("", id="deck-details")
            # Filled right after the first frame (_fill_sessions_pane): its ten widgets
            # cost ~25 ms of that frame, and what they show (recent sessions, what is due,
            # the plan) waits for the history, which opens after it anyway.
            yield Vertical(id="sessions-pane")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#decks", FittedTable).set_columns("Deck", "Questions", "Source")
        self.show_decks()
        self.query_one("#decks", FittedTable).focus()
        self.call_after_refresh(self._fill_sessions_pane)

    async def _fill_sessions_pane(self) -> None:
        recent = FittedTable(flex=1, min_flex=8, drop=(3,), id="recent")  # Avg goes first
        # Shown with its first rows (show_recent): not drawn empty while the history opens,
        # which is a flash of a header for a new user.
        recent.display = False
        await self.query_one("#sessions-pane").mount_all([
            Static("Quick start", classes="section-title"), Plain("", id="presets"),
            PlanHeadline(id="plan"), StoryGaps(id="story-gaps"),
            Static("", id="due", classes="section-title"),
            Static("Recent sessions", classes="section-title"), recent,
            Static("", id="recent-hint", classes="hint")])
        if not recent.is_attached:  # home was closed before its first frame was over
            return
        recent.set_columns("Date", "Decks", "Qs", "Avg")
        self.ready = True
        self.show_presets()
        self.show_recent()
        if mockint_app(self).history is None:
            self.query_one(PlanHeadline).reload()  # none (yet): plan from a fresh start

    def show_decks(self) -> None:
        table = self.query_one("#decks", FittedTable)
        entries = mockint_app(self).decks.entries
        rows = []
        for entry in entries:
            if entry.ok and entry.summary is not None:
                cells = (Text(visible(entry.summary.title)),
                         Text(str(len(entry.summary.questions)), justify="right"))
            else:
                cells = (Text(f"⚠ {visible(entry.path.name)}", style="bold red"),
                         Text("errors", style="red"))
            rows.append((*cells, Text(entry.source)))
        table.set_rows(rows)  # the cursor stays on its row where it can
        self._show_details(table.cursor_row)

    def show_presets(self) -> None:
        """ "1 Quick 5 · 2 Mock · …": the number keys that start a preset."""
        names = mockint_app(self).setups.names()[:HOME_KEYS]
        self._preset_count = len(names)
        self.query_one("#presets", Plain).update(
            " · ".join(f"{n} {name}" for n, name in enumerate(names, start=1)))
        self._refresh_bindings()

    def action_preset(self, number: int) -> None:
        app = mockint_app(self)
        presets = app.setups.presets()
        if 1 <= number <= len(presets):
            app.setups.start(presets[number - 1])

    def show_recent(self) -> None:
        """The last sessions, newest first (after each interview too)."""
        if not self.ready:  # the history may open before this screen is mounted
            return
        app = mockint_app(self)
        if app.history_opening:
            return  # filled once it is open (a moment later), not as "unavailable" first
        history = app.history
        table = self.query_one("#recent", FittedTable)
        table.set_rows([])
        try:
            self._read_history(history)
        except HistoryUnavailable as problem:  # damaged since it opened: say so, run on
            self.recent, self.can_resume, self.due = [], False, 0
            self.query_one("#recent-hint", Static).update(Text(visible(problem.user_message)))
            table.display = False
            self._refresh_bindings()
            return
        table.set_rows((Text(f"{s.started_at.astimezone():%d %b %H:%M}"),
                        Text(visible(s.deck_titles[:28])),
                        Text(f"{s.answered_count}/{s.question_count}"),
                        Text(f"{s.avg_rating:.1f}" if s.avg_rating else "—")) for s in self.recent)
        table.display = bool(self.recent)
        self.query_one("#due", Static).update(self._due_text(history))
        self.query_one(PlanHeadline).reload()
        hint = ("History is unavailable this time." if history is None else
                "Enter opens a session · h for all of them" if self.recent else
                "No sessions yet. Press s to start your first interview.")
        self.query_one("#recent-hint", Static).update(hint)
        self._refresh_bindings()

    def _read_history(self, history: HistoryStore | None) -> None:
        """Recent sessions, whether one can be resumed, and how many questions are due."""
        self.recent = history.list_sessions(limit=RECENT) if history else []
        self.can_resume = history is not None and history.unfinished() is not None
        self.due = 0
        if history is not None:
            from mockint.storage.practice import due_count  # only once the history is open

            # The deck summaries' keys: home asks at start-up, and must not validate every deck.
            app = mockint_app(self)
            self.due = due_count(history, app.decks.question_keys(), app.now())

    def _due_text(self, history) -> str:
        """ "3 questions due today (next at 20:34)", or when the next one is due."""
        from mockint.core.practice import due_text
        from mockint.storage.practice import next_due

        app = mockint_app(self)
        now, decks = app.now(), app.decks.question_keys()  # validates none
        return due_text(self.due, next_due(history, decks, now) if history else None, now)

    next_interview = None  # the next interview ahead, from the plan headline
    plan_left = 0  # questions of today's plan not answered yet

    @on(PlanHeadline.Read)
    def _plan_read(self, event: PlanHeadline.Read) -> None:
        self.next_interview, self.plan_left = event.interview, event.left
        self.query_one(StoryGaps).check(event.interview)
        self._refresh_bindings()

    def action_practise_plan(self) -> None:
        from mockint.tui.plan_actions import start_plan

        if self.next_interview is not None:
            start_plan(mockint_app(self), self.next_interview)

    def action_cram(self) -> None:
        from mockint.tui.plan_actions import start_cram

        start_cram(mockint_app(self), self.next_interview)

    def action_interviews(self) -> None:
        mockint_app(self).nav.plan()

    def _entry(self, index: int) -> DeckEntry | None:
        entries = mockint_app(self).decks.entries
        return entries[index] if 0 <= index < len(entries) else None

    def _show_details(self, index: int) -> None:
        entry = self._entry(index)
        details = self.query_one("#deck-details", Static)
        details.update(deck_summary(entry) if entry else "No decks found. See `mockint locate`.")
        details.set_class(bool(entry and not entry.ok), "problem")

    @on(FittedTable.RowHighlighted, "#decks")
    def _highlighted(self, event: FittedTable.RowHighlighted) -> None:
        self._show_details(event.cursor_row)

    @on(FittedTable.RowSelected, "#recent")
    @reads_history
    def _open_recent(self, event: FittedTable.RowSelected) -> None:
        app = mockint_app(self)
        if app.history is not None:
            app.nav.session(app.history.load_session(self.recent[event.cursor_row].id))

    _bindings_state: tuple | None = None

    def _refresh_bindings(self) -> None:
        """Refresh the footer only when an answer of `check_action` changed: each refresh
        rebuilds the footer's keys, and home's start-up refreshed it five to seven times."""
        state = (self.can_resume, mockint_app(self).history is not None, self._preset_count,
                 self.due > 0, self.plan_left > 0)
        if state != self._bindings_state:
            self._bindings_state = state
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        history = mockint_app(self).history
        if action == "resume":
            return self.can_resume
        if action == "history":
            return history is not None
        if action == "practice_due":
            return self.due > 0
        if action == "practise_plan":
            return history is not None and self.plan_left > 0
        if action == "cram":
            return history is not None
        if action == "preset":
            return 1 <= int(str(parameters[0])) <= self._preset_count
        return True

    def action_decks(self) -> None:
        mockint_app(self).nav.decks()

    def on_screen_resume(self) -> None:
        if not self.ready:  # the first resume, before the sessions pane is filled
            return
        self.show_recent()
        self.show_decks()
        self.show_presets()  # one may have been saved or deleted meanwhile

    def on_history_opened(self, _: messages.HistoryOpened) -> None:
        self.show_recent()

    def on_decks_changed(self, _: messages.DecksChanged) -> None:
        self.show_decks()

    def action_practice_due(self) -> None:
        mockint_app(self).flow.start_practice("due")

    def action_stats(self) -> None:
        mockint_app(self).nav.stats()

    def action_stories(self) -> None:
        mockint_app(self).nav.stories()

    def action_history(self) -> None:
        mockint_app(self).nav.history()

    @reads_history
    def action_resume(self) -> None:
        app = mockint_app(self)
        record = app.history.unfinished() if app.history is not None else None
        if record is not None:
            app.flow.resume(record)

    @on(FittedTable.RowSelected, "#decks")
    def _selected(self, event: FittedTable.RowSelected) -> None:
        entry = self._entry(event.cursor_row)
        if entry and entry.ok and entry.deck:  # `deck` validates it, if not done yet
            self.start_setup([entry.deck.id])
        elif entry:
            self.show_decks()  # the validation may just have found the problems: show the ⚠
            self.notify("This deck has errors; fix them first.", severity="warning")

    def action_setup(self) -> None:
        """The last setup; with nothing remembered, the deck under the cursor."""
        entry = self._entry(self.query_one("#decks", FittedTable).cursor_row)
        mockint_app(self).nav.setup(cursor_deck=entry.deck_id if entry and entry.ok else None)

    def start_setup(self, deck_ids: list[str]) -> None:
        mockint_app(self).nav.setup(deck_ids)
