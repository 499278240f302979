"""Settings: one TOML file in the config folder, validated, written atomically.

An invalid file is reported with its line (or field) and mockint starts on the
defaults without overwriting it; the file is only written when the user changes
a setting.
"""

from __future__ import annotations

import shutil
import tomllib
from datetime import datetime
from pathlib import Path
from typing import Literal

import tomli_w
from pydantic import ConfigDict, Field, ValidationError

from mockint import paths
from mockint.core.model import Model
from mockint.storage.files import atomic_write_text, toml_error_place


class Settings(Model):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    theme: str = "mockint-dark"
    default_mode: Literal["practice", "mock"] = "practice"
    default_seconds: int | None = Field(default=None, gt=0, le=3600, strict=True)
    warning_fraction: float = Field(default=0.25, ge=0, le=0.9, strict=True)
    bell: bool = Field(default=False, strict=True)  # "yes" is an error, not True
    words_per_minute: int = Field(default=140, ge=60, le=300, strict=True)
    deck_folders: list[str] = Field(default_factory=list)
    interviewer_name: str = ""
    interviewer_role: str = ""
    desired_retention: float = Field(default=0.9, ge=0.7, le=0.99, strict=True)
    new_share: float = Field(default=0.3, ge=0, le=1, strict=True)
    practice_size: int = Field(default=8, ge=1, le=100, strict=True)
    daily_minutes: int = Field(default=30, ge=5, le=600, strict=True)  # the plan's daily time budget
    # a full interview: questions per section and the whole time budget
    full_intro: int = Field(default=1, ge=0, le=5, strict=True)
    full_technical: int = Field(default=3, ge=0, le=20, strict=True)
    full_behavioral: int = Field(default=2, ge=0, le=20, strict=True)
    full_design: int = Field(default=1, ge=0, le=10, strict=True)
    full_minutes: int = Field(default=45, ge=5, le=300, strict=True)
    # cramming moves FSRS cards only when they were due
    cram_moves_cards: bool = Field(default=False, strict=True)


class SettingsProblem(Exception):
    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path, self.problem = path, problem


def load_settings(path: Path | None = None) -> Settings:
    """The settings in force; raises SettingsProblem (naming the place) for a bad file."""
    path = path or paths.settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        # The defaults are valid by definition: skip building the validator (start-up).
        return Settings.model_construct()
    except (OSError, UnicodeDecodeError) as error:
        raise SettingsProblem(path, f"cannot read it ({error})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        place, message = toml_error_place(error)
        where = f"{place}: " if place else ""
        raise SettingsProblem(path, f"{where}{message}") from None
    try:
        return Settings.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "(file)"
        message = "unknown setting" if first["type"] == "extra_forbidden" else first["msg"]
        raise SettingsProblem(path, f"{field}: {message}") from None


def load_settings_or_defaults(path: Path | None = None) -> tuple[Settings, SettingsProblem | None]:
    try:
        return load_settings(path), None
    except SettingsProblem as problem:
        return Settings(), problem


def save_settings(settings: Settings, path: Path | None = None) -> Path | None:
    """Write the settings atomically. A file there that cannot be read (bad TOML, a wrong
    value) is never overwritten unseen: it is kept as `settings.toml.invalid-<time>`, and
    that path is returned so the caller can say so (None when nothing needed keeping)."""
    path = path or paths.settings_path()
    kept = None
    if path.exists():
        try:
            load_settings(path)
        except SettingsProblem:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            kept = path.with_name(f"{path.name}.invalid-{stamp}")
            n = 2
            while kept.exists():
                kept, n = path.with_name(f"{path.name}.invalid-{stamp}-{n}"), n + 1
            shutil.copy2(path, kept)
    data = settings.model_dump(exclude_none=True)
    atomic_write_text(path, tomli_w.dumps(data))
    return kept
