"""The deck index: what the home screen needs of each deck, without validating it.

The first screen lists decks by title with their question counts; validating
every deck with pydantic to draw that cost more than the rest of the start-up.
So each deck file gets a compact summary (id, title, description, time limit,
interviewer, and its questions' ids, categories and levels), kept in one JSON
file in the cache folder with the file's size and modification time, plus the
verdict of the last full validation of exactly that file (`problems`: empty
when it was valid, `None` when it has not been validated yet).

A summary is trusted only while the file's size and mtime, mockint's version
and the deck rules' own source files are unchanged; anything else (a changed
file, a new mockint, a truncated or hand-edited cache) is silently rebuilt from
the deck files. The cache is safe to delete. Nothing here imports pydantic.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from mockint import __version__, paths
from mockint.core.deck_problem import DeckProblem
from mockint.storage.files import cache_name, write_json_quietly

FORMAT = 1
INDEX_NAME = "deck-index.json"
DATA_FOLDER = "deck-data"  # beside the index: each valid deck's parsed data, as JSON
# The verdict depends on these files' rules: a changed one makes every cached verdict stale.
_RULES = ("core/deck.py", "core/deck_problem.py", "storage/decks.py", "storage/deck_index.py")
_PACKAGE = Path(__file__).resolve().parent.parent

Stamp = tuple[int, int]  # (size, mtime in ns)
QuestionInfo = tuple[str, str, str]  # (id, category, level)


class DeckSummary(NamedTuple):
    """One deck as the deck lists show it; `problems` None = not validated yet.
    (A NamedTuple is cheaper to import than a frozen dataclass: see DeckProblem.)"""

    id: str
    title: str
    description: str = ""
    time_limit: int = 120
    interviewer: str = ""
    questions: tuple[QuestionInfo, ...] = ()
    problems: tuple[DeckProblem, ...] | None = None

    @property
    def question_ids(self) -> tuple[str, ...]:
        return tuple(q[0] for q in self.questions)

    def category_counts(self) -> Counter[str]:
        return Counter(q[1] for q in self.questions)

    def level_counts(self) -> Counter[str]:
        return Counter(q[2] for q in self.questions)

    def checked(self, problems: Iterable[DeckProblem]) -> DeckSummary:
        """The same summary with the verdict of a full validation."""
        return DeckSummary(self.id, self.title, self.description, self.time_limit,
                           self.interviewer, self.questions, tuple(problems))


def from_deck(deck: Any) -> DeckSummary:
    """The summary of a validated deck (a `mockint.core.deck.Deck`)."""
    return DeckSummary(
        id=deck.id, title=deck.title, description=deck.description, time_limit=deck.time_limit,
        interviewer=deck.interviewer.name if deck.interviewer else "",
        questions=tuple((q.id, q.category, q.level) for q in deck.questions),
        problems=(),
    )


def broken(path: Path, problems: Iterable[DeckProblem]) -> DeckSummary:
    """The summary of a file that cannot be used."""
    return DeckSummary(id="", title=path.stem, problems=tuple(problems))


def from_data(data: Mapping[str, Any]) -> DeckSummary | None:
    """A summary read from parsed, not yet validated, deck data; None when its shape is
    too far off to summarise (validating it then says what is wrong)."""
    deck_id, title = data.get("id"), data.get("title")
    description = data.get("description", "")
    time_limit = data.get("time_limit", 120)
    interviewer = data.get("interviewer")
    questions = data.get("questions", [])
    if not (isinstance(deck_id, str) and isinstance(title, str) and title
            and isinstance(description, str) and _is_int(time_limit)
            and (interviewer is None or isinstance(interviewer, Mapping))
            and isinstance(questions, list)):
        return None
    name = interviewer.get("name", "") if interviewer else ""
    infos = []
    for question in questions:
        if not isinstance(question, Mapping):
            return None
        qid, category, level = question.get("id"), question.get("category"), question.get("level", "mid")
        if not (isinstance(qid, str) and isinstance(category, str) and isinstance(level, str)):
            return None
        infos.append((qid, category, level))
    return DeckSummary(deck_id, title, description, time_limit,
                       name if isinstance(name, str) else "", tuple(infos), None)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def stamp_of(stat: os.stat_result) -> Stamp:
    return (stat.st_size, stat.st_mtime_ns)


def _rules() -> str:
    parts = [__version__]
    for name in _RULES:
        try:
            size, mtime = stamp_of((_PACKAGE / name).stat())
            parts.append(f"{size}.{mtime}")
        except OSError:
            parts.append("-")
    return " ".join(parts)


class DeckIndex:
    """Summaries by file, loaded from and saved to the cache folder."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.cache_dir() / INDEX_NAME
        self.rules = _rules()
        self._records: dict[str, tuple[Stamp, DeckSummary]] = {}
        self.dirty = False
        self._load()

    def get(self, file: Path, stamp: Stamp) -> DeckSummary | None:
        """The summary of `file` if the index has one for exactly this version of it."""
        record = self._records.get(str(file))
        return record[1] if record is not None and record[0] == stamp else None

    def put(self, file: Path, stamp: Stamp, summary: DeckSummary) -> None:
        if self._records.get(str(file)) != (stamp, summary):
            self._records[str(file)] = (stamp, summary)
            self.dirty = True

    def update(self, file: Path, summary: DeckSummary) -> None:
        """Replace the summary of a file already in the index (after validating it)."""
        record = self._records.get(str(file))
        if record is not None:
            self.put(file, record[0], summary)

    def save(self) -> None:
        """Write the index if it changed; a cache that cannot be written is only a slower start."""
        if not self.dirty:
            return
        data = {"format": FORMAT, "rules": self.rules,
                "decks": {name: _record_json(stamp, summary)
                          for name, (stamp, summary) in self._records.items()}}
        if write_json_quietly(self.path, data):
            self.dirty = False

    def data(self, file: Path, stamp: Stamp) -> dict[str, Any] | None:
        """The parsed data kept for exactly this version of `file` (see `keep_data`), or
        None. JSON reads in well under a millisecond what tomllib takes ~15 ms for."""
        try:
            raw = json.loads(self._data_path(file).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError):
            return None
        if not (isinstance(raw, dict) and raw.get("rules") == self.rules
                and raw.get("file") == str(file) and raw.get("stamp") == list(stamp)
                and isinstance(raw.get("data"), dict)):
            return None
        return raw["data"]

    def keep_data(self, file: Path, stamp: Stamp, data: Mapping[str, Any]) -> None:
        """Keep the parsed data of a deck that validated (nothing if it cannot be kept)."""
        write_json_quietly(self._data_path(file), {"rules": self.rules, "file": str(file),
                                            "stamp": list(stamp), "data": data})

    def _data_path(self, file: Path) -> Path:
        return self.path.parent / DATA_FOLDER / cache_name(file)

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError):
            return  # none yet, or unreadable: rebuilt from the deck files
        if not (isinstance(data, dict) and data.get("format") == FORMAT
                and data.get("rules") == self.rules and isinstance(data.get("decks"), dict)):
            return
        for name, raw in data["decks"].items():
            record = _record_from_json(raw)
            if record is not None:
                self._records[name] = record


def _record_json(stamp: Stamp, s: DeckSummary) -> dict[str, Any]:
    return {"size": stamp[0], "mtime_ns": stamp[1], "id": s.id, "title": s.title,
            "description": s.description, "time_limit": s.time_limit,
            "interviewer": s.interviewer, "questions": [list(q) for q in s.questions],
            "problems": None if s.problems is None else
            [[p.file, p.place, p.message] for p in s.problems]}


def _record_from_json(raw: object) -> tuple[Stamp, DeckSummary] | None:
    """A record exactly as written by `_record_json`, or None: a cache is never trusted blindly."""
    if not isinstance(raw, dict):
        return None
    size, mtime = raw.get("size"), raw.get("mtime_ns")
    texts = [raw.get(k) for k in ("id", "title", "description", "interviewer")]
    questions, problems = raw.get("questions"), raw.get("problems")
    if not (_is_int(size) and _is_int(mtime) and _is_int(raw.get("time_limit"))
            and all(isinstance(t, str) for t in texts) and isinstance(questions, list)
            and (problems is None or isinstance(problems, list))):
        return None
    if not all(_strings(q, 3) for q in questions):
        return None
    if problems is not None and not all(_strings(p, 3) for p in problems):
        return None
    summary = DeckSummary(
        id=str(texts[0]), title=str(texts[1]), description=str(texts[2]),
        time_limit=raw["time_limit"], interviewer=str(texts[3]), questions=tuple(tuple(q) for q in questions),
        problems=None if problems is None else tuple(DeckProblem(*p) for p in problems))
    assert isinstance(size, int) and isinstance(mtime, int)  # checked by _is_int above
    return (size, mtime), summary


def _strings(item: object, count: int) -> bool:
    return isinstance(item, list) and len(item) == count and all(isinstance(x, str) for x in item)
