"""Reading state (read marks, last article, positions) kept in the store, written off the UI thread.

The store commits with fsync; a write per keypress on the UI thread would
stutter.  Writes are queued to one thread, in order, and flushed on close.
A write that fails is reported and the thread goes on: a dead writer would
leave ``flush`` (the bookmarks panel, quitting) waiting forever.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.engine.bookmarks.store import Store


class ReadingState:
    def __init__(self, folder: Path, *, report: Callable[[str], None]) -> None:
        """``report`` is told of a failed write; it is called from the writer thread and must not block."""
        self.folder = folder
        self.report = report
        self.store = None
        self._queue: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()  # open (a worker) and close (quitting) never interleave
        self._closed = False

    def open(self) -> str | None:
        """Open the store (call from a worker thread); returns a notice for the user, if any."""
        from tui.engine.bookmarks.store import Store

        with self._lock:
            if self._closed:  # the reader quit while the folder was being read
                return None
            self.store = Store.open()
            thread = threading.Thread(target=self._write_loop, name="newsread-store", daemon=True)
            thread.start()
            self._thread = thread
            return self.store.notice

    def read_ids(self) -> set[str]:
        return self.store.read_ids(self.folder) if self.store else set()

    def last(self) -> tuple[str, float | None] | None:
        """The last article opened here and its scroll position, if any."""
        if self.store is None:
            return None
        article_id = self.store.last(self.folder)
        return (article_id, self.store.position(self.folder, article_id)) if article_id else None

    def bookmarks(self) -> list:
        return self.store.bookmarks() if self.store else []

    def mark_read(self, article_id: str) -> None:
        self._put(lambda store: store.mark_read(self.folder, article_id))

    def set_last(self, article_id: str) -> None:
        """The article to reopen next time."""
        self._put(lambda store: store.set_last(self.folder, article_id))

    def set_position(self, article_id: str, place: float) -> None:
        """Where the reader left ``article_id``, as a fraction of its lines."""
        self._put(lambda store: store.set_position(self.folder, article_id, place))

    def add_bookmark(self, bookmark) -> bool:
        """Queue saving ``bookmark``; False if the store cannot save at all."""
        return self._put(lambda store: store.add_bookmark(bookmark))

    def _put(self, write: Callable[[Store], object]) -> bool:
        """Queue ``write(store)`` for the writer thread; False (nothing queued) when the store cannot save."""
        store = self.store
        if store is None or store.readonly:
            return False
        self._queue.put(partial(write, store))
        return True

    def _write_loop(self) -> None:
        while (write := self._queue.get()) is not None:
            try:
                write()
            except Exception as e:  # one bad write must not stop the ones after it
                self.report(f"a write to the bookmark store failed: {e}")
            finally:
                self._queue.task_done()
        self._queue.task_done()

    def flush(self) -> None:
        """Wait until every queued write is done (before reading what was written)."""
        if self._thread is not None:
            self._queue.join()

    def close(self) -> None:
        """Write what is queued, then close the store (and open it no more)."""
        with self._lock:
            self._closed = True
            self._close()

    def _close(self) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout=5)
            self._thread = None
        if self.store is not None:
            self.store.close()
            self.store = None
