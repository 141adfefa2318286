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


@contextmanager
def held() -> Iterator[None]:
    global _holders
    with _lock:
        _holders += 1
        if _holders == 1:
            gc.disable()
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0:
                gc.freeze()
                gc.enable()
