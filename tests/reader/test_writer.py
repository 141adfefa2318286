"""The store's writer thread: a write that fails is reported, and the writes after it still happen."""

from __future__ import annotations

import threading

from tui.reader.state import ReadingState


def test_a_failing_write_is_reported_and_the_writer_goes_on(tmp_path):
    reports: list[str] = []
    state = ReadingState(tmp_path, report=reports.append)
    assert state.open() is None
    try:
        state.set_position("a.txt#1", "not a number")  # float() raises in the writer thread
        state.mark_read("a.txt#1")
        flushed = threading.Thread(target=state.flush, daemon=True)
        flushed.start()
        flushed.join(timeout=10)
        assert not flushed.is_alive()  # flush did not wait forever on a dead writer
        assert len(reports) == 1 and "could not convert string to float" in reports[0]
        assert state.read_ids() == {"a.txt#1"}  # the write after the failure was made
    finally:
        state.close()


def test_quitting_while_the_store_opens_waits_for_it_and_closes_it(tmp_path, monkeypatch):
    """The reader reads the folder (and opens the store) from its first frame: a quit can come mid-open."""
    from tui.engine.bookmarks import store

    entered, release = threading.Event(), threading.Event()
    real_open = store.Store.open

    def slow_open(*args, **kw):
        entered.set()
        release.wait(10)
        return real_open(*args, **kw)

    monkeypatch.setattr(store.Store, "open", staticmethod(slow_open))
    state = ReadingState(tmp_path, report=[].append)
    opening = threading.Thread(target=state.open, daemon=True)
    opening.start()
    assert entered.wait(10)
    closing = threading.Thread(target=state.close, daemon=True)
    closing.start()
    release.set()
    opening.join(10)
    closing.join(10)
    assert not closing.is_alive() and state.store is None and state._thread is None
    assert state.open() is None and state.store is None  # closed: it opens no more
