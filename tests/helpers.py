"""Helpers shared by the test suites (import as `from tests.helpers import …`).

Fixtures live in the conftest files; plain functions used by more than one
test module live here, so no test imports another test module or a conftest.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from mockint.core.deck import Deck
from mockint.core.timing import FakeClock

REPO_ROOT = Path(__file__).resolve().parent.parent


def run_mockint(*args: str, cwd: Path = REPO_ROOT, timeout: float = 60
                ) -> subprocess.CompletedProcess[str]:
    """`python -m mockint ARGS` as a user runs it; MOCKINT_HOME comes from the autouse
    fixture through os.environ."""
    assert "MOCKINT_HOME" in os.environ
    return subprocess.run(
        [sys.executable, "-m", "mockint", *args], cwd=cwd,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        capture_output=True, text=True, encoding="utf-8", timeout=timeout,
    )


async def advance(pilot, seconds: float = 0.0) -> None:
    """Move the app's (fake) clock on and let its timers see it, without sleeping.

    The app's timers and debounces compare the injected clock on each tick; a
    test advances the clock and runs the tick itself (twice, so a message posted
    by the first tick is handled and a debounce it started can fire).
    """
    app = pilot.app
    await pilot.pause()  # what was typed or set before is seen first
    app.clock.advance(seconds)
    for _ in range(2):
        app.tick()
        await pilot.pause()


async def submit_and_reveal(pilot, text: str):
    """Type `text` as the answer on the interview screen, submit it, and return the
    reveal once its analysis (a worker) is shown."""
    from textual.widgets import TextArea

    from mockint.tui.screens.reveal import RevealScreen

    pilot.app.screen.query_one("#answer", TextArea).text = text
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(pilot.app.screen, RevealScreen)
    return pilot.app.screen


def interview_at(config, seconds: float = 0, text: str = ""):
    """A snapshot's `run_before`: the interview of `config`, `text` typed, `seconds` gone."""

    async def run_before(pilot) -> None:
        from textual.widgets import TextArea

        pilot.app.flow.start(config)
        await pilot.pause()
        box = pilot.app.screen.query_one("#answer", TextArea)
        box.cursor_blink = False
        box.text = text
        await advance(pilot, seconds)  # the timer ticks and the word count follows

    return run_before


def make_record(deck: Deck, texts: list[str], ratings: list[int | None], *,
                started: str = "2026-11-20T18:00:00+00:00", mode: str = "practice",
                status_finish: bool = True):
    """A session record made by driving the core interview, as the app would."""
    from mockint.core.session import Interview, SessionConfig, select_questions

    clock = FakeClock()
    config = SessionConfig(deck_ids=[deck.id], mode=mode, count=len(texts))
    when = datetime.fromisoformat(started)
    interview = Interview.start(select_questions([deck], config), config, clock=clock,
                                wall_clock=lambda: when)
    for text, rating in zip(texts, ratings, strict=True):
        interview.begin()
        clock.advance(40 + len(text))
        if rating is None:
            interview.skip()
            interview.reveal()
        else:
            interview.submit(text)
            interview.reveal()
            interview.check_key_point(0, True)
            interview.rate(rating)
        if status_finish or not interview.is_last:
            interview.next()
    return interview.record


def seed_reviews(history, deck: Deck, ratings: list[int], when: datetime) -> None:
    """A finished session rated at `when`, its ratings moving the FSRS cards (no fuzz)."""
    from mockint.core.scheduling import scheduler

    record = make_record(deck, ["an answer"] * len(ratings), ratings, started=when.isoformat())
    for answer in record.answers:
        answer.rated_at = when
    history.save_session(record)
    for answer in record.answers:
        history.record_review(record.id, answer, scheduler(fuzz=False))


def screen_text(app) -> str:
    """What the terminal shows for the current screen, as plain text lines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


FAKE_SPEAKER = '''\
"""A stand-in for espeak-ng: logs what it was asked to say, then "speaks" until stopped."""
import signal
import sys
import time
from pathlib import Path

log = Path(sys.argv[1])


def stopped(*_):
    with log.open("a", encoding="utf-8") as out:
        out.write("stopped\\n")
    sys.exit(0)


signal.signal(signal.SIGTERM, stopped)
text = sys.stdin.buffer.read().decode("utf-8")
with log.open("a", encoding="utf-8") as out:
    out.write("said: " + text.replace("\\n", "\\\\n") + "\\n")
for _ in range(600):  # a minute at most, should nobody stop it
    time.sleep(0.1)
'''


def fake_speaker(folder: Path) -> tuple[str, Path]:
    """A speaker command (for the `speaker_command` setting) and the log it writes."""
    import shlex

    script, log = folder / "fake_speaker.py", folder / "spoken.log"
    script.write_text(FAKE_SPEAKER, encoding="utf-8")
    return shlex.join([sys.executable, str(script), str(log)]), log


def spoken_lines(log: Path, count: int, timeout: float = 15.0) -> list[str]:
    """The speaker log once it has `count` lines (the fake speaker runs as a real process:
    this waits for it, up to `timeout`, and fails the test if it never gets there)."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
        if len(lines) >= count or time.monotonic() > deadline:
            assert len(lines) >= count, f"the speaker logged only {lines}"
            return lines
        time.sleep(0.02)
