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
