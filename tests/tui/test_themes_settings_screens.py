"""Pilot tests: themes registered, switched, previewed and remembered; settings applied."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select, TextArea

from mockint.core.session import SessionConfig
from mockint.storage.settings import Settings, load_settings
from mockint.tui.app import make_app
from mockint.tui.screens.help import HelpScreen
from mockint.tui.screens.interview import InterviewScreen
from mockint.tui.screens.settings import SettingsScreen
from mockint.tui.widgets.answer_timer import AnswerTimer
from tests.helpers import advance

SIZE = (120, 40)


async def test_bundled_themes_are_registered_and_the_default_is_ours(app):
    async with app.run_test(size=SIZE):
        assert {"mockint-dark", "mockint-light", "high-contrast", "colorblind-safe"} <= set(
            app.available_themes)
        assert app.theme == "mockint-dark"
        assert app.get_css_variables()["timer-overtime"] == "#E5675E"


async def test_a_theme_without_app_variables_falls_back_to_its_own_colours(tui_store, clock,
                                                                           mockint_home):
    Path(mockint_home, "themes").mkdir()
    Path(mockint_home, "themes", "plain.toml").write_text(
        'name = "plain"\nprimary = "#336699"\nerror = "#AA0000"\nsuccess = "#00AA00"\n')
    app = make_app(decks=tui_store, clock=clock, settings=Settings(theme="plain"))
    async with app.run_test(size=SIZE):
        assert app.theme == "plain"
        variables = app.get_css_variables()
        assert variables["timer-overtime"] == variables["error"]
        assert variables["covered"] == variables["success"]


async def test_broken_theme_files_are_reported_once_and_the_app_starts(tui_store, clock,
                                                                       mockint_home):
    themes = Path(mockint_home, "themes")
    themes.mkdir()
    (themes / "bad-syntax.toml").write_text('name = "x"\nprimary = \n')
    (themes / "bad-colour.toml").write_text('name = "bad-colour"\nprimary = "#nothex"\n')
    app = make_app(decks=tui_store, clock=clock, settings=Settings(theme="bad-colour"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        notes = [n.message for n in app._notifications if "Themes skipped" in (n.title or "")]
        assert len(notes) == 1
        assert "bad-syntax.toml: line 2" in notes[0]
        assert "bad-colour.toml: primary: '#nothex' is not a colour" in notes[0]
        assert "bad-colour" in notes[0] and app.theme == "mockint-dark"


async def test_settings_screen_previews_the_theme_and_saves_it(app, mockint_home):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        screen.query_one("#theme", Select).value = "mockint-light"
        await pilot.pause()
        assert app.theme == "mockint-light"  # previewed live
        await pilot.press("escape", "d")  # an edit: Esc asks; d discards it
        assert app.theme == "mockint-dark"  # not saved: back as it was
        await pilot.press("o")
        app.screen.query_one("#theme", Select).value = "high-contrast"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        assert not isinstance(app.screen, SettingsScreen)
    assert load_settings(Path(mockint_home, "config", "settings.toml")).theme == "high-contrast"


async def test_a_theme_picked_from_the_palette_is_remembered(app, mockint_home):
    async with app.run_test(size=SIZE):
        app.theme = "colorblind-safe"  # what the palette's theme command does
        await app.workers.wait_for_complete()
    assert load_settings(Path(mockint_home, "config", "settings.toml")).theme == "colorblind-safe"


async def test_changed_settings_apply_to_the_next_interview(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        screen = app.screen
        screen.query_one("#default_seconds", Input).value = "45"
        screen.query_one("#warning_fraction", Input).value = "50"
        screen.query_one("#interviewer_name", Input).value = "Robin"
        screen.query_one("#default_mode", Select).value = "mock"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.press("s")  # setup picks up the defaults
        assert app.screen.query_one("#seconds", Input).value == "45"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        interview = app.interview
        assert interview.mode == "mock" and interview.current.time_limit == 45
        await advance(pilot, 23)
        assert app.screen.query_one(AnswerTimer).has_class("-warning")  # 22 s of 45 left


async def test_an_invalid_value_is_refused_with_a_reason(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        app.screen.query_one("#words_per_minute", Input).value = "9"
        await pilot.pause()
        assert str(app.screen.query_one("#words_per_minute-problem").render()) == (
            "Speaking pace: between 60 and 300 words per minute")
        assert app.screen.query_one("#save").disabled


async def test_question_mark_opens_help_but_types_in_the_answer_box(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        app.flow.start(SessionConfig(deck_ids=["tui"]))
        await pilot.pause()
        await pilot.press("w", "h", "y", "question_mark")
        assert isinstance(app.screen, InterviewScreen)
        assert app.screen.query_one("#answer", TextArea).text == "why?"
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        assert "Ctrl+S" in str(app.screen.query_one("#help-keys").render()) or \
            "^s" in str(app.screen.query_one("#help-keys").render())


async def test_no_color_is_respected(tui_store, clock, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(decks=tui_store, clock=clock)
    async with app.run_test(size=SIZE):
        assert app.no_color
