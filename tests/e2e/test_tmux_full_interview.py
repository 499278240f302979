"""A short full interview in a real terminal (tmux), as a new user would run it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import Tmux  # tests/e2e/conftest.py; its `tmux` fixture gives one

pytestmark = pytest.mark.e2e


def test_a_short_full_interview_from_the_command_line(tmux: Tmux) -> None:
    tmux.start("run", "--full", "--intro", "1", "--technical", "1", "--behavioral", "0",
               "--design", "0", "--minutes", "10", "--seed", "3")
    screen = tmux.wait_for("Introduction 1 of 1")
    if "I'm " not in screen or "10 minutes" not in screen:
        tmux.fail("the interviewer should introduce themselves and the 10-minute plan")
    tmux.type_text("I build backends")
    tmux.wait_for("3 words")
    tmux.send_keys("C-s")
    tmux.wait_for("Sample answer")
    tmux.send_keys("3", "n")
    tmux.wait_for("Technical 1 of 1")
    tmux.send_keys("C-n")  # skip: the reveal still follows
    tmux.wait_for("Your answer (skipped)")
    tmux.send_keys("n")

    tmux.wait_for("questions for me?")
    tmux.send_keys("Space")  # tick the first question to ask
    tmux.wait_for("1 question to ask")
    tmux.send_keys("C-s")
    tmux.wait_for("Your questions 1 of 1")
    tmux.type_text("What does a normal week look like")
    tmux.wait_for("7 words")
    tmux.send_keys("C-s")
    tmux.wait_for("What to listen for")
    tmux.send_keys("4", "n")

    screen = tmux.wait_for("Finished")
    for part in ("Sections: Introduction ", " · Technical ", " · Your questions ", " of 10:00 · "):
        if part not in screen:
            tmux.fail(f"the summary should show {part!r}")
    tmux.send_keys("C-q")
    status = tmux.wait_exited()
    if "Traceback" in tmux.scrollback() or status != 0:
        tmux.fail(f"mockint should exit cleanly (status {status})")
