"""The ordered writer: every save on one background thread, in the order asked.

A save that fails because the disk is full (or busy, or briefly unwritable)
is not dropped: it stays first in the queue and is tried again, with the
saves behind it waiting their turn, so nothing lands out of order and
nothing typed is lost once the disk has room again. The UI hears of the
failure once (`on_error`) and of the recovery once (`on_recovered`), and can
show `failing` and `pending` meanwhile.
"""

from __future__ import annotations

import errno
import sqlite3
import threading
from collections import deque
from collections.abc import Callable

from mockint.storage.history.schema import HistoryWriteFailed
from mockint.storage.history.store import HistoryStore

Job = Callable[[], object]


def retryable(error: Exception) -> bool:
    """Whether trying the same save again later may succeed (full disk, I/O, busy)."""
    if isinstance(error, HistoryWriteFailed):
        return True
    if isinstance(error, sqlite3.OperationalError):
        return "malformed" not in str(error) and "not a database" not in str(error)
    return isinstance(error, OSError) and error.errno in (
        errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EAGAIN, errno.EROFS, errno.EACCES)


class BackgroundWriter:
    """Saves on one background thread, in the order asked, so the UI never waits on disk.

    One thread rather than a worker per save: a draft saved a moment before a
    submit must not land after it and undo it.
    """

    def __init__(self, store: HistoryStore, on_error: Callable[[Exception], None], *,
                 on_recovered: Callable[[], None] | None = None,
                 retry_after: float = 2.0, max_retry_after: float = 30.0) -> None:
        self.store = store
        self.on_error = on_error
        self.on_recovered = on_recovered
        self.retry_after, self.max_retry_after = retry_after, max_retry_after
        self.failing: Exception | None = None  # the last failure, while saves are held back
        self._jobs: deque[Job | None] = deque()
        self._changed = threading.Condition()
        self._running: Job | None = None
        self._closing = False
        self._thread = threading.Thread(target=self._run, name="mockint-history", daemon=True)
        self._thread.start()

    @property
    def pending(self) -> int:
        """Saves asked for and not yet on disk (including one being retried)."""
        with self._changed:
            return sum(1 for job in self._jobs if job is not None) + (self._running is not None)

    def submit(self, job: Job) -> None:
        with self._changed:
            self._jobs.append(job)
            self._changed.notify_all()

    def retry_now(self) -> None:
        """Try a held-back save at once (the user freed some space)."""
        with self._changed:
            self._changed.notify_all()

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until every save asked for so far is on disk; False if some are still held."""
        done = threading.Event()
        self.submit(done.set)
        self.retry_now()
        return done.wait(timeout)

    def close(self) -> None:
        self.flush()
        with self._changed:
            self._closing = True  # a save still failing now is reported, not retried forever
            self._jobs.append(None)
            self._changed.notify_all()
        self._thread.join(timeout=5.0)

    def _run(self) -> None:
        delay = self.retry_after
        while True:
            with self._changed:
                while not self._jobs:
                    self._changed.wait()
                job = self._jobs[0]
                if job is None:
                    return
                self._running = job
            try:
                job()
            except Exception as error:
                with self._changed:
                    self._running = None
                if self._closing:
                    self.on_error(error)
                    return
                if not retryable(error):  # a save that can never work: report, go on
                    with self._changed:
                        self._jobs.popleft()
                    self.on_error(error)
                    continue
                first = self.failing is None
                self.failing = error
                if first:
                    self.on_error(error)
                with self._changed:  # keep it first; wait, or until retry_now / flush
                    self._changed.wait(delay)
                delay = min(delay * 2, self.max_retry_after)
                continue
            with self._changed:
                self._running = None
                self._jobs.popleft()
            delay = self.retry_after
            if self.failing is not None:
                self.failing = None
                if self.on_recovered is not None:
                    self.on_recovered()
