"""Theme files: TOML in the bundled and the user's themes folders, checked by pydantic.

`ThemeFile` is a `Record` (storage/records.py): a valid file is read without
importing pydantic (start-up); a broken one is checked and worded by pydantic.

This module reads and checks the files' shape; turning a theme into Textual's
`Theme` (and checking each colour) is the TUI's job (`mockint.tui.themes`).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from mockint import paths
from mockint.storage.records import Field, Record, first_error
from mockint.storage.toml_copies import TomlSyntaxError, load_toml

APP_VARIABLES = ("timer-normal", "timer-warning", "timer-overtime", "covered", "missed",
                 "star-situation", "star-task", "star-action", "star-result")
# Textual's text colours a theme may pin, where its automatic black-or-white choice
# reads badly on a theme's colours (e.g. white on a mid red: 3:1).
TEXT_VARIABLES = ("button-color-foreground", "block-cursor-foreground", "footer-key-foreground")


class ThemeFile(Record):  # unknown keys are errors (extra="forbid")
    name: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    dark: bool = True
    primary: str
    secondary: str | None = None
    accent: str | None = None
    foreground: str | None = None
    background: str | None = None
    surface: str | None = None
    panel: str | None = None
    boost: str | None = None
    success: str | None = None
    warning: str | None = None
    error: str | None = None
    text_alpha: float = Field(default=0.95, ge=0, le=1)
    variables: dict[str, str] = Field(default_factory=dict)


class ThemeProblem(NamedTuple):  # a NamedTuple is cheaper to import (see DeckProblem)
    path: Path
    message: str

    def __str__(self) -> str:
        return f"{self.path.name}: {self.message}"


def theme_files() -> list[Path]:
    """Bundled themes first, then the user's (a user theme may replace a bundled one)."""
    files: list[Path] = []
    for folder in (paths.bundled_themes_dir(), paths.user_themes_dir()):
        if folder.is_dir():
            files += sorted(folder.glob("*.toml"))
    return files


def read_theme(path: Path) -> ThemeFile:
    """One theme file; raises ThemeProblem-worthy ValueError with the place."""
    try:
        data = load_toml(path)
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"cannot read it ({error})") from None
    except TomlSyntaxError as error:
        raise ValueError(str(error)) from None
    try:
        theme = ThemeFile.model_validate(data)
    except Exception as error:  # pydantic's ValidationError (pydantic loads only then)
        first = first_error(error)
        field = ".".join(str(p) for p in first["loc"]) or "(file)"
        message = "unknown key" if first["type"] == "extra_forbidden" else first["msg"]
        raise ValueError(f"{field}: {message}") from None
    unknown = sorted(set(theme.variables) - set(APP_VARIABLES) - set(TEXT_VARIABLES))
    if unknown:
        raise ValueError(f"variables.{unknown[0]}: unknown variable; mockint's are "
                         + ", ".join(APP_VARIABLES + TEXT_VARIABLES))
    return theme


def load_theme_files(
    files: list[Path] | None = None,
) -> tuple[list[tuple[Path, ThemeFile]], list[ThemeProblem]]:
    """Every readable theme (a later file with the same name wins) and every problem."""
    themes: dict[str, tuple[Path, ThemeFile]] = {}
    problems: list[ThemeProblem] = []
    for path in theme_files() if files is None else files:
        try:
            theme = read_theme(path)
        except ValueError as error:
            problems.append(ThemeProblem(path, str(error)))
            continue
        themes[theme.name] = (path, theme)
    return list(themes.values()), problems
