"""The interviewer reads questions aloud (a fake speaker command): off by default, stopped
by typing, moving on or leaving, F6 replays; without a speaker, settings say why."""

from __future__ import annotations

import asyncio

from textual.widgets import Input, Switch

from mockint.core.session import SessionConfig
from mockint.storage.settings import Settings
from mockint.tui.app import make_app
from mockint.tui.screens.interview import InterviewScreen
from mockint.tui.screens.reveal import RevealScreen
from mockint.tui.screens.settings import SettingsScreen
from mockint.tui.speaker import speakable
from tests.helpers import advance, fake_speaker, spoken_lines

SIZE = (100, 30)


async def heard(log, count: int) -> list[str]:
    """Wait (off the event loop, so the app runs on) until the fake speaker logged `count`."""
    return await asyncio.to_thread(spoken_lines, log, count)


async def test_questions_are_read_aloud_stopped_by_typing_and_replayed_with_f6(
        tui_store, clock, tmp_path, tui_deck):
    command, log = fake_speaker(tmp_path)
    settings = Settings(speak_questions=True, speaker_command=command)
    app = make_app(decks=tui_store, clock=clock, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        app.flow.start(SessionConfig(deck_ids=["tui"]))
        await pilot.pause()
        prompt = tui_deck.questions[0].prompt  # markup and an ESC: said as words
        assert await heard(log, 1) == [f"said: {speakable(prompt)}"]
        await advance(pilot, 5)  # speaking does not hold the clock up
        assert app.interview.answer_clock.used == 5
        await pilot.press("I")  # the person starts answering: the interviewer stops
        assert (await heard(log, 2))[1] == "stopped"
        await pilot.press("f6")  # hear it again
        assert (await heard(log, 3))[2] == f"said: {speakable(prompt)}"
        await pilot.press("ctrl+s")  # moving on stops it too
        assert isinstance(app.screen, RevealScreen)
        assert (await heard(log, 4))[3] == "stopped"
        await pilot.press("3", "n")
        assert isinstance(app.screen, InterviewScreen)
        lines = await heard(log, 5)
        assert lines[4] == f"said: {tui_deck.questions[1].prompt}"
        await pilot.press("ctrl+q", "y")  # and so does leaving
        assert (await heard(log, 6))[5] == "stopped"


async def test_without_a_speaker_nothing_is_said_and_settings_say_why(
        tui_store, clock, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no espeak-ng anywhere
    app = make_app(decks=tui_store, clock=clock, settings=Settings(speak_questions=True))
    async with app.run_test(size=SIZE) as pilot:
        app.flow.start(SessionConfig(deck_ids=["tui"]))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen) and screen.speaker is None
        assert not screen.check_action("speak", ())  # F6 is not offered
        await pilot.press("f6", "o", "k")
        assert screen.query_one("#answer").text == "ok"
        await pilot.press("f2")
        assert isinstance(app.screen, SettingsScreen)
        note = str(app.screen.query_one("#speaker-note").render())
        assert note == "No speaker: install espeak-ng (Debian package espeak-ng) or set a " \
                       "speaker command"
        app.screen.query_one("#speaker_command", Input).value = "festival-tts"
        await pilot.pause()
        note = str(app.screen.query_one("#speaker-note").render())
        assert note == "No speaker: festival-tts is not found or not executable"
        # The rows save like the others: think time in seconds, the switch, the command.
        app.screen.query_one("#think_seconds", Input).value = "15"
        app.screen.query_one("#speak_questions", Switch).value = False
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert not isinstance(app.screen, SettingsScreen)
        saved = app.settings
        assert (saved.think_seconds, saved.speak_questions, saved.speaker_command) == (
            15, False, "festival-tts")


async def test_off_by_default(tui_store, clock, tmp_path):
    command, log = fake_speaker(tmp_path)
    app = make_app(decks=tui_store, clock=clock, settings=Settings(speaker_command=command))
    async with app.run_test(size=SIZE) as pilot:
        app.flow.start(SessionConfig(deck_ids=["tui"]))
        await pilot.pause()
        await advance(pilot, 1)
        assert app.screen.speaker is not None and app.screen.speaker.current is None
        await pilot.press("f6")  # only when asked
        assert (await heard(log, 1))[0].startswith("said: What does")
        await pilot.press("ctrl+q", "y")
        assert (await heard(log, 2))[1] == "stopped"
