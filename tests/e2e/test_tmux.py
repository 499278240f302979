"""Drive the installed `mockint` in a real terminal (tmux), the way a new user would."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from mockint.core.analysis import count_words
from mockint.paths import bundled_decks_dir
from mockint.storage.decks import read_deck

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
    if "1 answered · 1 skipped · 0 unanswered of 2" not in screen \
            or "average rating 3.0" not in screen:
        tmux.fail("the summary should count the answer, the skip and the Good rating")

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
    # Typed but never submitted: the text is kept, the question is not counted as answered.
    if "0 answered" not in screen or "empty" not in screen:
        tmux.fail("the summary should count no question answered and call the session empty")

    tmux.send_keys("C-q")
    assert_clean_exit(tmux)


# --- a killed terminal loses nothing ---------------------------------------------

# Markup-looking brackets, an ampersand and a percent sign: must come back exactly.
CRASH_ANSWER = "I fixed [bold] the bug & cut p95 by 40%"
LEFT = re.compile(r"(\d+):(\d\d) left")
WAIT_BEFORE_TYPING = 6  # seconds on the clock before typing, so a restarted clock would show


def seconds_left(tmux: Tmux, screen: str) -> int:
    """The timer's "m:ss left" as seconds."""
    found = LEFT.search(screen)
    if found is None:
        tmux.fail("the interview should show the time left as 'm:ss left'")
    return int(found.group(1)) * 60 + int(found.group(2))


def wait_timer(tmux: Tmux, at_most: int | None = None, timeout: float = 15) -> tuple[int, str]:
    """Poll until the timer is on screen (showing at most `at_most` s left); return it and the screen.

    The interviewer panel can be drawn a frame before the status bar with the timer.
    """
    deadline = time.monotonic() + timeout
    while True:
        screen = tmux.screen()
        found = LEFT.search(screen)
        if found is not None:
            left = int(found.group(1)) * 60 + int(found.group(2))
            if at_most is None or left <= at_most:
                return left, screen
        if time.monotonic() > deadline:
            tmux.fail(f"the timer did not show {'' if at_most is None else f'at most {at_most} s '}"
                      f"'m:ss left' within {timeout} s")
        time.sleep(0.1)


def answer_box_text(tmux: Tmux, screen: str, start: str) -> str:
    """The text on the answer box's line that holds `start` (without the box's borders)."""
    line = next((line for line in screen.splitlines() if start in line), None)
    if line is None:
        tmux.fail(f"no line of the answer box shows {start!r}")
    return line.strip().strip("│").strip()


def test_killed_mid_answer_resumes_with_text_and_clock(tmux: Tmux) -> None:
    deck = read_deck(bundled_decks_dir() / "behavioral.toml")
    limit = deck.time_limit_for(deck.questions[0])  # `run` keeps deck order: question 1 is first
    words = count_words(CRASH_ANSWER)

    tmux.start("run", "--deck", "behavioral", "--count", "2")
    tmux.wait_for("Question 1 of 2")
    if wait_timer(tmux)[0] > limit:
        tmux.fail(f"the deck gives question 1 {limit} s; the timer shows more")
    wait_timer(tmux, at_most=limit - WAIT_BEFORE_TYPING)

    tmux.type_text(CRASH_ANSWER)
    tmux.wait_for(CRASH_ANSWER)
    tmux.wait_for(f"{words} words")  # the screen has taken the text: a draft save is queued
    time.sleep(2)  # autosave runs about a second behind typing
    left_before = seconds_left(tmux, tmux.screen())

    pid = tmux.program_pid()
    os.kill(pid, signal.SIGKILL)
    if tmux.wait_exited() != 128 + signal.SIGKILL:
        tmux.fail("mockint should have died of SIGKILL")
    if tmux.pane("#{pane_dead}") != "1":
        tmux.fail("the pane should be dead after mockint was killed")
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        pass
    else:
        tmux.fail(f"process {pid} is still there after SIGKILL")

    again = tmux.start_window()  # plain `mockint`, same MOCKINT_HOME
    screen = again.wait_for("Resume (y)")
    if "You have an unfinished interview" not in screen:
        again.fail("mockint should offer to resume the killed interview")
    if f"question 1 of 2, {words} words typed" not in screen:
        again.fail("the offer should say where the interview stopped and how much was typed")
    again.send_keys("y")

    again.wait_for(CRASH_ANSWER)
    again.wait_for("Question 1 of 2")
    left_after, screen = wait_timer(again)
    if answer_box_text(again, screen, "I fixed") != CRASH_ANSWER:
        again.fail(f"the answer box should hold exactly {CRASH_ANSWER!r}")
    if f"{words} words" not in screen:
        again.fail(f"the word count should say {words} words")
    if not left_after < limit:
        again.fail(f"the clock should go on from the time already used, not start again at {limit} s")
    if left_after > limit - WAIT_BEFORE_TYPING:
        again.fail(f"at least {WAIT_BEFORE_TYPING} s were used before typing; the clock shows "
                   f"{left_after} s left of {limit}")
    if left_after > left_before + 5:  # the last autosave is up to ~2.5 s before the kill
        again.fail(f"{left_before} s were left when mockint was killed, {left_after} s after resuming")
    wait_timer(again, at_most=left_after - 1, timeout=5)  # and it is running

    again.send_keys("C-s")
    screen = again.wait_for("Sample answer")
    lines = screen.splitlines()
    header = next((line for line in lines if "Your answer" in line and "Sample answer" in line), None)
    answer = next((line for line in lines if CRASH_ANSWER in line), None)
    if header is None or answer is None:
        again.fail("the reveal should show the typed answer under 'Your answer'")
    if not answer.index(CRASH_ANSWER) < header.index("Sample answer"):
        again.fail("the typed answer should sit left of the sample answer")

    again.send_keys("C-q")
    assert_clean_exit(again)


# --- two mockint processes share one history -------------------------------------


def test_two_processes_finish_interviews_into_one_history(tmux: Tmux, mockint_script: Path) -> None:
    args = ("run", "--deck", "questions-to-ask", "--count", "1")
    answers = {"Alphawindow asks how code review works here",
               "Bravowindow asks what on call looks like"}
    windows = {answer: tmux.start_window(*args) for answer in sorted(answers)}  # both start at once
    for window in windows.values():
        window.wait_for("Question 1 of 1")
    for answer, window in windows.items():
        window.type_text(answer)
    for answer, window in windows.items():
        window.wait_for(answer)
        window.wait_for(f"{count_words(answer)} words")
    for window in windows.values():
        window.send_keys("C-s")
    for answer, window in windows.items():
        screen = window.wait_for("what to listen for")  # a question to ask: its reveal pane
        if answer not in screen:
            window.fail("the reveal should show this window's answer")
    for window in windows.values():
        window.send_keys("3")  # rate Good
        window.send_keys("n")  # the last question: finish
    for window in windows.values():
        screen = window.wait_for("Finished")
        if "1 answered · 0 skipped · 0 unanswered of 1" not in screen:
            window.fail("the summary should count the one question")
    for window in windows.values():
        window.send_keys("C-q")
    for window in windows.values():
        assert_clean_exit(window)

    env = {**os.environ, "MOCKINT_HOME": str(tmux.home)}
    listed = subprocess.run([str(mockint_script), "history"], capture_output=True, text=True,
                            env=env, timeout=30)
    assert listed.returncode == 0, listed.stderr
    rows = [line for line in listed.stdout.splitlines() if line.strip()]
    finished = [line for line in rows if " finished " in line]
    assert len(rows) == 2 and len(finished) == 2, f"expected 2 finished sessions:\n{listed.stdout}"
    assert len({line.split()[0] for line in finished}) == 2, listed.stdout
    for answer in answers:
        found = subprocess.run([str(mockint_script), "history", "--search", answer.split()[0]],
                               capture_output=True, text=True, env=env, timeout=30)
        assert found.returncode == 0, found.stderr
        hits = [line for line in found.stdout.splitlines() if line and not line.startswith(" ")]
        assert len(hits) == 1, f"one answer should contain {answer.split()[0]!r}:\n{found.stdout}"


def test_import_dialog_previews_then_imports_a_markdown_file(tmux: Tmux, mockint_home: Path) -> None:
    source = Path(__file__).resolve().parents[1] / "data" / "import" / "shapes" / "qa_pairs.md"
    tmux.start()
    tmux.wait_for("Django & DRF: technical")
    tmux.send_keys("d")
    tmux.wait_for("Import")
    tmux.send_keys("i")
    tmux.wait_for("Import questions from a file or a folder")
    tmux.type_text(str(source))
    tmux.send_keys("Enter")
    screen = tmux.wait_for("3 questions read (as md)")
    if "What is a transaction?" not in screen:
        tmux.fail("the preview should list the questions")
    if (mockint_home / "decks" / "qa-pairs.toml").exists():
        tmux.fail("a preview must not write the deck")
    tmux.send_keys("Enter")
    tmux.wait_for("3 questions added to qa-pairs.toml")
    deck = read_deck(mockint_home / "decks" / "qa-pairs.toml")
    if [q.prompt for q in deck.questions][:1] != ["What is an index?"]:
        tmux.fail("the imported deck should hold the file's questions")
    tmux.send_keys("C-q")
    assert_clean_exit(tmux)
