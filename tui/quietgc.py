"""Cyclic garbage collection held off while workers build long-lived data.

A full collection walks every tracked object holding the GIL: with 10,000
articles half-loaded that is over 100 ms in which the UI thread cannot paint.
The workers that build the corpus and the groups run inside :func:`held`;
when the last of them ends, everything built so far is frozen (never walked
again by the collector) and collection resumes.
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
