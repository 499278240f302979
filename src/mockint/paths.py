"""Where mockint keeps things: bundled content, the user's decks, data and config.

`MOCKINT_HOME` overrides every user location (tests and portable setups use
it); otherwise platformdirs picks the platform's usual folders. These functions
only name folders: writers create what they need (atomic writes make parents).
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "mockint"
_PACKAGE_DIR = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    # A wheel carries decks/ and themes/ inside the package (see pyproject's
    # force-include); an editable install or a source checkout reads the repo's.
    shipped = _PACKAGE_DIR / "_bundled" / name
    if shipped.is_dir():
        return shipped
    return _PACKAGE_DIR.parent.parent / name


def bundled_decks_dir() -> Path:
    return _bundled("decks")


def bundled_themes_dir() -> Path:
    return _bundled("themes")


def _home() -> Path | None:
    value = os.environ.get("MOCKINT_HOME")
    return Path(value).expanduser() if value else None


def _user_dir(kind: str) -> Path:
    home = _home()
    if home is not None:
        path = home / kind
    else:
        import platformdirs

        if kind == "config":
            path = Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
        elif kind == "cache":
            path = Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
        else:
            base = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
            path = base if kind == "data" else base / kind
    return path


def user_decks_dir() -> Path:
    return _user_dir("decks")


def user_themes_dir() -> Path:
    return _user_dir("themes")


def data_dir() -> Path:
    return _user_dir("data")


def config_dir() -> Path:
    return _user_dir("config")


def exports_dir() -> Path:
    """Where the app writes exports (sessions, decks, stories) when no path is given."""
    return data_dir() / "exports"


def cache_dir() -> Path:
    """Things mockint can rebuild (the deck index): safe to delete at any time."""
    return _user_dir("cache")


def history_db_path() -> Path:
    return data_dir() / "history.sqlite3"


def settings_path() -> Path:
    return config_dir() / "settings.toml"


def setups_path() -> Path:
    """The last setup of each kind and the saved presets (storage/presets.py)."""
    return config_dir() / "setups.toml"
