"""Drive the installed `mockint` in a real terminal (tmux), the way a new user would."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import Tmux  # tests/e2e/conftest.py; its `tmux` fixture gives one

pytestmark = pytest.mark.e2e

ANSWER = "Models keep data and views glue them"  # 7 words; short enough not to wrap


def assert_clean_exit(tmux: Tmux) -> None:
    status = tmux.wait_exited()
    if "Traceback" in tmux.scrollback():
        tmux.fail("mockint printed a traceback")
    if status != 0:
        tmux.fail(f"mockint exited with status {status}")


def test_interview_from_the_command_line(tmux: Tmux) -> None:
    tmux.start("run", "--deck", "django-technical", "--count", "2")
    tmux.wait_for("Question 1 of 2")

    tmux.type_text(ANSWER)
    tmux.wait_for(ANSWER)
    tmux.wait_for("7 words")  # the count follows typing on a short tick

    tmux.send_keys("C-s")
    screen = tmux.wait_for("Sample answer")
    lines = screen.splitlines()
    header = next((line for line in lines if "Your answer" in line and "Sample answer" in line), None)
    answer = next((line for line in lines if ANSWER in line), None)
    if header is None or answer is None:
        tmux.fail("the reveal should show the typed answer under 'Your answer'")
    if not answer.index(ANSWER) < header.index("Sample answer"):
        tmux.fail("the typed answer should sit left of the sample answer")

    tmux.send_keys("3")  # rate Good
    tmux.send_keys("n")
    tmux.wait_for("Question 2 of 2")

    tmux.send_keys("C-n")  # skip
    tmux.wait_for("Your answer (skipped)")
    tmux.send_keys("n")

    screen = tmux.wait_for("Finished")
    if "2 of 2 questions" not in screen or "average rating 3.0" not in screen:
        tmux.fail("the summary should count both questions and the Good rating")

    tmux.send_keys("C-q")
    assert_clean_exit(tmux)


def test_home_help_and_leaving_mid_interview(tmux: Tmux) -> None:
    tmux.start()
    screen = tmux.wait_for("Django & DRF: technical")
    for title in ("Behavioral and introduction", "System design and scenarios"):
        if title not in screen:
            tmux.fail(f"the home screen should list the bundled deck {title!r}")

    tmux.send_keys("F1")
    tmux.wait_for("The decks mockint found")
    tmux.wait_for("Esc closes this help")
    tmux.send_keys("Escape")
    # Wait for the help to close before the next key: a key sent straight after
    # Escape could be read as Alt+key.
    tmux.wait_gone("Esc closes this help")

    tmux.send_keys("s")
    tmux.wait_for("will be asked")
    tmux.send_keys("C-s")
    tmux.wait_for("Question 1 of")

    tmux.type_text("I build Django services")
    tmux.wait_for("I build Django services")

    tmux.send_keys("C-q")
    tmux.wait_for("Leave this interview?")
    tmux.send_keys("y")
    screen = tmux.wait_for("Left early")
    if "1 of" not in screen:
        tmux.fail("the summary should count the one question answered")

    tmux.send_keys("C-q")
    assert_clean_exit(tmux)
