"""End-to-end fixtures: the installed `mockint` console script, run inside tmux.

Each test gets its own tmux server on a private socket, so nothing touches the
user's tmux sessions and tests cannot see each other. The pane is kept after
the program exits (`remain-on-exit`), so a traceback stays on screen to read.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

WIDTH, HEIGHT = 120, 40
POLL = 0.1  # seconds between screen captures while waiting
SESSION = "mockint-e2e"
EXITED = "mockint exited with status"
# The pane runs a shell that prints mockint's exit status when it ends. tmux's own
# #{pane_dead_status} is not reliable: tmux 3.3a, polled while the program exits,
# sometimes never reaps it (it stays a zombie and the status stays empty; seen with
# `sh -c 'sleep 0.5'` too). #{pane_dead} (set when the pty closes) is reliable.
WRAPPER = f'"$0" "$@"; echo "{EXITED} $?"'


class Tmux:
    """One tmux server on a private socket, with mockint running in its only pane."""

    def __init__(self, tmux: str, socket: Path, script: Path, home: Path) -> None:
        self.tmux = tmux
        self.socket = socket
        self.script = script
        self.home = home
        self._env = {k: v for k, v in os.environ.items() if k != "TMUX"}  # not nested

    # --- talking to tmux -----------------------------------------------------

    def run(self, *args: str, check: bool = True) -> str:
        # -u: UTF-8 output whatever the locale; -f /dev/null: not the user's config.
        done = subprocess.run(
            [self.tmux, "-u", "-f", "/dev/null", "-S", str(self.socket), *args],
            capture_output=True,
            env=self._env,
            timeout=10,
        )
        if check and done.returncode != 0:
            raise AssertionError(
                f"tmux {' '.join(args)} failed ({done.returncode}): "
                f"{done.stderr.decode(errors='replace').strip()}"
            )
        return done.stdout.decode("utf-8", errors="replace")

    def start(self, *args: str) -> None:
        """Start `mockint ARGS` in a fresh 120x40 detached session."""
        command = [
            "env",
            "TERM=xterm-256color",
            f"MOCKINT_HOME={self.home}",
            "sh",
            "-c",
            WRAPPER,
            str(self.script),
            *args,
        ]
        # One command sequence, so remain-on-exit is set before mockint can exit.
        self.run(
            "start-server",
            ";",
            "set-option",
            "-g",
            "remain-on-exit",
            "on",
            ";",
            "new-session",
            "-d",
            "-s",
            SESSION,
            "-x",
            str(WIDTH),
            "-y",
            str(HEIGHT),
            *command,
        )

    def kill(self) -> None:
        self.run("kill-server", check=False)

    # --- the helpers the tests use -------------------------------------------

    def screen(self) -> str:
        """The pane as plain text (`capture-pane -p`)."""
        return self.run("capture-pane", "-p", "-t", SESSION)

    def scrollback(self) -> str:
        """The pane's history and screen (`capture-pane -p -S -`): what scrolled off too."""
        return self.run("capture-pane", "-p", "-S", "-", "-t", SESSION)

    def send_keys(self, *keys: str) -> None:
        """tmux key names: "C-s", "F1", "Escape", "n"."""
        self.run("send-keys", "-t", SESSION, *keys)

    def type_text(self, text: str) -> None:
        """Type `text` literally (`send-keys -l`)."""
        self.run("send-keys", "-t", SESSION, "-l", text)

    def fail(self, message: str) -> None:
        raise AssertionError(f"{message}\n--- last screen ---\n{self.screen()}\n---")

    def wait_for(self, text: str, timeout: float = 15) -> str:
        """Poll the screen until `text` shows; return that screen."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if text in screen:
                return screen
            if time.monotonic() > deadline:
                self.fail(f"{text!r} did not appear within {timeout} s")
            time.sleep(POLL)

    def wait_gone(self, text: str, timeout: float = 15) -> str:
        """Poll the screen until `text` is no longer on it; return that screen."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if text not in screen:
                return screen
            if time.monotonic() > deadline:
                self.fail(f"{text!r} was still on screen after {timeout} s")
            time.sleep(POLL)

    def pane(self, fmt: str) -> str:
        return self.run("display-message", "-p", "-t", SESSION, fmt).strip()

    def wait_exited(self, timeout: float = 10) -> int:
        """Wait for mockint to exit and its pane to close; return mockint's exit status."""
        deadline = time.monotonic() + timeout
        while True:
            # The status line can scroll off: tmux's "Pane is dead" line feeds at the bottom.
            found = re.search(rf"{EXITED} (\d+)", self.scrollback())
            if found and self.pane("#{pane_dead}") == "1":
                return int(found.group(1))
            if time.monotonic() > deadline:
                self.fail(f"mockint was still running after {timeout} s")
            time.sleep(POLL)


@pytest.fixture
def mockint_script() -> Path:
    """The console script installed beside the interpreter running the tests."""
    script = Path(sys.executable).parent / "mockint"
    if not script.exists():
        pytest.fail(
            f"no `mockint` console script at {script}; install the project "
            "(pip install -e .) into the interpreter running pytest"
        )
    return script


@pytest.fixture
def tmux(mockint_script: Path, mockint_home: Path) -> Iterator[Tmux]:
    """A private tmux server; `tmux.start(*args)` runs mockint in it. Killed at teardown."""
    binary = shutil.which("tmux")
    if binary is None:
        pytest.skip("tmux is not installed; the end-to-end tests drive mockint inside tmux")
    # A short folder of its own: a socket path must stay under ~100 characters,
    # which pytest's tmp_path can exceed.
    folder = Path(tempfile.mkdtemp(prefix="mockint-tmux-"))
    session = Tmux(binary, folder / "sock", mockint_script, mockint_home)
    try:
        yield session
    finally:
        session.kill()
        shutil.rmtree(folder, ignore_errors=True)
