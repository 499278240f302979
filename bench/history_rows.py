"""The history benchmarks: `history-open`, `history-search` (pty) and `history-query` (in-process).

Once per run, `histgen.py generate` fills a temp MOCKINT_HOME with a big history
(10,000 sessions, 100,000 answers) and another temp MOCKINT_HOME gets an empty
one (the same schema, no rows). Every row compares the big history with the
empty one, measured in the same run, alternating which goes first.

TUI session (one per side per round), on a fresh 120x40 pty like tui.py's:
spawn `mockint`; wait until the home screen's footer offers `h History` (shown
only once the history is open, which the app does in the background), then
0.5 s more; press `h` and time until the history screen's count text
(`10000 sessions`, or `No sessions match` when empty) is on screen: that text
and the first page of rows are drawn by the same call, so this is the first
page on screen (`history-open`). Then press `/` (focus the search box), wait 0.3 s, write the
search word in one go and time until `answers contain “WORD”` is on screen
(`history-search`). Then empty the box (ctrl+u), wait for the list, and type
the word again a key every 0.12 s; the time from the last key to its hits is a
note of `history-search` (each key starts a search of the prefix so far).

`history-query` runs `histgen.py query` once on each history: the queries
themselves, in one process, median of `--repeat` (20).
"""

from __future__ import annotations

import json
import re
import shutil
import statistics
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from common import BENCH_DIR, MOCKINT, PYTHON, ROOT, BenchError, PtySession, Result, bench_env, fmt_s, now

SESSIONS, ANSWERS = 10_000, 100_000
READY_TIMEOUT = 30.0
STEP_TIMEOUT = 30.0
HOME_READY = "h History"  # the footer shows the binding once the history is open
SETTLE = 0.5  # on the ready home screen before `h`, as a user would be
FOCUS_PAUSE = 0.3  # after `/`, before typing the word
KEY_GAP = 0.12  # the second search types one key at a time, at about 8 keys a second
QUERY_REPEAT = 20
HISTGEN = str(BENCH_DIR / "histgen.py")
HISTORY_ROWS = ("history-open", "history-search", "history-query")
# A session whose mockint crashed before its home screen was ready is retried (and
# counted in the notes): mockint may crash at start when the history has sessions
# (a race between the background history open and the home screen's mount).
START_TRIES = 25


class StartCrashed(BenchError):
    """mockint exited (a traceback on screen) before its home screen was ready."""

    def __init__(self, message: str, error_line: str) -> None:
        super().__init__(message)
        self.error_line = error_line


@dataclass
class Side:
    name: str
    home: Path
    page_text: str  # the history screen's count text once the first page is drawn
    samples: dict[str, list[float]] = field(default_factory=lambda: {
        "home": [], "open": [], "search": [], "search-typed": []})


def _histgen(env: dict[str, str], *args: str, timeout: float = 300) -> dict:
    done = subprocess.run([PYTHON, HISTGEN, *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout)
    if done.returncode != 0:
        raise BenchError(f"bench/histgen.py {' '.join(args)} exited {done.returncode}: "
                         f"{(done.stderr or done.stdout).strip()[-800:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _session(side: Side, word: str) -> dict[str, float]:
    """One mockint session: home, `h`, first page, `/WORD`, hits. Times in seconds."""
    got: dict[str, float] = {}
    with PtySession([MOCKINT], bench_env(side.home)) as session:
        screen = session.screen
        label = f"{side.name} history"

        def wait(text: str, what: str, timeout: float) -> float:
            seen = session.wait_until(lambda: screen.contains(text), timeout)
            if seen is None:
                raise BenchError(f"{label}: {what}: {text!r} not on screen within {timeout:.0f} s; "
                                 f"{session.describe()}")
            return seen

        try:
            home = wait(HOME_READY, "home with the history open", READY_TIMEOUT)
        except BenchError as error:
            text = screen.text()
            if session.eof and "Traceback" in text:
                last = [line for line in text.splitlines() if "Error" in line]
                line = re.sub(r"[─╯╰│ ]+$", "", last[-1]).strip(" │") if last else "?"
                raise StartCrashed(str(error), line) from None
            raise
        got["home"] = home - session.started
        session.pump(SETTLE)
        pressed = now()
        session.send(b"h")
        page = wait(side.page_text, "first page after h", STEP_TIMEOUT)
        got["open"] = page - pressed
        for attempt in range(3):
            # Textual moves the focus on a later turn of its loop: on a loaded machine the
            # word could reach the list before the `/` had focused the box (seen before
            # and after issue 15's changes). The box then still shows its placeholder:
            # type the word again (the focus has usually moved by then), then `/` + word.
            if attempt != 1:
                session.send(b"/")
            session.pump(FOCUS_PAUSE)
            typed = now()
            session.send(word.encode())
            hits = session.wait_until(lambda: screen.contains(f"contain “{word}”"),
                                      STEP_TIMEOUT if attempt == 2 else 5.0)
            if hits is not None or not screen.contains("search your answers…"):
                break
            got["search-retried"] = got.get("search-retried", 0) + 1
        if hits is None:
            raise BenchError(f"{label}: search for {word!r}: 'contain “{word}”' not on screen "
                             f"within {STEP_TIMEOUT:.0f} s; {session.describe()}")
        got["search"] = hits - typed
        # Again at typing speed: every key starts a search of the prefix typed so far.
        session.send(b"\x15")  # ctrl+u empties the box: the sessions list comes back
        wait(side.page_text, "the list again after emptying the search box", STEP_TIMEOUT)
        session.pump(FOCUS_PAUSE)
        for i, char in enumerate(word):
            if i:
                session.pump(KEY_GAP)
            last = now()
            session.send(char.encode())
        hits = wait(f"contain “{word}”", f"search for {word!r} typed key by key", STEP_TIMEOUT)
        got["search-typed"] = hits - last
    return got


def bench_history(runs: int, wanted: set[str]) -> list[Result]:
    rows = {
        "history-open": Result("history-open", target=1.3, check_p90=True,
                               what=f"`h` on home to the history's first page on screen, "
                                    f"{SESSIONS} sessions vs empty history"),
        "history-search": Result("history-search", target=1.5,
                                 what=f"search word typed in the history screen to its hits on "
                                      f"screen, {ANSWERS} answers vs empty history"),
        "history-query": Result("history-query",
                                what="in-process list_sessions(limit=50) + search_answers(word), "
                                     f"big vs empty history; median of {QUERY_REPEAT}"),
    }
    chosen = [rows[name] for name in HISTORY_ROWS if name in wanted]
    folder = Path(tempfile.mkdtemp(prefix="mockint-bench-history-"))
    try:
        big = Side("big", folder / "big", f"{SESSIONS} sessions")
        empty = Side("empty", folder / "empty", "No sessions match")
        t0 = now()
        made = _histgen(bench_env(big.home), "generate", "--sessions", str(SESSIONS),
                        "--answers", str(ANSWERS))
        _histgen(bench_env(empty.home), "generate", "--sessions", "0")
        word = made["search_word"]
        if chosen:
            chosen[0].notes.append(
                f"history: {made['sessions']} sessions, {made['answers']} answers, "
                f"{made['bytes'] / 1e6:.0f} MB, generated in {now() - t0:.1f}s; "
                f"{made['word_answers']} answers contain {word!r}")
        parts = []
        if "history-query" in wanted:
            parts.append(([rows["history-query"]], lambda: _queries(rows["history-query"], big,
                                                                    empty, word)))
        if {"history-open", "history-search"} & wanted:
            parts.append(([rows["history-open"], rows["history-search"]],
                          lambda: _tui(rows, big, empty, word, runs)))
        for affected, part in parts:
            try:
                part()
            except (BenchError, subprocess.TimeoutExpired, OSError, ValueError, KeyError) as error:
                for row in affected:
                    row.error = row.error or str(error)
    except (BenchError, subprocess.TimeoutExpired, OSError, ValueError, KeyError) as error:
        for row in chosen:
            row.error = row.error or str(error)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return chosen


def _tui(rows: dict[str, Result], big: Side, empty: Side, word: str, runs: int) -> None:
    crashes: dict[str, list[str]] = {big.name: [], empty.name: []}
    starts = {big.name: 0, empty.name: 0}

    def measured(side: Side) -> dict[str, float]:
        for _ in range(START_TRIES):
            starts[side.name] += 1
            try:
                return _session(side, word)
            except StartCrashed as crash:
                crashes[side.name].append(crash.error_line)
        raise BenchError(f"mockint crashed at start {START_TRIES} times in a row with the "
                         f"{side.name} history: {crashes[side.name][-1]}")

    try:
        measured(big)  # warm-up of each (imports, the big file's pages in the OS cache)
        measured(empty)
        for i in range(runs):
            for side in ((big, empty) if i % 2 == 0 else (empty, big)):
                for key, value in measured(side).items():
                    side.samples.setdefault(key, []).append(value)
    finally:
        for side in (big, empty):
            if crashes[side.name]:
                note = (f"mockint CRASHED at start in {len(crashes[side.name])} of "
                        f"{starts[side.name]} sessions with the {side.name} history (retried): "
                        f"{crashes[side.name][-1]}")
                for name in ("history-open", "history-search"):
                    rows[name].notes.append(note)
    for row, key in (("history-open", "open"), ("history-search", "search")):
        rows[row].samples = big.samples[key]
        rows[row].baseline = empty.samples[key]
    retried = sum(sum(side.samples.get("search-retried", [])) for side in (big, empty))
    if retried:
        rows["history-search"].notes.append(f"the `/` before the word was lost and sent again "
                                            f"in {retried} session(s)")
    med = statistics.median
    a, b = med(big.samples["home"]), med(empty.samples["home"])
    rows["history-open"].notes.append(f"spawn to home with the history open (`h History` in the "
                                      f"footer): {fmt_s(a)} vs {fmt_s(b)} empty ({a / b:.2f}x)")
    a, b = med(big.samples["search-typed"]), med(empty.samples["search-typed"])
    rows["history-search"].notes.append(
        f"the row writes {word!r} in one go; typed a key every {KEY_GAP * 1000:.0f} ms instead "
        f"(a search per key), last key to its hits: {fmt_s(a)} vs {fmt_s(b)} empty "
        f"({a / b:.2f}x)")


def _queries(row: Result, big: Side, empty: Side, word: str) -> None:
    args = ("query", "--word", word, "--repeat", str(QUERY_REPEAT))
    prefix = ("query", "--word", word[0], "--repeat", str(QUERY_REPEAT))
    got = _histgen(bench_env(big.home), *args)
    base = _histgen(bench_env(empty.home), *args)
    first = _histgen(bench_env(big.home), *prefix)
    row.samples = [a + b for a, b in zip(got["times"]["list_sessions"],
                                         got["times"]["search_answers"], strict=True)]
    row.baseline = [a + b for a, b in zip(base["times"]["list_sessions"],
                                          base["times"]["search_answers"], strict=True)]
    parts = []
    for name in ("list_sessions", "count_sessions", "search_answers", "deck_ids"):
        parts.append(f"{name} {fmt_s(got['medians'][name])} vs {fmt_s(base['medians'][name])}")
    row.notes.append("medians, big vs empty: " + "; ".join(parts))
    row.notes.append(f"search_answers({word[0]!r}) (what the first key typed runs) on the big "
                     f"history: {fmt_s(first['medians']['search_answers'])}")
