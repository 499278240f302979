"""mockint benchmarks: `make bench` (or `.venv/bin/python bench/run.py [--quick] [--only NAME]`).

Prints one row per benchmark: median and min of the real thing, median and
min of a baseline measured in the same run, their ratio (median / median) and
the target ratio where there is one. See bench/README.md for what each row
measures. Exits 1 when a benchmark could not be measured; a ratio over target
is reported (OVER), not an error.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import MOCKINT, PYTHON, Result, print_table  # noqa: E402
from history_rows import bench_history  # noqa: E402
from procs import bench_deck_10k, bench_decks_index, bench_decks_load, bench_version  # noqa: E402
from tui import HOME_ROWS, bench_home, bench_tui  # noqa: E402

NAMES = ("version", "decks-load", "decks-index", "deck-10k", "startup-home", "startup-rss",
         "startup-interview", "startup-typed", "keystroke-empty", "keystroke-5000", "history-open",
         "history-search", "history-query")
TUI_NAMES = {"startup-interview", "startup-typed", "keystroke-empty", "keystroke-5000"}
HISTORY_NAMES = {"history-open", "history-search", "history-query"}
STARTUP_RUNS = 15  # runs of the start-up rows (startup-*) by default; the others take 7


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="fewer runs (3 instead of 7, or of 15 for the start-up rows; one "
                             "keystroke session of 20 presses)")
    parser.add_argument("--only", action="append", default=[], metavar="NAME",
                        help=f"run only NAME (repeatable or comma-separated): {', '.join(NAMES)}")
    parser.add_argument("--runs", type=int, metavar="N", help="runs per process/startup benchmark")
    parser.add_argument("--presses", type=int, metavar="N", help="key presses per keystroke session")
    parser.add_argument("--key-sessions", type=int, metavar="N",
                        help="sessions (per app) in which keystrokes are measured")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    wanted = {name.strip() for item in args.only for name in item.split(",") if name.strip()}
    unknown = wanted - set(NAMES)
    if unknown:
        print(f"bench/run.py: unknown benchmark {', '.join(sorted(unknown))}; "
              f"choose from {', '.join(NAMES)}", file=sys.stderr)
        return 2
    wanted = wanted or set(NAMES)
    runs = args.runs or (3 if args.quick else 7)
    # One start varies by ~15% from one to the next here, so a 7-run median of the
    # start-up ratio moved between 1.05x and 1.28x with the same code: 15 runs.
    startup_runs = args.runs or (3 if args.quick else STARTUP_RUNS)
    presses = args.presses or (20 if args.quick else 30)
    key_sessions = args.key_sessions or (1 if args.quick else 3)
    if not Path(MOCKINT).exists():
        print(f"bench/run.py: {MOCKINT} not found; run `make bench` (it installs the project)",
              file=sys.stderr)
        return 2

    print(f"mockint benchmarks: {runs} runs ({startup_runs} for start-up), keystrokes "
          f"{presses} presses x {key_sessions} "
          f"session(s) per app; python {PYTHON}", flush=True)
    started = time.perf_counter()
    results: list[Result] = []
    steps = [("version", lambda: [bench_version(runs)]),
             ("decks-load", lambda: [bench_decks_load(runs)]),
             ("decks-index", lambda: [bench_decks_index(runs)]),
             ("deck-10k", lambda: [bench_deck_10k(runs)])]
    if wanted & set(HOME_ROWS):
        steps.append(("/".join(n for n in HOME_ROWS if n in wanted),
                      lambda: bench_home(startup_runs, wanted)))
    if wanted & TUI_NAMES:
        steps.append(("/".join(n for n in NAMES if n in wanted & TUI_NAMES),
                      lambda: bench_tui(startup_runs, key_sessions, presses, wanted)))
    if wanted & HISTORY_NAMES:
        steps.append(("/".join(n for n in NAMES if n in wanted & HISTORY_NAMES),
                      lambda: bench_history(runs, wanted)))
    for label, step in steps:
        if label not in wanted and not set(label.split("/")) & wanted:
            continue
        print(f"  running {label} ...", end="", flush=True)
        t0 = time.perf_counter()
        got = step()
        results.extend(got)
        print(f" {time.perf_counter() - t0:.1f}s", flush=True)

    print()
    print_table(results)
    print()
    for r in results:
        if r.ratio is not None:
            target = f" (target <= {r.target:.2f}x: {r.verdict})" if r.target is not None else ""
            print(f"{r.name}: {r.ratio:.2f}x its baseline{target}, p90 {r.fmt(r.p90)} vs "
                  f"{r.fmt(r.base_p90)} -- {r.what}; "
                  f"n={len(r.samples)}/{len(r.baseline)}")
        for note in [*([r.cpu_note()] if r.cpu_note() else []), *r.notes]:
            print(f"    {note}")
    failed = [r for r in results if r.error]
    for r in failed:
        print(f"\nFAILED {r.name}: {r.error}")
    print(f"\ntotal {time.perf_counter() - started:.1f}s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
