"""Shared pieces of the benchmark harness: paths, timing, a pty session and a tiny screen model.

Nothing here imports mockint or Textual: the harness only starts processes and
watches what they write, so what is timed is the real program as a user runs it.
"""

from __future__ import annotations

import codecs
import fcntl
import os
import re
import resource
import select
import signal
import statistics
import struct
import subprocess
import termios
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = str(VENV_BIN / "python") if (VENV_BIN / "python").exists() else "python3"
MOCKINT = str(VENV_BIN / "mockint")
COLS, ROWS = 120, 40

now = time.perf_counter


class BenchError(Exception):
    """A benchmark could not measure what it should; the message says what was seen."""


# --------------------------------------------------------------------------- results


@dataclass
class Result:
    name: str
    samples: list[float] = field(default_factory=list)  # seconds
    baseline: list[float] = field(default_factory=list)  # seconds
    target: float | None = None  # max ratio median/baseline median, None = informational
    what: str = ""  # one line: what the samples are
    error: str | None = None
    notes: list[str] = field(default_factory=list)
    unit: str = "s"  # "s" (samples are seconds) or "MiB" (samples are mebibytes)
    check_p90: bool = False  # the target holds for the p90 ratio too
    # CPU seconds (user + system, all threads) the process had used when it was ready:
    # less moved by other jobs on the machine than the wall-clock samples.
    cpu: list[float] = field(default_factory=list)
    base_cpu: list[float] = field(default_factory=list)

    def cpu_note(self) -> str | None:
        """The CPU medians and p90s of both sides and their ratios, when CPU was measured."""
        if not self.cpu or not self.base_cpu:
            return None
        ours, base = statistics.median(self.cpu), statistics.median(self.base_cpu)
        ratio = f"{ours / base:.2f}x" if base else "-"
        p90_ratio = f"{p90(self.cpu) / p90(self.base_cpu):.2f}x" if p90(self.base_cpu) else "-"
        return (f"CPU (to ready, or to exit): median {fmt_s(ours)} vs {fmt_s(base)} ({ratio}), p90 "
                f"{fmt_s(p90(self.cpu))} vs {fmt_s(p90(self.base_cpu))} ({p90_ratio})")

    @property
    def p90_ratio(self) -> float | None:
        if self.p90 is None or not self.base_p90:
            return None
        return self.p90 / self.base_p90

    def fmt(self, value: float | None) -> str:
        if self.unit == "MiB":
            return "-" if value is None else f"{value:.1f}MiB"
        return fmt_s(value)

    @property
    def median(self) -> float | None:
        return statistics.median(self.samples) if self.samples else None

    @property
    def min(self) -> float | None:
        return min(self.samples) if self.samples else None

    @property
    def p90(self) -> float | None:
        return p90(self.samples) if self.samples else None

    @property
    def base_p90(self) -> float | None:
        return p90(self.baseline) if self.baseline else None

    @property
    def base_median(self) -> float | None:
        return statistics.median(self.baseline) if self.baseline else None

    @property
    def base_min(self) -> float | None:
        return min(self.baseline) if self.baseline else None

    @property
    def ratio(self) -> float | None:
        if self.median is None or not self.base_median:
            return None
        return self.median / self.base_median

    @property
    def verdict(self) -> str:
        if self.error:
            return "FAILED"
        if self.ratio is None:
            return "?"
        if self.target is None:
            return "info"
        over = self.ratio > self.target
        if self.check_p90 and self.p90_ratio is not None:
            over = over or self.p90_ratio > self.target
        return "OVER" if over else "ok"


def median_ms(call: Callable[[], object], repeat: int = 10) -> float:
    """The median wall time of `call()` over `repeat` runs in this process, in ms."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs) * 1000


def p90(values: Sequence[float]) -> float:
    """The 90th percentile (nearest rank): with 7 or 15 runs, the second slowest."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


def fmt_s(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds < 0.001:
        return f"{seconds * 1e6:.0f}µs"
    if seconds < 1:
        return f"{seconds * 1000:.1f}ms"
    return f"{seconds:.3f}s"


def print_table(results: Sequence[Result]) -> None:
    header = ("name", "median", "p90", "min", "baseline", "base p90", "base min", "ratio",
              "p90 ratio", "target", "")
    rows = [header]
    for r in results:
        fmt = r.fmt
        p90_ratio = r.p90_ratio
        rows.append((
            r.name,
            fmt(r.median),
            fmt(r.p90),
            fmt(r.min),
            fmt(r.base_median),
            fmt(r.base_p90),
            fmt(r.base_min),
            f"{r.ratio:.2f}x" if r.ratio is not None else "-",
            f"{p90_ratio:.2f}x" if p90_ratio is not None else "-",
            f"<={r.target:.2f}x" if r.target is not None else "-",
            r.verdict,
        ))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for i, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:-1], widths[1:-1], strict=True)]
        print("  ".join(cells) + "  " + row[-1])
        if i == 0:
            print("  ".join("-" * w for w in widths[:-1]) + "  " + "-" * 6)


# --------------------------------------------------------------------------- processes


def bench_env(home: Path | None = None) -> dict[str, str]:
    """The environment every benchmarked process gets: a clean terminal, no dev tooling.

    PYTHONDONTWRITEBYTECODE is dropped too: with it, an editable install compiles
    every mockint module on every start (~100 ms), which no installed copy does.
    """
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TEXTUAL", "MOCKINT", "PYTEST", "COVERAGE", "PYTHONBREAKPOINT",
                                "PYTHONDONTWRITEBYTECODE"))}
    env.update(TERM="xterm-256color", COLORTERM="truecolor", COLUMNS=str(COLS), LINES=str(ROWS),
               LANG=env.get("LANG") or "C.UTF-8", PYTHONUNBUFFERED="1")
    env.pop("NO_COLOR", None)
    if home is not None:
        env["MOCKINT_HOME"] = str(home)
    return env


def time_process(argv: Sequence[str], env: dict[str, str], cwd: Path = ROOT) -> float:
    """Wall time of one whole process, start to exit; fails loudly on a non-zero exit."""
    start = now()
    done = subprocess.run(list(argv), env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)
    elapsed = now() - start
    if done.returncode != 0:
        tail = done.stderr.decode(errors="replace").strip()[-800:]
        raise BenchError(f"{' '.join(argv)} exited {done.returncode}: {tail}")
    return elapsed


def time_pair(result: Result, subject: Sequence[str], baseline: Sequence[str], runs: int,
              env: dict[str, str], warmup: bool = True) -> None:
    """Alternate subject and baseline runs (ABBA...) so drift hits both alike."""
    if warmup:
        time_process(subject, env)
        time_process(baseline, env)
    for i in range(runs):
        order = [(subject, result.samples, result.cpu), (baseline, result.baseline, result.base_cpu)]
        for argv, into, cpu in (order if i % 2 == 0 else order[::-1]):
            before = _children_cpu()
            into.append(time_process(argv, env))
            cpu.append(_children_cpu() - before)


def _children_cpu() -> float:
    """User + system CPU seconds of every child process waited for so far."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a running process has used so far, all threads (Linux /proc;
    in clock ticks, usually 10 ms)."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mib(pid: int) -> float:
    """The peak resident set size (VmHWM) of a running process, in MiB (Linux /proc)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise BenchError(f"no VmHWM in /proc/{pid}/status")


# --------------------------------------------------------------------------- screen model

# One token of terminal output: CSI, OSC, DCS/APC/PM/SOS strings, charset
# designations, other two-byte escapes, a C0 control, or a run of printable text.
_TOKEN = re.compile(
    r"\x1b\[([0-?]*)[ -/]*([@-~])"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
    r"|\x1b[P_^X][^\x1b]*\x1b\\"
    r"|\x1b[()*+#%][\s\S]"
    r"|\x1b[^\[\]P_^X()*+#%]"
    r"|[\x00-\x1a\x1c-\x1f\x7f]"
    r"|[^\x00-\x1f\x7f]+"
)


def _width(ch: str) -> int:
    code = ord(ch)
    if code < 0x300:
        return 1
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


class Screen:
    """Just enough of a terminal to know what is on screen: a grid of cells and a cursor.

    Textual positions every update with CUP (ESC[row;colH), so text runs plus CUP,
    relative moves, erases and CR/LF cover what it writes; colours are ignored.
    `watch`/`hits` count cells that *change* to the watched character, which is
    what "the frame showing the typed key" means (a redraw of an old key is not a hit).
    """

    def __init__(self, cols: int = COLS, rows: int = ROWS) -> None:
        self.cols, self.rows = cols, rows
        self.grid = [[" "] * cols for _ in range(rows)]
        self.x = self.y = 0
        self.pending = ""
        self.watch: str | None = None
        self.hits = 0

    def clear(self) -> None:
        self.grid = [[" "] * self.cols for _ in range(self.rows)]

    def text(self) -> str:
        return "\n".join("".join(row).rstrip() for row in self.grid)

    def contains(self, needle: str) -> bool:
        return any(needle in "".join(row) for row in self.grid)

    def feed(self, data: str) -> None:
        data = self.pending + data
        self.pending = ""
        pos, end = 0, len(data)
        while pos < end:
            match = _TOKEN.match(data, pos)
            if match is None:  # an escape sequence cut off at the end of this read
                if end - pos > 4096:  # not a sequence after all: drop the ESC and go on
                    pos += 1
                    continue
                self.pending = data[pos:]
                return
            pos = match.end()
            token = match.group(0)
            first = token[0]
            if first == "\x1b":
                if match.group(2):
                    self._csi(match.group(1), match.group(2))
            elif first < " " or first == "\x7f":
                self._control(first)
            else:
                self._text(token)

    def _text(self, text: str) -> None:
        row = self.grid[self.y] if 0 <= self.y < self.rows else None
        watch = self.watch
        for ch in text:
            w = _width(ch)
            if w == 0:
                continue
            if row is not None and 0 <= self.x < self.cols:
                if ch == watch and row[self.x] != ch:
                    self.hits += 1
                row[self.x] = ch
                if w == 2 and self.x + 1 < self.cols:
                    row[self.x + 1] = ""
            self.x = min(self.x + w, self.cols - 1) if self.x < self.cols else self.x

    def _control(self, ch: str) -> None:
        if ch == "\r":
            self.x = 0
        elif ch == "\n":
            self.y = min(self.y + 1, self.rows - 1)
        elif ch == "\b":
            self.x = max(self.x - 1, 0)

    def _csi(self, params: str, final: str) -> None:
        if params.startswith(("?", ">", "<", "=")):
            if params in ("?1049", "?47", "?1047") and final in "hl":
                self.clear()
            return
        nums = [int(p) if p.isdigit() else 0 for p in params.split(";")] if params else []

        def arg(i: int, default: int = 1) -> int:
            return nums[i] if len(nums) > i and nums[i] else default

        if final in "Hf":
            self.y = min(max(arg(0) - 1, 0), self.rows - 1)
            self.x = min(max(arg(1) - 1, 0), self.cols - 1)
        elif final == "A":
            self.y = max(self.y - arg(0), 0)
        elif final == "B":
            self.y = min(self.y + arg(0), self.rows - 1)
        elif final == "C":
            self.x = min(self.x + arg(0), self.cols - 1)
        elif final == "D":
            self.x = max(self.x - arg(0), 0)
        elif final == "G":
            self.x = min(max(arg(0) - 1, 0), self.cols - 1)
        elif final == "d":
            self.y = min(max(arg(0) - 1, 0), self.rows - 1)
        elif final == "J":
            mode = arg(0, 0)
            if mode in (2, 3):
                self.clear()
            elif mode == 0:
                self.grid[self.y][self.x:] = [" "] * (self.cols - self.x)
                for r in range(self.y + 1, self.rows):
                    self.grid[r] = [" "] * self.cols
        elif final == "K":
            mode = arg(0, 0)
            row = self.grid[self.y]
            if mode == 0:
                row[self.x:] = [" "] * (self.cols - self.x)
            elif mode == 1:
                row[: self.x + 1] = [" "] * (self.x + 1)
            else:
                self.grid[self.y] = [" "] * self.cols
        elif final == "X":
            n = arg(0)
            row = self.grid[self.y]
            row[self.x:self.x + n] = [" "] * len(row[self.x:self.x + n])


# --------------------------------------------------------------------------- pty session


def _take_terminal() -> None:  # runs in the child, after setsid (start_new_session)
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class PtySession:
    """One program on a fresh pty of COLS x ROWS, its output fed to a Screen as it arrives."""

    def __init__(self, argv: Sequence[str], env: dict[str, str], cwd: Path = ROOT) -> None:
        self.argv = list(argv)
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        self.master = master
        self.screen = Screen()
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.received = 0
        self.eof = False
        self.started = now()
        try:
            self.proc = subprocess.Popen(
                self.argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd,
                start_new_session=True, preexec_fn=_take_terminal, close_fds=True,
            )
        finally:
            os.close(slave)
        os.set_blocking(master, False)

    # reading ---------------------------------------------------------------

    def _read_available(self) -> bool:
        """Read everything the program has written so far; True when something came."""
        got = False
        while True:
            try:
                data = os.read(self.master, 1 << 16)
            except BlockingIOError:
                return got
            except OSError:  # EIO: the program closed the pty (it exited)
                self.eof = True
                return got
            if not data:
                self.eof = True
                return got
            got = True
            self.received += len(data)
            self.screen.feed(self.decoder.decode(data))

    def wait_until(self, done: Callable[[], bool], timeout: float) -> float | None:
        """Feed output until `done()`; the time of the read that made it true, else None."""
        deadline = now() + timeout
        if done():
            return now()
        while not self.eof:
            left = deadline - now()
            if left <= 0:
                return None
            ready, _, _ = select.select([self.master], [], [], left)
            if not ready:
                continue
            if self._read_available():
                stamp = now()
                if done():
                    return stamp
        return None

    def pump(self, seconds: float) -> None:
        """Keep reading (and drawing) for `seconds`, so the program never blocks on output."""
        deadline = now() + seconds
        while not self.eof:
            left = deadline - now()
            if left <= 0:
                return
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                self._read_available()

    def drain(self) -> None:
        self._read_available()

    # writing ---------------------------------------------------------------

    def send(self, data: bytes, timeout: float = 10.0) -> None:
        """Write all of `data`, reading output meanwhile so neither side blocks."""
        view = memoryview(data)
        deadline = now() + timeout
        while view:
            if self.eof or now() > deadline:
                raise BenchError(f"could not write input to {self.argv[0]} "
                                 f"({len(view)} of {len(data)} bytes left)")
            _, writable, _ = select.select([], [self.master], [], 0.05)
            if writable:
                try:
                    view = view[os.write(self.master, view):]
                except BlockingIOError:
                    pass
            self._read_available()

    # ending ----------------------------------------------------------------

    def close(self) -> None:
        """Ask politely (ctrl+q), then end the whole process group."""
        if self.proc.poll() is None:
            try:
                os.write(self.master, b"\x11")
                self.pump(0.05)
            except OSError:
                pass
        for sig, wait in ((signal.SIGTERM, 1.0), (signal.SIGKILL, 5.0)):
            if self.proc.poll() is not None:
                break
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                self.proc.wait(wait)
            except subprocess.TimeoutExpired:
                continue
        try:  # anything left in the group (the program's own children)
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            pass
        os.close(self.master)

    def describe(self) -> str:
        """What the screen shows now, for failure messages."""
        status = self.proc.poll()
        if status is None and self.eof:  # the pty closed: the program is exiting
            try:
                status = self.proc.wait(1)
            except subprocess.TimeoutExpired:
                pass
        lines = self.screen.text().splitlines()
        while lines and not lines[-1].strip():
            lines.pop()
        shown = "\n".join("    | " + line for line in lines) or "    | (blank)"
        state = "running" if status is None else f"exited with {status}"
        return (f"{' '.join(self.argv)} ({state}, {self.received} bytes of output); "
                f"the screen showed:\n{shown}")

    def __enter__(self) -> PtySession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
