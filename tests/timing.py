"""Timing for the tests that bound a cost: always a ratio of two times taken in the same run, never a limit."""

import time
from collections.abc import Callable


def best(fn: Callable[[], object], repeat: int = 5) -> float:
    """The best wall time of ``repeat`` runs of ``fn`` (the least disturbed by a busy machine)."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)
