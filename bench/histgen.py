"""A big, realistic mockint history for the history benchmarks, and in-process query timings.

    MOCKINT_HOME=DIR python bench/histgen.py generate [--sessions 10000 --answers 100000]
    MOCKINT_HOME=DIR python bench/histgen.py query [--word migration --repeat 20]

`generate` creates the history under $MOCKINT_HOME with `HistoryStore.open` (so the schema is
whatever this mockint migrates to), then inserts every session and answer with
raw SQL in one transaction; the schema's own triggers fill the full-text index.
Rows look like what the app writes: the `asked` and `plan` columns hold real
snapshots of the bundled questions, `analysis` a real analysis of a generated
answer to that question (one per question, reused), answers of 60-150 words
drawn from a weighted word list (function words often, interview words less
often), dates spread over two years, ratings 1-4, times around each limit. All
sessions are finished or abandoned (an in-progress one would make the app offer
to resume it). FSRS cards and reviews are not generated, and no ANALYZE is run
(the app never runs it, so a real history has no planner statistics either).

`query` opens that history and times, in this process, the queries the
history screen runs (median of `--repeat`). Both print one JSON object.

This file imports mockint (the rest of the harness does not): run it with the
project's interpreter, as a separate process.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta

SEARCH_WORD = "migration"  # in a few percent of the answers: a realistic thing to look for

# (word, weight). Function words carry most of the weight, as in real prose.
_COMMON = (
    "the 60 a 30 and 35 to 30 of 25 in 20 I 25 we 18 it 15 was 14 that 14 for 12 on 10 with 10 "
    "is 10 so 8 then 7 because 6 but 7 when 6 our 8 my 7 they 5 this 8 which 4 after 4 before "
    "3 by 4 from 4 at 4 as 4 be 4 had 3 were 3 not 4 about 3 into 2 more 3 than 2 one 3 two 2 "
    "each 2 every 2 first 3 next 2 finally 1 also 3 what 3 how 3 why 2 would 2 could 2 should 2 "
    "did 3 do 2 made 2 make 2 took 2 found 3 saw 2 asked 2 said 2 worked 3 built 2 wrote 2 "
    "added 2 moved 2 fixed 2 changed 2 learned 2 agreed 1 explained 1 measured 1 checked 2 "
    "shipped 1 reviewed 1 tested 1 split 1 kept 1 used 3 need 2 needed 2 want 1 wanted 1"
)
_DOMAIN = (
    "django 6 queryset 3 migration 0.5 index 3 postgres 3 database 4 query 4 queries 3 celery 2 "
    "cache 3 redis 2 latency 2 endpoint 3 api 4 deploy 2 deployment 2 review 3 test 4 tests 3 "
    "pytest 1 fixture 1 incident 2 outage 1 rollback 1 ticket 2 sprint 1 customer 2 customers 2 "
    "team 5 manager 2 colleague 2 deadline 2 feature 3 bug 3 transaction 1 lock 1 deadlock "
    "0.3 timeout 1 retry 1 webhook 1 serializer 1 view 2 views 2 model 2 models 2 middleware 1 "
    "signal 1 async 1 worker 1 queue 1 docker 1 monitoring 1 sentry 1 logs 2 metrics 1 "
    "throughput 1 users 3 requests 2 seconds 2 minutes 2 percent 1 project 3 service 3 "
    "services 2 code 4 production 2 staging 1 release 1 schema 1 foreign 1 key 1 join 1 "
    "select_related 0.5 prefetch_related 0.5 n+1 0.3 profiling 0.5 pagination 0.5 auth 1 "
    "permissions 1 security 1 csrf 0.3 orm 1 admin 1 forms 1 templates 1 python 3 "
    "generators 0.3 decorators 0.3 typing 0.3 gil 0.2 asyncio 0.3 mentoring 0.5 feedback 1 "
    "priority 1 priorities 1 stakeholders 1 product 2 design 2 system 2 scale 1 load 1 "
    "traffic 1 slow 2 fast 2 safe 1 risk 1 result 2 situation 1 task 1 action 1 impact 1"
)
_NUMBERS = ["2", "3", "10", "40%", "300ms", "1.2s", "p95", "5", "20", "99.9%", "two weeks"]


def _pairs(text: str) -> list[tuple[str, float]]:
    items = text.split()
    return [(items[i], float(items[i + 1])) for i in range(0, len(items), 2)]


class Words:
    """Answer texts of 60-150 words: sentences of 6-20 weighted words, drawn from a pool.

    Sentences are drawn once into a pool (drawing every word of 100,000 answers one
    by one is most of the generator's time); each answer strings pool sentences
    together, so answers still differ from each other.
    """

    POOL = 30_000

    def __init__(self, rng: random.Random) -> None:
        pairs = _pairs(_COMMON) + _pairs(_DOMAIN)
        words = [w for w, _ in pairs]
        cum: list[float] = []
        total = 0.0
        for _, weight in pairs:
            total += weight
            cum.append(total)
        self.rng = rng
        self.pool: list[tuple[str, int]] = []
        for _ in range(self.POOL):
            sentence = rng.choices(words, cum_weights=cum, k=rng.randint(6, 20))
            if rng.random() < 0.3:
                sentence[rng.randrange(len(sentence))] = rng.choice(_NUMBERS)
            sentence[0] = sentence[0][:1].upper() + sentence[0][1:]
            text = " ".join(sentence) + ("." if rng.random() < 0.9 else "?")
            self.pool.append((text, len(sentence)))

    def answer(self) -> str:
        rng, pool = self.rng, self.pool
        target = rng.randint(60, 150)
        out: list[str] = []
        count = 0
        while count < target:
            text, n = pool[rng.randrange(self.POOL)]
            out.append(text)
            count += n
        return " ".join(out)


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).isoformat()  # as mockint.storage.history writes dates


def _columns(db: sqlite3.Connection, table: str, given: list[str]) -> None:
    """Refuse (clearly) a schema with a required column this generator does not fill."""
    missing = [row[1] for row in db.execute(f"PRAGMA table_info({table})")
               if row[3] and row[4] is None and row[5] == 0 and row[1] not in given]
    if missing:
        raise SystemExit(f"histgen: {table} has required columns this generator does not fill: "
                         f"{', '.join(missing)}; update bench/histgen.py")


SESSION_COLUMNS = ["id", "started_at", "ended_at", "updated_at", "status", "mode", "kind",
                   "deck_ids", "deck_titles", "config", "plan", "note", "question_count",
                   "answered_count", "avg_rating", "total_used"]
ANSWER_COLUMNS = ["session_id", "idx", "deck_id", "question_id", "category", "asked", "text",
                  "used", "paused", "overtime", "skipped", "peeks", "key_points_checked",
                  "star_checked", "rating", "follow_ups", "started_at", "submitted_at",
                  "analysis", "rated_at", "topics"]


def _counts(rng: random.Random, sessions: int, answers: int, most: int) -> list[int]:
    """`sessions` question counts between 1 and `most` that add up to `answers`."""
    mean = answers / sessions
    counts = [max(1, min(most, round(rng.gauss(mean, mean / 2)))) for _ in range(sessions)]
    diff = answers - sum(counts)
    while diff:
        i = rng.randrange(sessions)
        step = 1 if diff > 0 else -1
        if 1 <= counts[i] + step <= most:
            counts[i] += step
            diff -= step
    return counts


def generate(sessions: int, answers: int, seed: int) -> dict:
    from mockint import paths
    from mockint.core.analysis import analyse
    from mockint.core.deck import DEFAULT_INTERVIEWER
    from mockint.core.session import AskedQuestion, SessionConfig
    from mockint.storage.decks import DeckStore
    from mockint.storage.history import HistoryStore

    started = time.perf_counter()
    path = paths.history_db_path()
    HistoryStore.open(path).close()  # the schema, by the app's own migrations
    result = {"path": str(path), "sessions": sessions, "answers": answers}
    if sessions == 0:
        result.update(seconds=time.perf_counter() - started, bytes=path.stat().st_size)
        return result

    rng = random.Random(seed)
    words = Words(rng)
    store = DeckStore.discover(user=False)
    pool = []  # per question: (deck, question, asked json, plan entry json, analysis json, limit)
    for deck in store.decks:
        for question in deck.questions:
            asked = AskedQuestion(deck_id=deck.id, deck_title=deck.title,
                                  interviewer=deck.interviewer or DEFAULT_INTERVIEWER,
                                  question=question, time_limit=deck.time_limit_for(question))
            pool.append((deck, question, asked.model_dump_json(),
                         json.dumps(asked.model_dump(mode="json")),  # as _write_session does
                         analyse(question, words.answer()).model_dump_json(),
                         asked.time_limit))
    by_deck: dict[str, list] = {}
    for item in pool:
        by_deck.setdefault(item[0].id, []).append(item)
    deck_ids = list(by_deck)

    now = datetime.now(UTC)
    two_years = 730 * 86400
    session_rows, answer_rows = [], []
    ids: set[str] = set()
    for count in _counts(rng, sessions, answers, len(pool)):
        chosen_decks = [rng.choice(deck_ids)]
        while sum(len(by_deck[d]) for d in chosen_decks) < count:
            chosen_decks.append(rng.choice([d for d in deck_ids if d not in chosen_decks]))
        candidates = [item for d in chosen_decks for item in by_deck[d]]
        plan = sorted(rng.sample(range(len(candidates)), count))
        plan_items = [candidates[i] for i in plan]
        session_id = f"{rng.getrandbits(48):012x}"
        while session_id in ids:
            session_id = f"{rng.getrandbits(48):012x}"
        ids.add(session_id)
        mode = "practice" if rng.random() < 0.7 else "mock"
        config = SessionConfig(deck_ids=chosen_decks, mode=mode, count=count)
        begin = now - timedelta(seconds=rng.uniform(3600, two_years))
        clock = begin
        ratings, total = [], 0.0
        abandoned = rng.random() < 0.05
        for idx, (_deck, question, asked_json, _plan, analysis_json, limit) in enumerate(plan_items):
            used = max(5.0, rng.gauss(limit * 0.8, limit * 0.3))
            rating = rng.choices((1, 2, 3, 4), weights=(1, 3, 4, 2))[0]
            submitted = clock + timedelta(seconds=used + rng.uniform(1, 5))
            rated = submitted + timedelta(seconds=rng.uniform(5, 60))
            points = json.dumps([rng.random() < 0.6 for _ in question.key_points])
            star = (json.dumps({p: rng.random() < 0.6 for p in ("situation", "task", "action",
                                                                 "result")})
                    if question.star else "{}")
            answer_rows.append((
                session_id, idx, _deck.id, question.id, question.category, asked_json,
                words.answer(), round(used, 3), 0.0, round(max(0.0, used - limit), 3), 0,
                "[]", points, star, rating, "[]", _iso(clock), _iso(submitted), analysis_json,
                _iso(rated), " ".join(question.topics),
            ))
            ratings.append(rating)
            total += used
            clock = rated + timedelta(seconds=rng.uniform(1, 10))
        titles = ", ".join(dict.fromkeys(item[0].title for item in plan_items))
        session_rows.append((
            session_id, _iso(begin), _iso(clock), _iso(clock),
            "abandoned" if abandoned else "finished", mode, "custom",
            json.dumps(chosen_decks), titles, config.model_dump_json(),
            "[" + ", ".join(item[3] for item in plan_items) + "]",
            rng.choice(["", "", "", "", "", "", "", "", "redo the STAR story", "too long"]),
            count, count, sum(ratings) / len(ratings), round(total, 3),
        ))

    built = time.perf_counter()
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA foreign_keys = ON")
    # A benchmark fixture, nothing to lose on a crash: write the pages once, straight
    # into the file (no WAL copy, no fsync), then put the app's WAL mode back.
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -262144")  # 256 MB: the full-text index merges in memory
    _columns(db, "sessions", SESSION_COLUMNS)
    _columns(db, "answers", ANSWER_COLUMNS)
    db.execute("BEGIN IMMEDIATE")
    db.executemany(f"INSERT INTO sessions ({', '.join(SESSION_COLUMNS)}) VALUES "
                   f"({', '.join('?' * len(SESSION_COLUMNS))})", session_rows)
    inserted_sessions = time.perf_counter()
    db.executemany(f"INSERT INTO answers ({', '.join(ANSWER_COLUMNS)}) VALUES "
                   f"({', '.join('?' * len(ANSWER_COLUMNS))})", answer_rows)
    inserted_answers = time.perf_counter()
    db.execute("COMMIT")
    db.execute("PRAGMA journal_mode = WAL")
    db.close()
    result["steps"] = {"build": built - started, "sessions": inserted_sessions - built,
                       "answers": inserted_answers - inserted_sessions,
                       "commit": time.perf_counter() - inserted_answers}
    word_hits = sum(1 for row in answer_rows if f" {SEARCH_WORD}" in f" {row[6].lower()}")
    result.update(seconds=time.perf_counter() - started, bytes=path.stat().st_size,
                  search_word=SEARCH_WORD, word_answers=word_hits)
    return result


def query(word: str, repeat: int) -> dict:
    from mockint import paths
    from mockint.storage.history import HistoryStore

    store = HistoryStore.open(paths.history_db_path())
    jobs = {
        "list_sessions": lambda: store.list_sessions(limit=50),
        "count_sessions": lambda: store.count_sessions(),
        "search_answers": lambda: store.search_answers(word),
        "deck_ids": lambda: store.deck_ids(),
    }
    times: dict[str, list[float]] = {name: [] for name in jobs}
    sizes = {name: len(job()) if name != "count_sessions" else job() for name, job in jobs.items()}
    for _ in range(repeat):  # interleaved, so drift hits every query alike
        for name, job in jobs.items():
            t0 = time.perf_counter()
            job()
            times[name].append(time.perf_counter() - t0)
    store.close()
    return {"times": times, "medians": {k: statistics.median(v) for k, v in times.items()},
            "sizes": sizes}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/histgen.py", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate", help="fill $MOCKINT_HOME's history")
    gen.add_argument("--sessions", type=int, default=10_000)
    gen.add_argument("--answers", type=int, default=100_000)
    gen.add_argument("--seed", type=int, default=2024)
    q = sub.add_parser("query", help="time the history queries on $MOCKINT_HOME's history")
    q.add_argument("--word", default=SEARCH_WORD)
    q.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    if args.command == "generate":
        out = generate(args.sessions, args.answers, args.seed)
    else:
        out = query(args.word, args.repeat)
    json.dump(out, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
