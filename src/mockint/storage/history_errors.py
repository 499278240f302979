"""Why the history cannot be used: the errors of `mockint.storage.history`.

Apart from the package, so that the screens drawn before the history is open
(home, `mockint run`'s first question) can name these errors without loading
SQLite and the store: the history is opened, and its code imported, after the
first frame (issue 15). `mockint.storage.history` re-exports them.
"""

from __future__ import annotations

from pathlib import Path


class HistoryUnavailable(Exception):
    """The history file cannot be used; nothing in it was changed."""

    def __init__(self, path: Path, problem: str, advice: str) -> None:
        super().__init__(f"{path}: {problem}. {advice}")
        self.path, self.problem, self.advice = path, problem, advice

    @property
    def user_message(self) -> str:
        """What is wrong, which file, and what to do: one text for the CLI and the TUI."""
        return str(self)


class HistoryCorrupt(HistoryUnavailable):
    """The file is damaged, or is not (or no longer) a mockint history: retrying won't help."""


class HistoryWriteFailed(HistoryUnavailable):
    """A save did not reach the disk (disk full, I/O error, read-only, busy): worth retrying."""
