"""What the setup screen remembers: the last setup of each kind, and saved presets.

The setup screen opens on the last setup of the kind used last (a due session
is often shorter than a custom one, so each kind keeps its own). The seed is
never kept: a shuffle gets a new one each time, or every session would open
on the same questions. storage/presets.py keeps this in `setups.toml`.
"""

from __future__ import annotations

from pydantic import ConfigDict, Field

from mockint.core.model import Model
from mockint.core.presets import NAME_LENGTH
from mockint.core.session import SessionConfig
from mockint.core.timing import WARNING_FRACTION


class SavedPreset(Model):
    """A preset the person saved from the setup screen."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    name: str = Field(min_length=1, max_length=NAME_LENGTH)
    config: SessionConfig


class Setups(Model):
    """The last setup of each kind (`last_kind` the latest) and the saved presets."""

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

    def with_preset(self, name: str, config: SessionConfig) -> Setups:
        """These setups with `config` saved as `name` (replacing one of that name)."""
        name = name.strip()
        others = [p for p in self.presets if p.name.casefold() != name.casefold()]
        saved = SavedPreset(name=name, config=kept(config))
        return self.model_copy(update={"presets": [*others, saved]})

    def without_preset(self, name: str) -> Setups:
        folded = name.strip().casefold()
        return self.model_copy(
            update={"presets": [p for p in self.presets if p.name.casefold() != folded]})


def kept(config: SessionConfig) -> SessionConfig:
    """What is worth keeping of a setup: not its seed (a shuffle gets a new one each
    time), nor what the app adds when it starts (the timer's warning, a question list)."""
    return config.model_copy(update={"seed": None, "questions": [],
                                     "warning_fraction": WARNING_FRACTION})
