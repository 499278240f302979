"""Settings problems in the person's words (issue 16 item 7): one table names every
setting as the settings screen labels it, and the file's messages use it too."""

from __future__ import annotations

import pytest

from mockint.storage.settings import (
    FIELD_WORDS,
    Settings,
    SettingsProblem,
    load_settings,
)


def test_every_setting_has_its_words():
    assert set(Settings.model_fields) <= set(FIELD_WORDS)


@pytest.mark.parametrize(("text", "expected"), [
    # the file holds the fraction, so its message gives the stored range
    ("warning_fraction = 2.0\n", "warning_fraction — Timer warning: between 0 and 0.9"),
    ("default_seconds = 0\n",
     "default_seconds — Default time per question: between 1 and 3600 seconds"),
    ("daily_minutes = 'lots'\n",
     "daily_minutes — Daily practice budget: a whole number between 5 and 600 minutes"),
    ("bell = 'yes'\n", "bell — Ring the bell at the warning and at zero: true or false"),
    ("default_mode = 'exam'\n", "default_mode — Default mode: practice or mock"),
    ("deck_folders = '~/decks'\n",
     'deck_folders — Extra deck folders: a list of texts, like ["~/decks"]'),
])
def test_a_bad_settings_file_names_the_key_and_its_label(tmp_path, text, expected):
    path = tmp_path / "settings.toml"
    path.write_text(text)
    with pytest.raises(SettingsProblem) as caught:
        load_settings(path)
    assert caught.value.problem == expected
