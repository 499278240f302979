"""Presets: a session in one key instead of a form.

A preset is a named way to start a session: the four built-in ones
(`BUILTIN_PRESETS`) and the ones the person saves from the setup screen
(core/setups.py keeps those, with the last setup of each kind). Home numbers
them and the command palette lists them, both from `presets()`, so a new
built-in preset is one line in `BUILTIN_PRESETS`.

This module is on home's start-up path (its number keys and their help), so
it imports neither pydantic nor the session models at the top.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from mockint.core.session import Mode, Order, SessionConfig
    from mockint.core.setups import Setups

FULL_INTERVIEW_KIND = "full"
"""The kind of session of the full interview mode (issue 16 item 2)."""

NAME_LENGTH = 40
HOME_KEYS = 9
"""Home starts presets 1 to 9 with the number keys."""


@dataclass(frozen=True)
class Preset:
    """One way to start a session in one key."""

    name: str
    summary: str = ""
    kind: str = "custom"
    mode: Mode | None = None  # None: the default mode from the settings
    count: int | None = None  # None: the kind's usual number (practice size, all)
    order: Order = "shuffled"
    # "all": every deck; "remembered": the decks and filters of the last setup of
    # this kind (every deck when there is none).
    scope: Literal["all", "remembered"] = "all"
    # From every deck, a session asks none of the questions *you* ask at the end
    # (the ask-them category) unless this is set.
    ask_them_too: bool = False
    config: SessionConfig | None = None  # a saved preset: the setup as it was saved

    @property
    def title(self) -> str:
        """As the palette and help show it: "Quick 5: mixed, shuffled, practice"."""
        return f"{self.name}: {self.summary}" if self.summary else self.name

    @property
    def saved(self) -> bool:
        """One of the person's own (which they may delete), not a built-in one."""
        return self.config is not None


BUILTIN_PRESETS: tuple[Preset, ...] = (
    Preset("Quick 5", "mixed, shuffled, practice", kind="mixed", mode="practice", count=5),
    Preset("Mock", "8 questions, strict", mode="mock", count=8, scope="remembered"),
    Preset("Due now", "the questions due for review today", kind="due",
           ask_them_too=True),  # as `p` on home: whatever is due
    Preset("Full interview", "intro, technical, behavioral, design, your questions",
           kind=FULL_INTERVIEW_KIND),
)


def check_name(name: str) -> str | None:
    """Why `name` cannot name a saved preset (None: it can)."""
    name = name.strip()
    if not name:
        return "Give the preset a name."
    if len(name) > NAME_LENGTH:
        return f"A preset name has at most {NAME_LENGTH} characters."
    if any(p.name.casefold() == name.casefold() for p in BUILTIN_PRESETS):
        return f"“{name}” is a built-in preset; choose another name."
    return None


def presets(setups: Setups | None) -> list[Preset]:
    """Every preset, in the order home numbers them: built-in ones, then saved ones."""
    saved = [Preset(p.name, describe(p.config), kind=p.config.kind, config=p.config)
             for p in (setups.presets if setups else [])]
    return [*BUILTIN_PRESETS, *saved]


def describe(config: SessionConfig) -> str:
    """A saved setup in a few words: "8 questions, mock, shuffled"."""
    n = config.count
    count = f"{n} question{'' if n == 1 else 's'}" if n else "all questions"
    kind = "" if config.kind == "custom" else f"{config.kind}, "
    return f"{kind}{count}, {config.mode}, {config.order}"


def preset_config(preset: Preset, every_deck: Sequence[str], setups: Setups | None,
                  default_mode: Mode) -> SessionConfig:
    """The session a preset starts, over the decks that exist now (`every_deck`)."""
    from mockint.core.deck import CATEGORIES
    from mockint.core.session import SessionConfig

    known = set(every_deck)
    if preset.config is not None:
        config = preset.config
        return config.model_copy(update={
            "seed": None, "deck_ids": [d for d in config.deck_ids if d in known]})
    base = setups.remembered(preset.kind) if setups and preset.scope == "remembered" else None
    decks = [d for d in base.deck_ids if d in known] if base else []
    if base is not None and decks:
        return base.model_copy(update={
            "deck_ids": decks, "kind": preset.kind, "mode": preset.mode or default_mode,
            "count": preset.count, "order": preset.order, "seed": None})
    categories = [] if preset.ask_them_too else [c for c in CATEGORIES if c != "ask-them"]
    return SessionConfig(
        deck_ids=list(every_deck), kind=preset.kind, mode=preset.mode or default_mode,
        count=preset.count, order=preset.order, categories=categories)
