"""Presets and remembered setups: a session in one key instead of a form.

A *preset* is a named way to start a session: the four built-in ones
(`BUILTIN_PRESETS`, shown on home and in the command palette) and the ones
the person saves from the setup screen. A *remembered setup* is the last
setup the person started, one per kind of session ("custom", "due", …), so
the setup screen opens where they left it.

Everything here is data and pure functions; storage/presets.py keeps it in
a file and tui/presets.py starts the sessions. Home and the palette list the
same `presets()`, so a new built-in preset is one line in `BUILTIN_PRESETS`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from pydantic import ConfigDict, Field

from mockint.core.deck import CATEGORIES
from mockint.core.model import Model
from mockint.core.session import Mode, Order, SessionConfig
from mockint.core.timing import WARNING_FRACTION

FULL_INTERVIEW_KIND = "full"
"""The kind of session of the full interview mode (issue 16 item 2)."""

MOCK_CATEGORIES = [c for c in CATEGORIES if c != "ask-them"]
"""What a mock asks from every deck: not the questions *you* ask at the end."""

NAME_LENGTH = 40


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
    config: SessionConfig | None = None  # a saved preset: the setup as it was saved

    @property
    def title(self) -> str:
        """As the palette and home show it: "Quick 5: mixed, shuffled, practice"."""
        return f"{self.name}: {self.summary}" if self.summary else self.name

    @property
    def saved(self) -> bool:
        """One of the person's own (which they may delete), not a built-in one."""
        return self.config is not None


BUILTIN_PRESETS: tuple[Preset, ...] = (
    Preset("Quick 5", "mixed, shuffled, practice", kind="mixed", mode="practice", count=5),
    Preset("Mock", "8 questions, strict", mode="mock", count=8, scope="remembered"),
    Preset("Due now", "the questions due for review today", kind="due"),
    Preset("Full interview", "intro, technical, behavioral, design, your questions",
           kind=FULL_INTERVIEW_KIND),
)


class SavedPreset(Model):
    """A preset the person saved from the setup screen."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    name: str = Field(min_length=1, max_length=NAME_LENGTH)
    config: SessionConfig


class Setups(Model):
    """What the setup screen remembers: the last setup of each kind, and saved presets."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    version: int = 1
    last_kind: str = "custom"
    last: dict[str, SessionConfig] = Field(default_factory=dict)
    presets: list[SavedPreset] = Field(default_factory=list)

    def remembered(self, kind: str | None = None) -> SessionConfig | None:
        """The last setup of `kind` (default: of the kind used last)."""
        return self.last.get(kind or self.last_kind)

    def remember(self, config: SessionConfig) -> Setups:
        """These setups with `config` as the last one of its kind."""
        return self.model_copy(update={"last_kind": config.kind,
                                       "last": {**self.last, config.kind: kept(config)}})

    def find(self, name: str) -> SavedPreset | None:
        folded = name.strip().casefold()
        return next((p for p in self.presets if p.name.casefold() == folded), None)

    def with_preset(self, name: str, config: SessionConfig) -> Setups:
        """These setups with `config` saved as `name` (replacing one of that name)."""
        name = name.strip()
        others = [p for p in self.presets if p.name.casefold() != name.casefold()]
        saved = SavedPreset(name=name, config=kept(config))
        return self.model_copy(update={"presets": [*others, saved]})

    def without_preset(self, name: str) -> Setups:
        folded = name.casefold()
        return self.model_copy(
            update={"presets": [p for p in self.presets if p.name.casefold() != folded]})


def kept(config: SessionConfig) -> SessionConfig:
    """What is worth keeping of a setup: not its seed (a shuffle gets a new one each
    time, or every session opens with the same questions), nor what the app adds."""
    return config.model_copy(update={"seed": None, "questions": [],
                                     "warning_fraction": WARNING_FRACTION})


def check_name(name: str, setups: Setups) -> str | None:
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
    return SessionConfig(
        deck_ids=list(every_deck), kind=preset.kind, mode=preset.mode or default_mode,
        count=preset.count, order=preset.order,
        categories=MOCK_CATEGORIES if preset.kind == "custom" else [])
