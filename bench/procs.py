"""Whole-process benchmarks: `version`, `decks-load`, `deck-10k`.

Each times the real command from spawn to exit, alternating with a baseline
process that does the least the command cannot avoid (start Python; parse the
same TOML with tomllib), after one untimed warm-up of each.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from common import MOCKINT, PYTHON, ROOT, BenchError, Result, bench_env, time_pair
from deckgen import write_deck

DECK_QUESTIONS = 10_000

_PARSE_DIR = (
    "import sys, tomllib, pathlib; "
    "[tomllib.loads(p.read_text(encoding='utf-8')) "
    "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.toml'))]"
)
_PARSE_FILE = (
    "import sys, tomllib, pathlib; "
    "tomllib.loads(pathlib.Path(sys.argv[1]).read_text(encoding='utf-8'))"
)
_DISCOVER = "from mockint.storage.decks import DeckStore; DeckStore.discover(user=False)"
# What the home screen does: list the decks from the deck index (warm: made by a first run).
_DISCOVER_INDEX = ("from mockint.storage.decks import DeckStore; "
                   "DeckStore.discover(user=False, index=True).question_keys()")
_CHECK_DECKS = (
    "from mockint import paths; from mockint.storage.decks import DeckStore; "
    "s = DeckStore.discover(user=False); "
    "print(paths.bundled_decks_dir()); "
    "print(len(s.decks), sum(len(d.questions) for d in s.decks), len(s.broken))"
)


def _output(argv: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise BenchError(f"{' '.join(argv)} exited {done.returncode}: "
                         f"{(done.stderr or done.stdout).strip()[-800:]}")
    return done.stdout


def _guard(result: Result, body) -> Result:
    try:
        body()
    except (BenchError, subprocess.TimeoutExpired, OSError) as error:
        result.error = str(error)
    return result


def bench_version(runs: int) -> Result:
    result = Result("version", target=2.0, what="`mockint --version` process vs `python -c pass`")
    env = bench_env()
    return _guard(result, lambda: time_pair(result, [MOCKINT, "--version"],
                                            [PYTHON, "-c", "pass"], runs, env))


def bench_decks_load(runs: int) -> Result:
    result = Result("decks-load", what="process loading+validating every bundled deck "
                                       "(DeckStore.discover) vs one only tomllib-parsing them")

    def body() -> None:
        home = Path(tempfile.mkdtemp(prefix="mockint-bench-"))
        try:
            env = bench_env(home)
            folder, counts = _output([PYTHON, "-c", _CHECK_DECKS], env).strip().splitlines()[-2:]
            decks, questions, broken = counts.split()
            if broken != "0" or decks == "0":
                raise BenchError(f"bundled decks in {folder}: {decks} ok, {broken} broken; "
                                 "run `mockint validate` on them")
            result.notes.append(f"{decks} bundled decks, {questions} questions, from {folder}")
            time_pair(result, [PYTHON, "-c", _DISCOVER], [PYTHON, "-c", _PARSE_DIR, folder], runs, env)
        finally:
            shutil.rmtree(home, ignore_errors=True)

    return _guard(result, body)


def bench_decks_index(runs: int) -> Result:
    result = Result("decks-index", what="process listing every bundled deck from the warm deck "
                                        "index (what home does) vs one only tomllib-parsing them")

    def body() -> None:
        home = Path(tempfile.mkdtemp(prefix="mockint-bench-"))
        try:
            env = bench_env(home)
            folder = _output([PYTHON, "-c", _CHECK_DECKS], env).strip().splitlines()[-2]
            _output([PYTHON, "-c", _DISCOVER_INDEX], env)  # makes the index
            time_pair(result, [PYTHON, "-c", _DISCOVER_INDEX], [PYTHON, "-c", _PARSE_DIR, folder],
                      runs, env)
        finally:
            shutil.rmtree(home, ignore_errors=True)

    return _guard(result, body)


def bench_deck_10k(runs: int) -> Result:
    result = Result("deck-10k", what=f"`mockint validate` on a generated {DECK_QUESTIONS}-question "
                                     "deck vs a process only tomllib-parsing it")

    def body() -> None:
        folder = Path(tempfile.mkdtemp(prefix="mockint-bench-deck-"))
        try:
            env = bench_env(folder / "home")
            path = write_deck(folder, DECK_QUESTIONS)
            said = _output([MOCKINT, "validate", str(path)], env)  # also the warm-up
            if f"{DECK_QUESTIONS} questions" not in said:
                raise BenchError(f"mockint validate did not accept the generated deck: {said!r}")
            result.notes.append(f"generated deck: {path.stat().st_size / 1e6:.1f} MB")
            time_pair(result, [MOCKINT, "validate", str(path)],
                      [PYTHON, "-c", _PARSE_FILE, str(path)], runs, env, warmup=False)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    return _guard(result, body)
