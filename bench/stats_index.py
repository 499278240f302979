"""The stats' weekly key-point coverage and STAR completeness: what reading the ticks costs.

    .venv/bin/python bench/stats_index.py [--sessions 10000 --answers 100000]

Generates a history with bench/histgen.py (or reuses `--home`), then times
(median of 10, after a warm-up) the stats query and the whole stats figures
three ways on it:

- `before`: the stats as they were (no ticks read), on the old covering index;
- `ticks, old index`: reading the ticks too, from the answer rows (the old index
  does not hold them, so each answer's row, with its question snapshot, is read);
- `ticks, new index`: the ticks in the covering index (schema 10), as shipped.

Also prints each query plan and the size of the index (dbstat).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import median_ms  # noqa: E402

OLD_INDEX = ("CREATE INDEX answers_stats ON answers "
             "(session_id, submitted_at, skipped, rating, overtime, category, topics)")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--home", type=Path, help="reuse (or create) the history here")
    args = parser.parse_args(argv)
    home = args.home or Path(tempfile.mkdtemp(prefix="mockint-bench-stats-"))
    os.environ["MOCKINT_HOME"] = str(home)
    import histgen

    if not (home / "data").exists():
        home.mkdir(parents=True, exist_ok=True)
        histgen.generate(args.sessions, args.answers, seed=2024)
    from mockint import paths
    from mockint.core.stats import compute_stats
    from mockint.storage.decks import DeckStore
    from mockint.storage.history import HistoryStore
    from mockint.storage.history import store as store_module

    store = HistoryStore.open(paths.history_db_path())
    decks = DeckStore.discover(user=False).decks
    now = datetime.now(UTC)
    db = store._db
    new_index = db.execute("SELECT sql FROM sqlite_master WHERE name = 'answers_stats'"
                           ).fetchone()[0]
    with_ticks = store_module.STATS_ANSWER_SQL
    without_ticks = with_ticks.replace(", a.key_points_checked, a.star_checked", "")
    assert without_ticks != with_ticks

    since = now - timedelta(days=90)

    def query(sql: str) -> None:
        store_module.STATS_ANSWER_SQL = sql
        store.answers_since(since)

    def run(sql: str) -> None:
        store_module.STATS_ANSWER_SQL = sql
        compute_stats(store, decks, now)

    def plan(sql: str) -> str:
        rows = db.execute("EXPLAIN QUERY PLAN " + sql, (now.isoformat(),)).fetchall()
        return " / ".join(r[3] for r in rows)

    def use_index(sql: str) -> float:
        db.execute("DROP INDEX answers_stats")
        db.execute(sql)
        try:
            pages = db.execute("SELECT SUM(pgsize) FROM dbstat WHERE name = 'answers_stats'"
                               ).fetchone()[0]
        except Exception:  # dbstat not compiled in
            pages = 0
        return pages / 2**20

    def measure(name: str, sql: str, size: float) -> tuple:
        query(sql)  # warm-up: the pages the query reads are in the cache
        return (name, median_ms(lambda: query(sql)), median_ms(lambda: run(sql)), size, plan(sql))

    results = []
    size = use_index(OLD_INDEX)
    results.append(measure("before (no ticks), old index", without_ticks, size))
    results.append(measure("ticks, old index", with_ticks, size))
    size = use_index(new_index)
    results.append(measure("ticks, new index (schema 10)", with_ticks, size))
    store_module.STATS_ANSWER_SQL = with_ticks
    print(f"stats on {args.sessions:,} sessions / {args.answers:,} answers, last 90 days "
          "(median of 10, ms)")
    print(f"{'':<30} {'query':>8} {'stats':>8} {'index':>9}  plan")
    for name, query_ms, stats_ms, size, how in results:
        print(f"{name:<30} {query_ms:>8.1f} {stats_ms:>8.1f} {size:>6.1f} MiB  {how}")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
