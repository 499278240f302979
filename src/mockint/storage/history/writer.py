"""The ordered writer: every save on one background thread, in the order asked."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable

from mockint.storage.history.store import HistoryStore


class BackgroundWriter:
    """Saves on one background thread, in the order asked, so the UI never waits on disk.

    One thread rather than a worker per save: a draft saved a moment before a
    submit must not land after it and undo it.
    """

    def __init__(self, store: HistoryStore, on_error: Callable[[Exception], None]) -> None:
        self.store = store
        self.on_error = on_error
        self._queue: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="mockint-history", daemon=True)
        self._thread.start()

    def submit(self, job: Callable[[], None]) -> None:
        self._queue.put(job)

    def flush(self, timeout: float = 5.0) -> None:
        """Wait until every save asked for so far is on disk."""
        done = threading.Event()
        self._queue.put(done.set)
        done.wait(timeout)

    def close(self) -> None:
        self.flush()
        self._queue.put(None)
        self._thread.join(timeout=5.0)

    def _run(self) -> None:
        while (job := self._queue.get()) is not None:
            try:
                job()
            except Exception as error:  # a failed save is reported, the next still runs
                self.on_error(error)
