"""Themes: mockint's theme files as Textual themes, registered on the app.

Every broken file is reported in one notification and skipped; if the chosen
theme is missing or broken the app falls back to the default. The app never
fails to start because of a theme.
"""

from __future__ import annotations

from textual.app import App
from textual.color import Color, ColorParseError
from textual.theme import Theme

from mockint.storage.themes import ThemeFile, load_theme_files

DEFAULT_THEME = "mockint-dark"
_COLOUR_FIELDS = ("primary", "secondary", "accent", "foreground", "background", "surface",
                  "panel", "boost", "success", "warning", "error")


def to_textual(theme: ThemeFile) -> Theme:
    """A Textual Theme; raises ValueError naming the first colour it cannot read."""
    for name in _COLOUR_FIELDS:
        _check_colour(name, getattr(theme, name))
    for name, value in theme.variables.items():
        _check_colour(f"variables.{name}", value)
    colours = {name: getattr(theme, name) for name in _COLOUR_FIELDS}
    return Theme(name=theme.name, dark=theme.dark, text_alpha=theme.text_alpha,
                 variables=dict(theme.variables), **colours)


def _check_colour(field: str, value: str | None) -> None:
    if value is None:
        return
    try:
        Color.parse(value)
    except ColorParseError:
        raise ValueError(f"{field}: {value!r} is not a colour (use #RRGGBB or a name)") from None


def register_themes(app: App) -> list[str]:
    """Register every valid theme file; returns the problems, worded for the user."""
    files, problems = load_theme_files()
    messages = [str(p) for p in problems]
    for path, theme_file in files:
        try:
            app.register_theme(to_textual(theme_file))
        except ValueError as error:
            messages.append(f"{path.name}: {error}")
    return messages
