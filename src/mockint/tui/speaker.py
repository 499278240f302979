"""The interviewer's voice: a speech command that reads the question aloud (optional).

`find_speaker` turns the settings into a command line (`espeak-ng -b 1 --stdin`
when `speaker_command` is empty and espeak-ng is on the PATH) or a reason
why there is none. A `Speaker` runs that command once per question: started
on a thread (so starting it never blocks the UI or the timer), the text given
on its standard input (deck text is content: never a shell, never argv, so a
prompt like `-v` or `$(rm …)` is only words), stopped by terminating the
process when the person starts typing, moves on or leaves.

No Textual here: the interview screen calls `say` and `stop`.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from typing import NamedTuple

from mockint.core.display import NOT_SHOWN

DEFAULT_SPEAKER = "espeak-ng"  # Debian package espeak-ng
NO_SPEAKER = "No speaker: install espeak-ng (Debian package espeak-ng) or set a speaker command"


class SpeakerChoice(NamedTuple):  # a NamedTuple is cheaper to import (see DeckProblem)
    """The command to run (None when there is none) and one line that says which or why not."""

    argv: tuple[str, ...] | None
    note: str


def find_speaker(command: str = "") -> SpeakerChoice:
    """The speech command the settings ask for, if it can run here."""
    command = command.strip()
    if not command:
        found = shutil.which(DEFAULT_SPEAKER)
        if found is None:
            return SpeakerChoice(None, NO_SPEAKER)
        # -b 1: the text is UTF-8; --stdin: read it all, not line by line.
        return SpeakerChoice((found, "-b", "1", "--stdin"), f"Speaker: {found}")
    import shlex  # only for a command of the person's own: not on every interview screen

    try:
        argv = shlex.split(command)
    except ValueError as error:
        return SpeakerChoice(None, f"No speaker: the speaker command cannot be read ({error})")
    if not argv:
        return SpeakerChoice(None, NO_SPEAKER)
    program = shutil.which(argv[0])
    if program is None:
        return SpeakerChoice(None, f"No speaker: {argv[0]} is not found or not executable")
    return SpeakerChoice((program, *argv[1:]), f"Speaker: {shlex.join(argv)}")


def speakable(text: str) -> str:
    """The text as said: control and invisible characters become spaces (what is shown
    stays as it is)."""
    return NOT_SHOWN.sub(" ", text)


class Utterance:
    """One run of the speech command saying `text`; `stop` ends it at any moment."""

    def __init__(self, argv: tuple[str, ...], text: str) -> None:
        self.argv, self.text = argv, text
        self.process: subprocess.Popen[bytes] | None = None
        self.stopped = False
        self.failed: str | None = None
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="mockint-speaker", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        with self._lock:
            if self.stopped:
                return
            try:
                self.process = subprocess.Popen(
                    self.argv, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL)
            except OSError as error:
                self.failed = str(error)
                return
        process = self.process
        try:
            assert process.stdin is not None
            process.stdin.write(speakable(self.text).encode("utf-8"))
            process.stdin.close()
        except (BrokenPipeError, OSError):
            pass  # stopped (or the command exited) before it read everything
        process.wait()  # reaped here, so no zombie is left behind

    def stop(self) -> None:
        with self._lock:
            self.stopped = True
            process = self.process
        if process is not None and process.poll() is None:
            try:
                process.terminate()
            except ProcessLookupError:
                pass

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the command has ended (tests); True if it has."""
        self._thread.join(timeout)
        return not self._thread.is_alive()


class Speaker:
    """Says one thing at a time: a new `say` stops what is being said."""

    def __init__(self, argv: tuple[str, ...]) -> None:
        self.argv = argv
        self.current: Utterance | None = None

    def say(self, text: str) -> Utterance:
        self.stop()
        self.current = Utterance(self.argv, text)
        self.current.start()
        return self.current

    def stop(self) -> None:
        if self.current is not None:
            self.current.stop()

    @property
    def speaking(self) -> bool:
        current = self.current
        return current is not None and not current.stopped and current._thread.is_alive()
