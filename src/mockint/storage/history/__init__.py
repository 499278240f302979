"""The history of every session, in SQLite.

- `schema`: migrations, opening, and why a file is refused (`HistoryUnavailable`)
- `store`: `HistoryStore`, sessions and answers, the list, search and stats queries
- `cards`: FSRS cards and reviews
- `stories`: the STAR story bank and which story was told to which answer
- `writer`: `BackgroundWriter`, the ordered writer thread
- `rows`: rows as Python values and back
"""

from mockint.storage.history.rows import (
    AnswerHit,
    HistoryFilter,
    NoteHit,
    SessionSummary,
    fts_query,
)
from mockint.storage.history.schema import (
    BUSY_TIMEOUT_MS,
    MIGRATIONS,
    SCHEMA_VERSION,
    HistoryCorrupt,
    HistoryUnavailable,
    HistoryWriteFailed,
)
from mockint.storage.history.store import STALE_AFTER, HistoryStore
from mockint.storage.history.writer import BackgroundWriter

__all__ = [
    "BUSY_TIMEOUT_MS",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "STALE_AFTER",
    "AnswerHit",
    "BackgroundWriter",
    "HistoryFilter",
    "HistoryStore",
    "HistoryCorrupt",
    "HistoryUnavailable",
    "HistoryWriteFailed",
    "NoteHit",
    "SessionSummary",
    "fts_query",
]
