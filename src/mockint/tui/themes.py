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
BUNDLED_ORDER = ("mockint-dark", "mockint-light", "high-contrast", "colorblind-safe")
# App-specific colours, overridable by a theme file (see themes/). Each defaults
# to one of the theme's own base colours, so a theme that sets none still works.
THEME_VARIABLE_SOURCES = {
    "timer-normal": "success",
    "timer-warning": "warning",
    "timer-overtime": "error",
    "covered": "success",
    "missed": "error",
    "star-situation": "primary",
    "star-task": "secondary",
    "star-action": "accent",
    "star-result": "success",
}
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


def usable_theme(app: App, name: str, problems: list[str]) -> str:
    """`name` if it is registered, else the default (and a line in `problems`)."""
    if name in app.available_themes:
        return name
    if name != DEFAULT_THEME:
        problems.append(f"theme “{name}” (from your settings) was not found; using {DEFAULT_THEME}")
    return DEFAULT_THEME if DEFAULT_THEME in app.available_themes else "textual-dark"


def theme_variable_defaults(theme: Theme) -> dict[str, str]:
    """mockint's own colour variables, from the theme's base colours."""
    base = theme.to_color_system().generate()
    return {name: base[source] for name, source in THEME_VARIABLE_SOURCES.items()}


def theme_groups(app: App) -> tuple[list[str], list[str]]:
    """The themes the app knows, as (mockint's, Textual's built-in ones): the bundled
    theme files in their documented order, then the person's own, then Textual's."""
    from textual.theme import BUILTIN_THEMES

    themes = app.available_themes
    textuals = sorted(name for name, theme in themes.items() if theme is BUILTIN_THEMES.get(name))
    ours = [name for name in themes if name not in textuals]
    order = {name: i for i, name in enumerate(BUNDLED_ORDER)}
    ours.sort(key=lambda name: (order.get(name, len(order)), name))
    return ours, textuals
