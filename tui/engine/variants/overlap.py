"""How much of two normalised texts is the same text: aligned runs, bounded in cost.

The alignment is rapidfuzz's Indel (longest common subsequence) on the
normalised characters; only equal runs of at least ``MIN_RUN`` characters
count, so the scattered single characters that any two Chinese texts share
(的, 在, 发展…) are not mistaken for a shared passage.

Bounded: the bit-parallel LCS costs about ``len(a) * len(b) / 64`` words of
time and memory, so above ``MAX_CELLS`` the longer text is cut into
``CHUNK``-character windows and each window is aligned only against the
region of the other text where its sampled shingles land.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz.distance import Indel

from tui.engine.variants.shingles import first_positions

MIN_RUN = 8
MAX_CELLS = 64_000_000
CHUNK = 4000

Block = tuple[int, int, int]  # (start in a, start in b, size)


def _runs(a: str, b: str) -> list[Block]:
    return [(m.a, m.b, m.size) for m in Indel.opcodes(a, b).as_matching_blocks() if m.size >= MIN_RUN]


def _windowed(a: str, b: str) -> list[Block]:
    """Align ``a`` window by window, each against its neighbourhood in ``b``."""
    where = first_positions(b)
    out: list[Block] = []
    for start in range(0, len(a), CHUNK):
        window = a[start : start + CHUNK]
        shifts = sorted(where[h] - p for h, p in first_positions(window).items() if h in where)
        if not shifts:
            continue
        at = shifts[len(shifts) // 2]  # where the window most likely starts in b
        lo, hi = max(0, at - CHUNK // 2), max(0, min(len(b), at + CHUNK + CHUNK // 2))
        if lo >= hi:
            continue
        out.extend((start + ai, lo + bj, size) for ai, bj, size in _runs(window, b[lo:hi]))
    return out


def alignment(a: str, b: str) -> list[Block]:
    """Equal runs of at least ``MIN_RUN`` characters between ``a`` and ``b``."""
    if not a or not b:
        return []
    if len(a) * len(b) <= MAX_CELLS:
        return _runs(a, b)
    if len(a) >= len(b):
        return _windowed(a, b)
    return [(ai, bj, size) for bj, ai, size in _windowed(b, a)]


def covered(blocks: Iterable[Block], n: int) -> bytearray:
    """A 0/1 mask over the ``n`` characters of side a that some block covers."""
    mask = bytearray(n)
    for ai, _, size in blocks:
        mask[ai : ai + size] = b"\x01" * size
    return mask


def aligned_chars(blocks: list[Block], len_a: int, len_b: int) -> int:
    """Characters aligned, counted once on each side (windows may overlap on b)."""
    side_b = covered(((bj, ai, size) for ai, bj, size in blocks), len_b)
    return min(sum(covered(blocks, len_a)), sum(side_b))
