"""Setup: which decks, which questions, how many, in what order, how long, which mode."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, RadioButton, RadioSet, SelectionList
from textual.widgets.selection_list import Selection

from mockint.core.deck import CATEGORIES, LEVELS, Deck
from mockint.core.session import Mode, SessionConfig, select_questions
from mockint.tui.access import mockint_app
from mockint.tui.formatting import KIND_LABELS
from mockint.tui.literal import visible
from mockint.tui.widgets.checklists import TickList


def parse_topics(text: str) -> list[str]:
    return [t.strip().lower() for t in text.split(",") if t.strip()]


def parse_positive(text: str, what: str) -> int | None:
    """An optional whole number > 0; raises ValueError with a message for the user."""
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or int(text) <= 0:
        raise ValueError(f"{what} must be a whole number above 0, not {text!r}")
    return int(text)


class SetupScreen(Screen[SessionConfig | None]):
    CSS_PATH = "setup.tcss"
    HELP_TITLE = "Interview setup"
    HELP = """
Choose one or more decks and narrow the questions by category, level and
topic. Set how many questions, the order (a shuffle shows its seed, so you can
repeat the same set), the seconds per question (empty = each deck's own) and
the mode: practice lets you peek at why they ask and a tip; mock does not.

Ctrl+S or the Start button begins; Esc goes back.
"""
    BINDINGS = [
        Binding("ctrl+s", "start", "Start", tooltip="Start the interview", priority=True),
        Binding("escape", "cancel", "Back"),
    ]

    def __init__(self, decks: list[Deck], chosen: list[str] | None = None,
                 defaults: SessionConfig | None = None) -> None:
        super().__init__()
        self.decks = decks
        self.chosen = set(chosen or [])
        self.defaults = defaults or SessionConfig(deck_ids=[], count=5)

    def compose(self) -> ComposeResult:
        defaults = self.defaults
        with VerticalScroll(id="setup-form"):
            with Horizontal(classes="row"):
                with Vertical(classes="column"):
                    yield Label("Decks", classes="section-title")
                    yield TickList[str](
                        *[Selection(Content(visible(f"{d.title} ({len(d.questions)})")), d.id,
                                    d.id in self.chosen or not self.chosen and i == 0)
                          for i, d in enumerate(self.decks)],
                        id="decks",
                    )
                    yield Label("Categories", classes="section-title")
                    yield TickList[str](
                        *[Selection(c, c, not defaults.categories or c in defaults.categories)
                          for c in CATEGORIES],
                        id="categories",
                    )
                with Vertical(classes="column"):
                    yield Label("Levels", classes="section-title")
                    yield TickList[str](
                        *[Selection(v, v, not defaults.levels or v in defaults.levels)
                          for v in LEVELS],
                        id="levels",
                    )
                    yield Label("Topics (comma separated, empty = all)", classes="section-title")
                    yield Input(", ".join(defaults.topics), id="topics", placeholder="orm, caching")
                    yield Label("Kind of session", classes="section-title")
                    with RadioSet(id="kind"):
                        for kind, label in KIND_LABELS.items():
                            yield RadioButton(label, value=defaults.kind == kind,
                                              id=f"kind-{kind}")
                    yield Label("Mode", classes="section-title")
                    with RadioSet(id="mode"):
                        yield RadioButton("Practice: peeks allowed", value=defaults.mode == "practice",
                                          id="mode-practice")
                        yield RadioButton("Mock: strict, no peeking", value=defaults.mode == "mock",
                                          id="mode-mock")
            with Horizontal(classes="row"):
                with Vertical(classes="field"):
                    yield Label("Questions", classes="section-title")
                    yield Input(str(defaults.count or ""), id="count", type="integer")
                with Vertical(classes="field"):
                    yield Label("Seconds each", classes="section-title")
                    yield Input(str(defaults.time_limit or ""), id="seconds", type="integer",
                                placeholder="deck default")
                with Vertical(classes="field"):
                    yield Label("Order", classes="section-title")
                    with RadioSet(id="order"):
                        yield RadioButton("Deck order", value=defaults.order == "deck",
                                          id="order-deck")
                        yield RadioButton("Shuffled", value=defaults.order == "shuffled",
                                          id="order-shuffled")
                with Vertical(classes="field"):
                    yield Label("Seed", classes="section-title")
                    yield Input(str(defaults.seed or ""), id="seed", type="integer",
                                placeholder="random")
        with Horizontal(id="setup-actions"):
            yield Label("", id="matches")
            yield Button("Back", id="back", action="screen.cancel", compact=True)
            yield Button("Start ^S", id="start", action="screen.start", variant="primary", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#decks", SelectionList).focus()
        self._update_matches()

    # --- reading the form ------------------------------------------------

    def config(self) -> SessionConfig:
        """The form as a SessionConfig; raises ValueError with a message to show."""
        deck_ids = list(self.query_one("#decks", SelectionList).selected)
        if not deck_ids:
            raise ValueError("choose at least one deck")
        categories = list(self.query_one("#categories", SelectionList).selected)
        levels = list(self.query_one("#levels", SelectionList).selected)
        if not categories or not levels:
            raise ValueError("choose at least one category and one level")
        mode: Mode = "mock" if self.query_one("#mode-mock", RadioButton).value else "practice"
        shuffled = self.query_one("#order-shuffled", RadioButton).value
        kind = next((k for k in KIND_LABELS if self.query_one(f"#kind-{k}", RadioButton).value),
                    "custom")
        return SessionConfig(
            deck_ids=deck_ids,
            mode=mode,
            kind=kind,
            categories=[] if len(categories) == len(CATEGORIES) else categories,
            levels=[] if len(levels) == len(LEVELS) else levels,
            topics=parse_topics(self.query_one("#topics", Input).value),
            count=parse_positive(self.query_one("#count", Input).value, "Questions"),
            time_limit=parse_positive(self.query_one("#seconds", Input).value, "Seconds each"),
            order="shuffled" if shuffled else "deck",
            seed=parse_positive(self.query_one("#seed", Input).value, "Seed"),
        )

    def _update_matches(self) -> None:
        label = self.query_one("#matches", Label)
        try:
            config = self.config()
        except ValueError as error:
            label.update(str(error))
            label.set_class(True, "problem")
            return
        decks = [d for d in self.decks if d.id in config.deck_ids]
        found = len(select_questions(decks, config.model_copy(update={"count": None})))
        asked = min(found, config.count) if config.count else found
        if config.kind == "full":
            label.update(self._full_plan_text(decks, config))
        elif config.kind != "custom":
            label.update(f"{found} questions in scope · up to {config.count or 'the usual'} "
                         f"{config.kind} ones will be asked")
        else:
            label.update(f"{found} questions match · {asked} will be asked")
        label.set_class(found == 0, "problem")

    def _full_plan_text(self, decks: list[Deck], config: SessionConfig) -> str:
        """What a full interview over these decks will ask (sections and budget: settings)."""
        from mockint.core.full_interview import build_full_plan
        from mockint.tui.interview_flow import full_interview_spec

        spec = full_interview_spec(mockint_app(self).settings)
        plan = build_full_plan(decks, spec, 0, levels=config.levels)
        notes = f" · {plan.notes[0]}" if plan.notes else ""
        return (f"Full interview: {len(plan.questions)} questions in about "
                f"{spec.budget_minutes} min, then your questions{notes}")

    @on(SelectionList.SelectedChanged)
    @on(Input.Changed)
    @on(RadioSet.Changed)
    def _form_changed(self) -> None:
        self._update_matches()

    # --- intents -------------------------------------------------------------

    def action_start(self) -> None:
        try:
            config = self.config()
        except ValueError as error:
            self.notify(str(error), title="Cannot start", severity="error")
            return
        decks = [d for d in self.decks if d.id in config.deck_ids]
        if not select_questions(decks, config.model_copy(update={"kind": "custom"})):
            self.notify("No questions match these choices; widen the filters.",
                        title="Cannot start", severity="error")
            return
        self.dismiss(config)

    def action_cancel(self) -> None:
        self.dismiss(None)
