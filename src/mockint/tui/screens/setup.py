"""Setup: which decks, how many questions, how long, which mode; the rest folded away.

It opens on the last setup of the kind used last (tui/presets.py remembers it
when an interview starts from here), shuffled by default with the seed shown.
Decks, Questions, Seconds, Mode and Start fit 80×24 without scrolling;
categories, levels, topics, order and seed are under "More choices". Every
focusable widget shows focus by the shape of its border or by reverse video,
not by colour alone, so it reads under NO_COLOR and in every theme.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import (
    Button,
    Collapsible,
    Input,
    Label,
    RadioButton,
    RadioSet,
    SelectionList,
)
from textual.widgets.selection_list import Selection

from mockint.core.deck import CATEGORIES, LEVELS, Deck
from mockint.core.session import Mode, SessionConfig, new_seed, select_questions
from mockint.tui.access import mockint_app
from mockint.tui.formatting import KIND_LABELS
from mockint.tui.literal import visible
from mockint.tui.widgets.checklists import TickList
from mockint.tui.widgets.choices import ChoiceSet, MarkedRadioButton
from mockint.tui.widgets.footer import Footer
from mockint.tui.widgets.screen_header import ScreenHeader


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
    TITLE = "Interview setup"
    SUB_TITLE = "Ctrl+S starts"
    HELP_TITLE = "Interview setup"
    HELP = """
It opens on your last setup of this kind, so Ctrl+S repeats it. Choose the
decks, how many questions, the seconds per question (empty = each deck's own)
and the mode: practice lets you peek at why they ask and a tip; mock does not.
Tab goes from the decks to Questions.

"More choices" narrows by category, level and topic and sets the order. The
order is shuffled, with a new seed each time (shown, so you can repeat a set
by typing it back).

F6 saves this setup as a preset: it then starts in one key from home (its
number) and from the palette (Ctrl+P), where you can also delete it.
Ctrl+S or the Start button begins (Enter in a field too); Esc goes back.
"""
    BINDINGS = [
        # Not a priority binding: a key typed into a field just before Ctrl+S is then
        # handled first (the field's queue), so Start always reads what the field shows.
        Binding("ctrl+s", "start", "Start", tooltip="Start the interview"),
        Binding("f6", "save_preset", "Save preset",
                tooltip="Keep this setup as a preset for home and the palette"),
        Binding("escape", "cancel", "Back"),
    ]

    def __init__(self, decks: list[Deck], start: SessionConfig | None = None,
                 remembered: dict[str, SessionConfig] | None = None,
                 fallback_decks: list[str] | None = None, seed: int | None = None) -> None:
        """`start`: the setup to open on; `remembered`: the last setup of each kind
        (switching the kind picks it up); `fallback_decks`: the decks to tick when
        none of `start`'s is there."""
        super().__init__()
        self.decks = decks
        self.initial = start or SessionConfig(deck_ids=[], count=5, order="shuffled")
        self.remembered = remembered or {}
        self.fallback_decks = fallback_decks or []
        self.seed = seed if seed is not None else new_seed()
        self._kind = self.initial.kind

    def _deck_ids(self, config: SessionConfig) -> set[str]:
        known = {d.id for d in self.decks}
        for candidates in (config.deck_ids, self.fallback_decks):
            chosen = {d for d in candidates if d in known}
            if chosen:
                return chosen
        return {self.decks[0].id} if self.decks else set()

    def compose(self) -> ComposeResult:
        start = self.initial
        chosen = self._deck_ids(start)
        yield ScreenHeader()
        # Not focusable itself: focusing a field scrolls it into view, so the
        # ring is always on a field, never on the (invisible) form.
        with VerticalScroll(id="setup-form", can_focus=False):
            decks = TickList[str](
                *[Selection(Content(visible(f"{d.title} ({len(d.questions)})")), d.id,
                            d.id in chosen) for d in self.decks],
                id="decks")
            decks.border_title = "Decks"
            yield decks
            with Horizontal(id="numbers"):
                count = Input(str(start.count or ""), id="count", type="integer",
                              placeholder="all")
                count.border_title = "Questions"
                yield count
                seconds = Input(str(start.time_limit or ""), id="seconds", type="integer",
                                placeholder="deck's own")
                seconds.border_title = "Seconds each"
                yield seconds
                with ChoiceSet(id="mode") as mode:
                    mode.border_title = "Mode"
                    yield MarkedRadioButton("Practice: may peek",
                                            value=start.mode == "practice", id="mode-practice")
                    yield MarkedRadioButton("Mock: strict", value=start.mode == "mock",
                                            id="mode-mock")
            with ChoiceSet(id="kind") as kind:
                kind.border_title = "Kind of session"
                for name, label in KIND_LABELS.items():
                    yield MarkedRadioButton(label, value=start.kind == name, id=f"kind-{name}")
            with Collapsible(title="More choices", id="more"):
                with Horizontal(id="filters"):
                    categories = TickList[str](
                        *[Selection(c, c, not start.categories or c in start.categories)
                          for c in CATEGORIES], id="categories")
                    categories.border_title = "Categories"
                    yield categories
                    levels = TickList[str](
                        *[Selection(v, v, not start.levels or v in start.levels)
                          for v in LEVELS], id="levels")
                    levels.border_title = "Levels"
                    yield levels
                with Horizontal(id="ordering"):
                    topics = Input(", ".join(start.topics), id="topics",
                                   placeholder="all (or: orm, caching)")
                    topics.border_title = "Topics, comma separated"
                    yield topics
                    with ChoiceSet(id="order") as order:
                        order.border_title = "Order"
                        yield MarkedRadioButton("Shuffled", value=start.order == "shuffled",
                                                id="order-shuffled")
                        yield MarkedRadioButton("Deck order", value=start.order == "deck",
                                                id="order-deck")
                    seed = Input(str(self.seed), id="seed", type="integer",
                                 placeholder="random")
                    seed.border_title = "Seed"
                    yield seed
        with Horizontal(id="setup-actions"):
            yield Label("", id="matches")
            yield Button("Back", id="back", action="screen.cancel", compact=True)
            yield Button("Start ^S", id="start", action="screen.start", variant="primary",
                         compact=True)
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
            raise ValueError("choose at least one category and one level (More choices)")
        mode: Mode = "mock" if self.query_one("#mode-mock", RadioButton).value else "practice"
        shuffled = self.query_one("#order-shuffled", RadioButton).value
        return SessionConfig(
            deck_ids=deck_ids,
            mode=mode,
            kind=self._chosen_kind(),
            categories=[] if len(categories) == len(CATEGORIES) else categories,
            levels=[] if len(levels) == len(LEVELS) else levels,
            topics=parse_topics(self.query_one("#topics", Input).value),
            count=parse_positive(self.query_one("#count", Input).value, "Questions"),
            time_limit=parse_positive(self.query_one("#seconds", Input).value, "Seconds each"),
            order="shuffled" if shuffled else "deck",
            seed=parse_positive(self.query_one("#seed", Input).value, "Seed"),
        )

    def _chosen_kind(self) -> str:
        return next((k for k in KIND_LABELS if self.query_one(f"#kind-{k}", RadioButton).value),
                    "custom")

    def _update_matches(self) -> None:
        label = self.query_one("#matches", Label)
        self._show_order()
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
            label.update(f"{found} in scope · up to {config.count or 'the usual number'} "
                         f"{config.kind} ones will be asked")
        else:
            label.update(f"{found} questions match · {asked} will be asked")
        label.set_class(found == 0, "problem")

    def _show_order(self) -> None:
        """The folded part's title says the order and the seed, so both stay in view."""
        more = self.query_one("#more", Collapsible)
        if self.query_one("#order-shuffled", RadioButton).value:
            seed = self.query_one("#seed", Input).value.strip()
            order = f"shuffled, seed {seed}" if seed else "shuffled, new seed"
        else:
            order = "deck order"
        more.title = f"More choices: categories, levels, topics · {order}"

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

    @on(RadioSet.Changed, "#kind")
    def _kind_changed(self) -> None:
        """A kind used before starts from its own last setup (a due session is often
        shorter than a custom one)."""
        kind = self._chosen_kind()
        if kind == self._kind:
            return
        self._kind = kind
        remembered = self.remembered.get(kind)
        if remembered is not None:
            self._fill(remembered)

    def _fill(self, config: SessionConfig) -> None:
        """Show `config` in the form (all but its kind, which the person just chose)."""
        chosen = self._deck_ids(config)
        decks = self.query_one("#decks", SelectionList)
        for deck in self.decks:
            (decks.select if deck.id in chosen else decks.deselect)(deck.id)
        for name, values, every in (("#categories", config.categories, CATEGORIES),
                                    ("#levels", config.levels, LEVELS)):
            ticks = self.query_one(name, SelectionList)
            for value in every:
                (ticks.select if not values or value in values else ticks.deselect)(value)
        self.query_one("#count", Input).value = str(config.count or "")
        self.query_one("#seconds", Input).value = str(config.time_limit or "")
        self.query_one("#topics", Input).value = ", ".join(config.topics)
        self.query_one(f"#mode-{config.mode}", RadioButton).value = True
        self.query_one(f"#order-{config.order}", RadioButton).value = True

    # --- intents -------------------------------------------------------------

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_start()

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

    def action_save_preset(self) -> None:
        from mockint.core.presets import check_name
        from mockint.tui.screens.ask_text import AskTextScreen

        try:
            config = self.config()
        except ValueError as error:
            self.notify(str(error), title="Cannot save", severity="error")
            return
        memory = mockint_app(self).setups

        def named(name: str | None) -> None:
            if name is None:
                return
            problem = check_name(name)
            if problem is not None:
                self.notify(problem, title="Not saved", severity="error")
                return
            memory.save_preset(name, config)

        self.app.push_screen(AskTextScreen(
            "Save this setup as a preset named:", placeholder="e.g. Backend mock",
            hint="Enter saves (a preset of that name is replaced) · Esc cancels"), named)

    def action_cancel(self) -> None:
        self.dismiss(None)
