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
    """One tmux server on a private socket, with mockint running in its first pane.

    `target` is the pane the helpers talk to: the session's first pane, or the
    pane of another window when this object came from `start_window`.
    """

    def __init__(self, tmux: str, socket: Path, script: Path, home: Path,
                 target: str = SESSION) -> None:
        self.tmux = tmux
        self.socket = socket
        self.script = script
        self.home = home
        self.target = target
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

    def _command(self, args: tuple[str, ...]) -> list[str]:
        return [
            "env",
            # The pane's size, not one inherited from the test runner (pytest-xdist's
            # workers set COLUMNS, and Textual would draw 80 columns in a 120 pane).
            "-u", "COLUMNS", "-u", "LINES",
            "TERM=xterm-256color",
            f"MOCKINT_HOME={self.home}",
            "sh",
            "-c",
            WRAPPER,
            str(self.script),
            *args,
        ]

    def start(self, *args: str) -> None:
        """Start `mockint ARGS` in a fresh 120x40 detached session."""
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
            *self._command(args),
        )

    def start_window(self, *args: str) -> Tmux:
        """Start `mockint ARGS` in a new 120x40 window (same server, same MOCKINT_HOME).

        Returns a `Tmux` aimed at that window's pane (by its pane id, `%N`); this
        object keeps talking to its own pane. Works before `start` too: the session
        is created then.
        """
        if self._session_exists():
            # -d: the new window does not become the current one, so SESSION as a
            # target still means the first window's pane.
            pane_id = self.run("new-window", "-d", "-P", "-F", "#{pane_id}", "-t", f"{SESSION}:",
                               *self._command(args))
        else:
            pane_id = self.run(
                "start-server", ";", "set-option", "-g", "remain-on-exit", "on", ";",
                "new-session", "-d", "-P", "-F", "#{pane_id}", "-s", SESSION,
                "-x", str(WIDTH), "-y", str(HEIGHT), *self._command(args),
            )
        pane_id = pane_id.strip()
        if not pane_id.startswith("%"):
            raise AssertionError(f"tmux did not say which pane it opened: {pane_id!r}")
        return Tmux(self.tmux, self.socket, self.script, self.home, target=pane_id)

    def _session_exists(self) -> bool:
        done = subprocess.run(
            [self.tmux, "-u", "-f", "/dev/null", "-S", str(self.socket), "has-session", "-t",
             SESSION],
            capture_output=True, env=self._env, timeout=10,
        )
        return done.returncode == 0

    def kill(self) -> None:
        self.run("kill-server", check=False)

    # --- the helpers the tests use -------------------------------------------

    def screen(self) -> str:
        """The pane as plain text (`capture-pane -p`)."""
        return self.run("capture-pane", "-p", "-t", self.target)

    def scrollback(self) -> str:
        """The pane's history and screen (`capture-pane -p -S -`): what scrolled off too."""
        return self.run("capture-pane", "-p", "-S", "-", "-t", self.target)

    def send_keys(self, *keys: str) -> None:
        """tmux key names: "C-s", "F1", "Escape", "n"."""
        self.run("send-keys", "-t", self.target, *keys)

    def type_text(self, text: str) -> None:
        """Type `text` literally (`send-keys -l`)."""
        self.run("send-keys", "-t", self.target, "-l", text)

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
        return self.run("display-message", "-p", "-t", self.target, fmt).strip()

    def program_pid(self, timeout: float = 5) -> int:
        """The pid of mockint itself (the pane's pid is the `sh` wrapper; mockint is its child)."""
        shell = int(self.pane("#{pane_pid}"))
        deadline = time.monotonic() + timeout
        while True:
            children = [pid for pid in _children(shell) if str(self.script) in _cmdline(pid)]
            if len(children) == 1:
                return children[0]
            if time.monotonic() > deadline:
                self.fail(f"could not find mockint among the children of the pane's shell "
                          f"{shell}: {children}")
            time.sleep(POLL)

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


def _children(parent: int) -> list[int]:
    """The pids whose parent is `parent` (from /proc, as `pgrep -P` does)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # the process ended while we looked
        if int(fields[1]) == parent:
            found.append(int(stat.parent.name))
    return found


def _cmdline(pid: int) -> str:
    """A process's command line, space-joined ("" once it is gone)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(
            errors="replace")
    except OSError:
        return ""


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
