"""Pilot tests of the settings screen in the person's words (issue 16 item 7): each
problem named as the field is labelled and in its unit, shown under the field; Esc
with unsaved edits asks; mockint's themes first, Textual's built-ins marked."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select

from mockint.storage.settings import Settings, field_words, load_settings
from mockint.tui.screens.choice import ChoiceScreen
from mockint.tui.screens.settings import INPUTS, SettingsScreen

SIZE = (100, 30)
BUNDLED = ["mockint-dark", "mockint-light", "high-contrast", "colorblind-safe"]


def text(widget) -> str:
    return str(widget.render())


async def test_each_constrained_field_says_its_problem_under_it_in_its_own_words(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        assert not screen.query_one("#warning_fraction-problem").display  # nothing yet

        screen.query_one("#warning_fraction", Input).value = "95"  # shown in %, kept 0..0.9
        await pilot.pause()
        problem = screen.query_one("#warning_fraction-problem")
        assert problem.display and text(problem) == "Timer warning: between 0 and 90 %"
        siblings = list(screen.query_one("#settings-form").children)
        assert siblings.index(problem) == siblings.index(screen.query_one("#warning_fraction")) + 1
        assert screen.query_one("#save").disabled
        assert "Timer warning" in text(screen.query_one("#settings-status"))

        screen.query_one("#words_per_minute", Input).value = "fast"
        screen.query_one("#desired_retention", Input).value = "0.5"
        await pilot.pause()
        assert text(screen.query_one("#words_per_minute-problem")) == (
            "Speaking pace: a whole number between 60 and 300 words per minute")
        assert text(screen.query_one("#desired_retention-problem")) == (
            "Desired retention (FSRS): between 0.7 and 0.99")

        # Every bounded number on the form: far out of range is named by its label.
        for name in INPUTS:
            info = Settings.model_fields[name]
            if not any(hasattr(rule, "le") for rule in info.metadata):
                continue
            screen.query_one(f"#{name}", Input).value = "99999"
            await pilot.pause()
            message = text(screen.query_one(f"#{name}-problem"))
            assert message.startswith(field_words(name).label + ": between "), name
            assert name not in message  # the label, never the internal name

        await pilot.press("ctrl+s")  # refused: focus goes to the first field to fix
        assert isinstance(app.screen, SettingsScreen)
        assert isinstance(app.focused, Input) and app.focused.id in INPUTS

        for name in INPUTS:
            screen.query_one(f"#{name}", Input).value = ""  # empty: each one's default
        await pilot.pause()
        assert not any(w.display for w in screen.query(".field-problem"))
        assert not screen.query_one("#save").disabled


async def test_esc_with_unsaved_edits_asks_to_stay_discard_or_save(app, mockint_home):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.press("escape")  # nothing changed: leaves at once
        assert not isinstance(app.screen, SettingsScreen)

        await pilot.press("o")
        app.screen.query_one("#words_per_minute", Input).value = "170"
        await pilot.pause()
        await pilot.press("escape")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("c")  # stay: the edit is still there
        assert isinstance(app.screen, SettingsScreen)
        assert app.screen.query_one("#words_per_minute", Input).value == "170"

        await pilot.press("escape", "d")  # discard
        assert not isinstance(app.screen, SettingsScreen)
        assert app.settings.words_per_minute == 140

        await pilot.press("o")
        app.screen.query_one("#words_per_minute", Input).value = "170"
        await pilot.pause()
        await pilot.press("escape", "s")  # save
        await app.workers.wait_for_complete()
        assert not isinstance(app.screen, SettingsScreen)
        assert app.settings.words_per_minute == 170
    assert load_settings(Path(mockint_home, "config", "settings.toml")).words_per_minute == 170


async def test_the_theme_picker_lists_mockints_themes_first_and_marks_textuals(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        picker = app.screen.query_one("#theme", Select)
        options = [(str(prompt), value) for prompt, value in picker._options]
        assert [value for _, value in options[:4]] == BUNDLED
        assert all("Textual built-in" not in prompt for prompt, _ in options[:4])
        rest = options[4:]
        assert rest and all(prompt.endswith("· Textual built-in") for prompt, _ in rest)
        assert {"textual-dark", "nord"} <= {value for _, value in rest}
