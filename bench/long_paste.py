"""Keystroke latency in the answer box after a huge one-line paste (issue 11, item 17).

Starts `mockint run` on a pty, pastes WORDS words as ONE line (bracketed paste,
as a terminal sends it), waits until the end of the paste is drawn, then
presses keys and times each from the write to the frame that shows it.
Run: .venv/bin/python bench/long_paste.py [--words 100000] [--presses 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
from pathlib import Path

from common import MOCKINT, PtySession, bench_env, now

END = "ENDOFPASTE"
KEYS = "qzxj"  # not in the pasted words
WORDS = ("the request goes through middleware before the view builds a response and "
         "renders context while database answers one query with an index").split()


def one_line(words: int) -> str:
    return " ".join(WORDS[i % len(WORDS)] for i in range(words - 1)) + " " + END


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--presses", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="mockint-bench-paste-"))
    session = PtySession([MOCKINT, "run", "--deck", "behavioral", "--count", "1"], bench_env(home))
    try:
        if session.wait_until(lambda: session.screen.contains("Question 1 of 1"), 30) is None:
            raise SystemExit(f"mockint did not start: {session.describe()}")
        session.pump(1.0)
        start = now()
        session.send(b"\x1b[200~" + one_line(args.words).encode() + b"\x1b[201~", timeout=120)
        if session.wait_until(lambda: session.screen.contains(END), args.timeout) is None:
            raise SystemExit(f"the paste was not drawn within {args.timeout:.0f} s")
        drawn = now() - start
        session.pump(1.5)
        times = []
        for i in range(args.presses):
            key = KEYS[i % len(KEYS)]
            session.drain()
            screen = session.screen
            screen.watch, screen.hits = key, 0
            pressed = now()
            session.send(key.encode())
            seen = session.wait_until(lambda s=screen: s.hits > 0, args.timeout)
            screen.watch = None
            if seen is None:
                raise SystemExit(f"key {key!r} not shown within {args.timeout:.0f} s")
            times.append(seen - pressed)
            session.pump(0.3)
        print(f"{args.words} words on one line: paste drawn in {drawn:.2f} s; keystroke "
              f"median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms "
              f"({', '.join(f'{t * 1000:.0f}' for t in times)} ms)")
        return 0
    finally:
        session.close()
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
