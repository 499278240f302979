"""The speaker: finds espeak-ng or the set command, passes deck text safely, stops at once."""

from __future__ import annotations

import os

from mockint.tui.speaker import NO_SPEAKER, Speaker, find_speaker, speakable
from tests.helpers import fake_speaker, spoken_lines


def test_no_espeak_on_the_path_is_a_reason_not_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    choice = find_speaker("")
    assert choice.argv is None and choice.note == NO_SPEAKER
    assert "Debian package espeak-ng" in choice.note
    missing = find_speaker("no-such-speaker --fast")
    assert missing.argv is None and "no-such-speaker is not found" in missing.note
    assert "cannot be read" in find_speaker('say "unclosed').note


def test_espeak_ng_is_found_on_the_path_and_reads_stdin(tmp_path, monkeypatch):
    espeak = tmp_path / "espeak-ng"
    espeak.write_text("#!/bin/sh\n")
    espeak.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    choice = find_speaker("  ")
    assert choice.argv == (str(espeak), "-b", "1", "--stdin")
    assert choice.note.startswith("Speaker: ")


def test_deck_text_reaches_the_command_as_words_never_as_options_or_shell(tmp_path):
    command, log = fake_speaker(tmp_path)
    choice = find_speaker(command)
    assert choice.argv is not None
    speaker = Speaker(choice.argv)
    text = "-v de $(touch pwned) `id`; [bold]qs[0:10][/] \x1b[31mred"
    first = speaker.say(text)
    assert spoken_lines(log, 1)[0] == "said: " + speakable(text)
    assert "\x1b" not in speakable(text) and not (tmp_path / "pwned").exists()
    second = speaker.say("Next question?")  # a new question stops the one before
    assert first.stopped and first.wait(10) and first.process is not None
    assert first.process.returncode is not None
    assert spoken_lines(log, 3)[1:] == ["stopped", "said: Next question?"]
    speaker.stop()
    assert second.wait(10) and spoken_lines(log, 4)[3] == "stopped"
    assert not speaker.speaking


def test_a_command_that_cannot_start_is_noted_not_raised(tmp_path):
    script = tmp_path / "not-executable"
    script.write_text("nothing")
    utterance = Speaker((str(script),)).say("Hello")
    assert utterance.wait(10) and utterance.failed
