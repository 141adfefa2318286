"""Cyclic garbage collection held off while long-lived data is built.

A full collection walks every tracked object holding the GIL: with 10,000
articles half-loaded that is over 100 ms in which the reader cannot paint,
and as the heap grows the passes make building superlinear.  Loading the
corpus and grouping it run inside :func:`held` (from any thread, nested or
not); when the last holder ends, everything built so far is frozen (never
walked again by the collector) and collection resumes.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holders = 0
_was_enabled = True


@contextmanager
def held() -> Iterator[None]:
    """Collection off until the last holder leaves; then freeze what exists and restore the collector.

    The freeze also keeps any reference cycle that became garbage meanwhile
    (a few from the UI thread during a load): a bounded leak, taken instead
    of the full collection that would find it, which is the stall avoided.
    """
    global _holders, _was_enabled
    with _lock:
        _holders += 1
        if _holders == 1:
            _was_enabled = gc.isenabled()
            gc.disable()
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0:
                gc.freeze()
                if _was_enabled:
                    gc.enable()
