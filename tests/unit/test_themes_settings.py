"""Theme files and the settings file: valid, broken, missing pieces, round-trips."""

from __future__ import annotations

from pathlib import Path

import pytest

from mockint.storage.settings import (
    Settings,
    SettingsProblem,
    load_settings,
    load_settings_or_defaults,
    save_settings,
)
from mockint.storage.themes import APP_VARIABLES, load_theme_files, read_theme

THEMES = Path(__file__).resolve().parents[2] / "themes"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_every_bundled_theme_is_valid_and_the_four_kinds_are_there():
    files, problems = load_theme_files(sorted(THEMES.glob("*.toml")))
    assert problems == []
    names = {theme.name for _, theme in files}
    assert {"mockint-dark", "mockint-light", "high-contrast", "colorblind-safe"} <= names
    light = next(t for _, t in files if t.name == "mockint-light")
    assert light.dark is False


def test_the_colourblind_theme_never_puts_red_against_green_for_states():
    theme = read_theme(THEMES / "colorblind-safe.toml")
    states = [theme.variables[v] for v in ("timer-normal", "timer-overtime", "covered", "missed")]

    def hue_is_green(colour: str) -> bool:
        r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
        return g > r + 40 and g > b + 40

    assert not any(hue_is_green(c) for c in states)
    assert theme.variables["covered"] != theme.variables["missed"]


@pytest.mark.parametrize(("text", "expected"), [
    ('name = "x"\nprimary = \n', "line 2, column 11"),
    ('name = "x"\n', "primary: Field required"),
    ('name = "x"\nprimary = "#fff"\nsparkle = true\n', "sparkle: unknown key"),
    ('name = "x"\nprimary = "#fff"\n[variables]\ntimer-colour = "red"\n',
     "variables.timer-colour: unknown variable"),
    ('name = "Bad Name"\nprimary = "#fff"\n', "name:"),
])
def test_a_broken_theme_file_says_where_and_what(tmp_path, text, expected):
    path = write(tmp_path / "broken.toml", text)
    files, problems = load_theme_files([path])
    assert files == []
    assert expected in str(problems[0]) and str(problems[0]).startswith("broken.toml: ")


def test_a_theme_without_app_variables_is_valid(tmp_path):
    path = write(tmp_path / "plain.toml", 'name = "plain"\nprimary = "#336699"\n')
    ((_, theme),), problems = load_theme_files([path])
    assert problems == [] and theme.variables == {}
    assert set(APP_VARIABLES) >= {"timer-warning", "covered"}


def test_settings_round_trip_and_defaults(tmp_path):
    path = tmp_path / "settings.toml"
    assert load_settings(path) == Settings()  # no file: defaults
    chosen = Settings(theme="mockint-light", default_mode="mock", default_seconds=90, bell=True,
                      words_per_minute=160, deck_folders=["~/decks"], interviewer_name="Sam")
    save_settings(chosen, path)
    assert load_settings(path) == chosen


@pytest.mark.parametrize(("text", "expected"), [
    ("bell = maybe\n", "line 1, column 8"),
    ("words_per_minute = 5\n",
     "words_per_minute — Speaking pace: between 60 and 300 words per minute"),
    ("colour = 'blue'\n", "colour: unknown setting"),
])
def test_an_invalid_settings_file_is_reported_and_not_overwritten(tmp_path, text, expected):
    path = write(tmp_path / "settings.toml", text)
    with pytest.raises(SettingsProblem) as caught:
        load_settings(path)
    assert expected in str(caught.value) and str(path) in str(caught.value)
    settings, problem = load_settings_or_defaults(path)
    assert settings == Settings() and problem is not None
    assert path.read_text() == text
