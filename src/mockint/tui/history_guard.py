"""Screens that read the history survive a history damaged after it opened.

The store raises `HistoryUnavailable` (with a message naming the file and what to
do) when a read meets a damaged page or row. Uncaught, in a handler or a worker,
Textual ends the app. A handler or worker wrapped in `reads_history` instead shows
that message and leaves the screen as it was, so the person can go on, unsaved
history or not.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from textual.dom import DOMNode

from mockint.storage.history_errors import HistoryUnavailable

Method = TypeVar("Method", bound=Callable[..., Any])


def __getattr__(name: str) -> tuple[type[Exception], ...]:
    """`STORE_ERRORS`, what a save or a read can raise: damage, a full disk (both
    `HistoryUnavailable`), or a constraint the row broke (`sqlite3.Error`).

    Made when first asked for: the first frame needs `reads_history` from here, not
    sqlite3 (~2 ms of the start; the history opens after that frame)."""
    if name == "STORE_ERRORS":
        import sqlite3

        return (HistoryUnavailable, sqlite3.Error)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def reads_history(method: Method) -> Method:
    """Wrap a screen's (or the flow's) method that reads the history: damage is a message.

    Works on anything with an `app`: screens, widgets, and the interview flow."""

    @functools.wraps(method)
    def guarded(self: DOMNode, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except HistoryUnavailable as problem:
            # notify is thread-safe, so this serves thread workers too.
            self.app.notify(problem.user_message, title="History", severity="error", timeout=20)
            return None

    return guarded  # type: ignore[return-value]


def store_error_text(error: Exception) -> str:
    """What went wrong, in the words the person can act on."""
    return error.user_message if isinstance(error, HistoryUnavailable) else str(error)
