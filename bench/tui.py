"""The pty benchmarks: `startup-interview`, `startup-typed`, `keystroke-empty`, `keystroke-5000`,
`startup-home` and `startup-rss`.

Each session starts a program on a fresh 120x40 pty (TERM=xterm-256color) and
feeds its output to a small screen model (common.Screen). Startup is the time
from just before the process is spawned to the read that puts the readiness
text on screen. Keystroke latency is the time from writing one printable byte
to the pty master to the read after which a screen cell has changed to that
character, i.e. the frame that shows it.

Round i starts mockint and the bare app one after the other (which goes first
alternates). In the first `key_sessions` rounds both stay open once ready and
the keystroke phases run on the pair, pressing a key in one, then the other,
so a load change on the machine (other jobs, CPU frequency) hits both alike.
"""

from __future__ import annotations

import random
import shutil
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from common import (
    BENCH_DIR,
    MOCKINT,
    PYTHON,
    ROOT,
    BenchError,
    PtySession,
    Result,
    bench_env,
    cpu_seconds,
    fmt_s,
    now,
    peak_rss_mib,
)

READY_TIMEOUT = 15.0
KEY_TIMEOUT = 3.0
KEYS = "qzxj"  # absent from the pasted words, the timer, the word count and the placeholder
PASTE_WORDS = 5000
PASTE_END = "ENDOFPASTE"  # the last pasted word: on screen means the paste has been drawn
SETTLE = 1.0  # seconds to let the app finish after the paste (mockint counts words every 0.5 s)
GAP = (0.05, 0.10)  # random pause between presses, so presses do not lock onto timer ticks

# Words with none of KEYS in them, so a typed key can only show up as a new cell.
_WORDS = (
    "the request goes through middleware before the view builds a response and then "
    "renders context while database answers one query with an index on foreign key "
    "so page stays fast under load cache holds results for short time because "
    "I measured it first then fixed slow endpoint by adding select related prefetch"
).split()
_VOCAB = [word for word in _WORDS if not set(KEYS) & set(word)]


TUI_ROWS = ("startup-interview", "startup-typed", "keystroke-empty", "keystroke-5000")
HOME_ROWS = ("startup-home", "startup-rss")
HISTORY_OPEN = "h History"  # home's footer shows it once the history (opened in the background) is open
RSS_SETTLE = 1.0  # seconds on the ready screen before its peak RSS is read


@dataclass
class App:
    name: str
    argv: list[str]
    ready_text: str


MOCKINT_APP = App(
    "mockint",
    [MOCKINT, "run", "--deck", "django-technical", "--count", "3"],
    "Question 1 of 3",
)
BARE_APP = App(
    "bare TextArea",
    [PYTHON, str(BENCH_DIR / "apps" / "bare_textarea.py")],
    "BENCH-BARE-READY",
)


def paste_text(words: int = PASTE_WORDS) -> str:
    """`words` words in paragraphs of ~80, ending in PASTE_END (which counts as one)."""
    rng = random.Random(5000)
    out: list[str] = []
    for i in range(words - 1):
        out.append(rng.choice(_VOCAB))
        out.append("\n\n" if i % 80 == 79 else " ")
    out.append(PASTE_END + " ")
    text = "".join(out)
    assert not set(KEYS) & set(text)
    return text


@dataclass
class SessionResult:
    startup: float | None = None  # spawn to the readiness text on screen
    startup_cpu: float | None = None  # CPU seconds used by then
    typed: float | None = None  # spawn to a key, sent the moment the screen was ready, shown
    empty: list[float] = field(default_factory=list)
    full: list[float] = field(default_factory=list)


class RoundFailed(BenchError):
    def __init__(self, message: str, rows: tuple[str, ...]) -> None:
        super().__init__(message)
        self.rows = rows  # the rows this failure leaves unmeasured


@dataclass
class Live:
    """One app's running session in a round."""

    app: App
    session: PtySession
    result: SessionResult = field(default_factory=SessionResult)

    def close(self) -> None:
        self.session.close()


def _press(live: Live, index: int, label: str) -> float:
    """Press KEYS[index % 4] and return the time until a cell changes to it."""
    session, screen = live.session, live.session.screen
    key = KEYS[index % len(KEYS)]
    session.drain()
    screen.watch, screen.hits = key, 0
    start = now()
    session.send(key.encode())
    seen = session.wait_until(lambda: screen.hits > 0, KEY_TIMEOUT)
    screen.watch = None
    if seen is None:
        raise BenchError(f"{live.app.name}: {label}: key {key!r} not shown within "
                         f"{KEY_TIMEOUT:.0f} s; {session.describe()}")
    return seen - start


def _pump_all(lives: list[Live], seconds: float) -> None:
    """Keep every session's output flowing for `seconds` (none may block on a full pty)."""
    deadline = now() + seconds
    while (left := deadline - now()) > 0:
        for live in lives:
            live.session.pump(min(left, 0.01) / len(lives))


def _start(app: App, homes: Path) -> Live:
    # Each app keeps one home for the whole run (homes / its name), as for someone who
    # starts mockint several times a day: its deck index and history are warm.
    session = PtySession(app.argv, bench_env(homes / app.name.replace(" ", "-")))
    live = Live(app, session)
    ready = session.wait_until(lambda: session.screen.contains(app.ready_text), READY_TIMEOUT)
    if ready is None:
        why = "the program exited first" if session.eof else f"not seen within {READY_TIMEOUT:.0f} s"
        live.close()
        raise RoundFailed(f"{app.name}: readiness text {app.ready_text!r}: {why}; "
                          f"{session.describe()}", TUI_ROWS)
    live.result.startup = ready - session.started
    live.result.startup_cpu = cpu_seconds(session.proc.pid)
    try:  # type at once: does the screen that looks ready really take keys?
        live.result.typed = live.result.startup + _press(live, 0, "first key at readiness")
    except BenchError as error:
        live.close()
        raise RoundFailed(str(error), TUI_ROWS[1:]) from None
    return live


def _keystrokes(lives: list[Live], presses: int, attr: str) -> None:
    """Warm up, then press `presses` keys in each app, alternating between them."""
    for live in lives:
        for i in range(3):
            _press(live, i, "warm-up")
            _pump_all(lives, random.uniform(*GAP))
    for i in range(presses):
        for live in (lives if i % 2 == 0 else lives[::-1]):
            getattr(live.result, attr).append(_press(live, i, attr))
            _pump_all(lives, random.uniform(*GAP))


def _paste(lives: list[Live]) -> None:
    data = b"\x1b[200~" + paste_text().encode() + b"\x1b[201~"
    for live in lives:
        session = live.session
        session.send(data, timeout=30)
        if session.wait_until(lambda s=session: s.screen.contains(PASTE_END), 20) is None:
            raise BenchError(f"{live.app.name}: the {PASTE_WORDS}-word paste was not drawn within "
                             f"20 s; {session.describe()}")
    _pump_all(lives, SETTLE)


def run_round(apps: list[App], keystrokes: bool, presses: int,
              homes: Path) -> tuple[dict[str, SessionResult], RoundFailed | None]:
    """Start each app (in order); with `keystrokes`, run both keystroke phases on them together."""
    results: dict[str, SessionResult] = {}
    lives: list[Live] = []
    try:
        for app in apps:
            live = _start(app, homes)
            results[app.name] = live.result
            if keystrokes:
                lives.append(live)
            else:
                live.close()
        if keystrokes:
            _pump_all(lives, 0.5)  # let the first frames' follow-ups (focus, timers) land
            try:
                _keystrokes(lives, presses, "empty")
            except BenchError as error:
                raise RoundFailed(str(error), TUI_ROWS[2:]) from None
            try:
                _paste(lives)
                _keystrokes(lives, presses, "full")
            except BenchError as error:
                raise RoundFailed(str(error), TUI_ROWS[3:]) from None
        return results, None
    except RoundFailed as failure:
        return results, failure
    except (BenchError, OSError) as error:
        return results, RoundFailed(str(error), TUI_ROWS)
    finally:
        for live in lives:
            live.close()


def bench_tui(runs: int, key_sessions: int, presses: int, wanted: set[str]) -> list[Result]:
    per = f"{presses} presses x {key_sessions} session(s) per app"
    rows = {
        "startup-interview": Result("startup-interview", target=1.20,
                                    what="spawn to 'Question 1 of 3' on screen vs bare TextArea app ready"),
        "startup-typed": Result("startup-typed",
                                what="spawn to the first key shown, typed the moment the screen "
                                     "looked ready"),
        "keystroke-empty": Result("keystroke-empty", target=1.10,
                                  what=f"key to frame, empty answer box; {per}"),
        "keystroke-5000": Result("keystroke-5000", target=1.10,
                                 what=f"key to frame after pasting {PASTE_WORDS} words; {per}"),
    }
    want_keys = bool({"keystroke-empty", "keystroke-5000"} & wanted)
    rounds = runs if {"startup-interview", "startup-typed"} & wanted else 0
    rounds = max(rounds, key_sessions if want_keys else 0)
    order = [MOCKINT_APP, BARE_APP]
    homes = Path(tempfile.mkdtemp(prefix="mockint-bench-homes-"))
    try:
        warm, failure = run_round(order, False, presses, homes)  # untimed: a new home's first start
        if failure is None:
            rows["startup-interview"].notes.append(
                f"the first start in a new MOCKINT_HOME (no deck index, no history yet; untimed "
                f"warm-up): {fmt_s(warm[MOCKINT_APP.name].startup or 0.0)}")
        _measure_rounds(rows, rounds, order, want_keys, key_sessions, presses, homes, failure)
    finally:
        shutil.rmtree(homes, ignore_errors=True)
    for name in ("keystroke-empty", "keystroke-5000"):
        row = rows[name]
        if row.samples and row.baseline:
            row.notes.append(f"max {fmt_s(max(row.samples))} vs {fmt_s(max(row.baseline))}")
    return [rows[name] for name in TUI_ROWS if name in wanted]


def _measure_rounds(rows: dict[str, Result], rounds: int, order: list[App], want_keys: bool,
                    key_sessions: int, presses: int, homes: Path,
                    failure: RoundFailed | None) -> None:
    for i in range(0 if failure is not None else rounds):
        results, failure = run_round(order if i % 2 == 0 else order[::-1],
                                     want_keys and i < key_sessions, presses, homes)
        for app, got in results.items():
            side = "samples" if app == MOCKINT_APP.name else "baseline"
            if got.startup is not None:
                getattr(rows["startup-interview"], side).append(got.startup)
            if got.startup_cpu is not None:
                (rows["startup-interview"].cpu if side == "samples"
                 else rows["startup-interview"].base_cpu).append(got.startup_cpu)
            if got.typed is not None:
                getattr(rows["startup-typed"], side).append(got.typed)
            getattr(rows["keystroke-empty"], side).extend(got.empty)
            getattr(rows["keystroke-5000"], side).extend(got.full)
        if failure is not None:  # report it and stop: another round would likely wait again
            break
    if failure is not None:
        for name in failure.rows:
            rows[name].error = rows[name].error or str(failure)



def _first_deck_title() -> str:
    """The title of the first bundled deck (alphabetical by file, as the home screen lists them)."""
    first = sorted((ROOT / "decks").glob("*.toml"))[0]
    return tomllib.loads(first.read_text(encoding="utf-8"))["title"]


def _home_session(app: App, home: Path, ready: tuple[str, ...],
                  then: str | None) -> tuple[float, float, float | None, float]:
    """Start `app` on a fresh pty until all of `ready` is on screen; then (optionally) until
    `then` is, settle, and read the process's peak RSS. (startup, peak MiB, time to `then`,
    CPU seconds at startup)."""
    with PtySession(app.argv, bench_env(home)) as session:
        screen = session.screen
        seen = session.wait_until(lambda: all(screen.contains(t) for t in ready), READY_TIMEOUT)
        if seen is None:
            raise BenchError(f"{app.name}: {' + '.join(map(repr, ready))} not on screen within "
                             f"{READY_TIMEOUT:.0f} s; {session.describe()}")
        cpu = cpu_seconds(session.proc.pid)
        later = None
        if then is not None:
            at = session.wait_until(lambda: screen.contains(then), READY_TIMEOUT)
            if at is None:
                raise BenchError(f"{app.name}: {then!r} not on screen within "
                                 f"{READY_TIMEOUT:.0f} s; {session.describe()}")
            later = at - session.started
        session.pump(RSS_SETTLE)
        return seen - session.started, peak_rss_mib(session.proc.pid), later, cpu


def bench_home(runs: int, wanted: set[str]) -> list[Result]:
    """`mockint` to its home screen, and the peak RSS there, against the bare app."""
    title = _first_deck_title()
    rows = {
        "startup-home": Result("startup-home", target=1.20,
                               what=f"spawn of `mockint` to the home screen ({title!r} listed, "
                                    "footer drawn) vs bare TextArea app ready"),
        "startup-rss": Result("startup-rss", target=1.25, unit="MiB",
                              what="peak RSS (VmHWM) of `mockint` on its home screen, history "
                                   f"open, {RSS_SETTLE:.0f} s after ready vs the bare app's"),
    }
    mockint = App("mockint", [MOCKINT], "Start interview")
    opened: list[float] = []
    # One MOCKINT_HOME for every mockint session, as for someone who opens mockint several
    # times a day: the first (untimed) start creates the history and the deck index.
    home = Path(tempfile.mkdtemp(prefix="mockint-bench-home-"))
    try:
        for i in range(runs + 1):  # the first round is a warm-up
            order = [mockint, BARE_APP] if i % 2 == 0 else [BARE_APP, mockint]
            for app in order:
                if app is mockint:
                    took, peak, later, cpu = _home_session(app, home, ("Start interview", title),
                                                           HISTORY_OPEN)
                else:
                    took, peak, later, cpu = _home_session(app, home / "bare", (app.ready_text,),
                                                           None)
                if i == 0:
                    if app is mockint:
                        rows["startup-home"].notes.append(
                            f"the first start in a new MOCKINT_HOME (no history, no deck "
                            f"index yet; untimed warm-up): {fmt_s(took)}, peak {peak:.1f} MiB")
                    continue
                side = "samples" if app is mockint else "baseline"
                getattr(rows["startup-home"], side).append(took)
                getattr(rows["startup-rss"], side).append(peak)
                (rows["startup-home"].cpu if app is mockint
                 else rows["startup-home"].base_cpu).append(cpu)
                if later is not None:
                    opened.append(later)
    except (BenchError, OSError) as error:
        for row in rows.values():
            row.error = row.error or str(error)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    if opened:
        rows["startup-home"].notes.append(
            f"spawn to `{HISTORY_OPEN}` in the footer (the history, opened in the background, "
            f"is open): median {fmt_s(sorted(opened)[len(opened) // 2])}")
    return [rows[name] for name in HOME_ROWS if name in wanted]
