"""Practice selection and stats on a 10,000-session history, beside an empty one.

    .venv/bin/python bench/practice_stats.py [--sessions 10000 --answers 100000]

Generates the history with bench/histgen.py into a temp MOCKINT_HOME, gives
every question an FSRS card by rating its latest answer, then times (median of
10, in this process) what the home screen and the practice kinds run: the due
count, choosing a due / weak / new / mixed session, and the stats screen's
figures. Target: each under 200 ms on the big history.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import median_ms  # noqa: E402


def give_cards(store) -> int:
    """One review per question, from its latest rated answer (as the app would have)."""
    from mockint.core.scheduling import scheduler

    rows = store.query("SELECT session_id, idx FROM answers WHERE id IN (SELECT MAX(id) "
                       "FROM answers WHERE rating IS NOT NULL GROUP BY deck_id, question_id)")
    fsrs = scheduler(fuzz=False)
    for row in rows:
        answer = store.load_answer(row["session_id"], row["idx"])
        store.record_review(row["session_id"], answer, fsrs)
    return len(rows)


def measure(home: Path) -> dict[str, float]:
    os.environ["MOCKINT_HOME"] = str(home)
    from mockint import paths
    from mockint.core.session import SessionConfig
    from mockint.core.stats import compute_stats
    from mockint.storage.decks import DeckStore
    from mockint.storage.history import HistoryStore
    from mockint.storage.practice import choose, due_count

    store = HistoryStore.open(paths.history_db_path())
    give_cards(store)
    decks = DeckStore.discover(user=False).decks
    config = SessionConfig(deck_ids=[d.id for d in decks])
    now = datetime.now(UTC)
    figures = {"due count (home)": median_ms(lambda: due_count(store, decks, now))}
    for kind in ("due", "weak", "new", "mixed"):
        figures[f"choose {kind}"] = median_ms(lambda k=kind: choose(k, store, decks, config, now, 8))
    figures["stats"] = median_ms(lambda: compute_stats(store, decks, now))
    store.close()
    return figures


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--answers", type=int, default=100_000)
    args = parser.parse_args(argv)
    import histgen

    results = {}
    for label, sessions, answers in (("empty", 0, 0), ("big", args.sessions, args.answers)):
        home = Path(tempfile.mkdtemp(prefix=f"mockint-bench-{label}-"))
        os.environ["MOCKINT_HOME"] = str(home)
        histgen.generate(sessions, answers, seed=2024)
        results[label] = measure(home)
    print(f"practice and stats: {args.sessions:,} sessions / {args.answers:,} answers "
          "vs an empty history (median of 10, ms)")
    print(f"{'':<20} {'big':>9} {'empty':>9}  target")
    for name, ms in results["big"].items():
        verdict = "ok" if ms < 200 else "OVER"
        print(f"{name:<20} {ms:>9.1f} {results['empty'][name]:>9.1f}  <200 ms {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
