"""Passages two texts share, found locally as passim does: seeds, chains of seeds, a bounded alignment.

An OCR page is often one article holding many stories, and a wire report
sits inside a longer article: two such articles share a passage while
neither is mostly the other.  On two normalised texts
(:func:`.shingles.match_key`):

1. *Seeds*: the sampled shingles (:mod:`.shingles`) both texts hold, each at
   its first position in each, less the shingles too common to tell
   anything (``common``).
2. *Chains*: seeds in order in both texts, each at most ``SEED_GAP``
   characters after the previous one and on nearly its diagonal (the offset
   between the texts moves by at most ``SEED_DRIFT``).  A chain of at least
   ``MIN_SEEDS`` seeds reaching over ``MIN_REACH`` characters (not one
   sentence many stories quote) marks a region worth aligning; regions that
   overlap in both texts are one region.
3. Each region, widened by ``CONTEXT`` characters on both sides, is aligned
   by :func:`.overlap.alignment` (equal runs of 8 or more characters; bounded).
4. The runs are cut into *pieces* wherever two runs are more than ``MAX_GAP``
   characters apart in either text (a garbled line is bridged, two stories
   are not).  Pieces of at least ``MIN_PIECE`` aligned characters are joined
   in order while the next one follows within ``JOIN_GAP`` characters in both
   texts (a paragraph one copy dropped) and the join stays at least
   ``MIN_DENSITY`` aligned on its longer side.
5. A joined passage counts when it aligns at least ``MIN_PASSAGE`` characters.
   Two reports of one event that quote the same sentences stay apart: their
   quotes are short pieces far apart, too sparse to join into one passage.

A passage is a plain tuple ``(a_start, a_end, b_start, b_end, aligned)`` of
offsets into the two normalised texts.  Every step is linear in the seeds or
bounded by :mod:`.overlap`; nothing aligns two whole pages at once.
"""

from __future__ import annotations

from collections.abc import Container, Mapping

from tui.engine.variants.overlap import Block, alignment
from tui.engine.variants.shingles import LATIN_SHINGLE

MIN_SEEDS = 8
MIN_REACH = 150  # characters from a chain's first seed to its last
SEED_GAP = 400
SEED_DRIFT = 100
CONTEXT = 200
MAX_GAP = 60
MIN_PIECE = 50
JOIN_GAP = 1000
MIN_DENSITY = 0.65
MIN_PASSAGE = 300

Passage = tuple[int, int, int, int, int]  # (a_start, a_end, b_start, b_end, aligned)
Region = tuple[int, int, int, int]  # (a_start, a_end, b_start, b_end)


def seeds(pos_a: Mapping[int, int], pos_b: Mapping[int, int], common: Container[int] = ()) -> list[tuple[int, int]]:
    """(position in a, position in b) of every shingle both hold, less ``common`` ones, in order of a."""
    if len(pos_a) > len(pos_b):
        return sorted((pos_a[h], pos_b[h]) for h in pos_b.keys() & pos_a.keys() if h not in common)
    return sorted((pos_a[h], pos_b[h]) for h in pos_a.keys() & pos_b.keys() if h not in common)


def chains(points: list[tuple[int, int]]) -> list[Region]:
    """Extents of the chains of ``MIN_SEEDS`` or more seeds reaching ``MIN_REACH`` (``points`` in order of a)."""
    open_: list[list[int]] = []  # [a_first, b_first, a_last, b_last, count]
    done: list[list[int]] = []
    for pa, pb in points:
        still = []
        for c in open_:
            (still if pa - c[2] <= SEED_GAP else done).append(c)
        open_ = still
        for c in open_:
            if pa > c[2] and pb > c[3] and abs((pb - pa) - (c[3] - c[2])) <= SEED_DRIFT:
                c[2], c[3], c[4] = pa, pb, c[4] + 1
                break
        else:
            open_.append([pa, pb, pa, pb, 1])
    return [
        (c[0], c[2] + LATIN_SHINGLE, c[1], c[3] + LATIN_SHINGLE)
        for c in done + open_
        if c[4] >= MIN_SEEDS and c[2] - c[0] >= MIN_REACH
    ]


def regions(extents: list[Region], len_a: int, len_b: int) -> list[Region]:
    """The chains' extents widened by ``CONTEXT``; those overlapping in both texts made one."""
    todo = [
        (max(0, sa - CONTEXT), min(len_a, ea + CONTEXT), max(0, sb - CONTEXT), min(len_b, eb + CONTEXT))
        for sa, ea, sb, eb in extents
    ]
    out: list[Region] = []
    while todo:
        r = todo.pop()
        for k, q in enumerate(out):
            if r[0] < q[1] and q[0] < r[1] and r[2] < q[3] and q[2] < r[3]:
                del out[k]
                todo.append((min(r[0], q[0]), max(r[1], q[1]), min(r[2], q[2]), max(r[3], q[3])))
                break
        else:
            out.append(r)
    return sorted(out)


def pieces(blocks: list[Block]) -> list[Passage]:
    """Runs cut where two of them lie more than ``MAX_GAP`` apart in either text."""
    out: list[Passage] = []
    for ai, bj, size in sorted(blocks):
        if out:
            sa, ea, sb, eb, n = out[-1]
            if ai - ea <= MAX_GAP and sb <= bj and bj - eb <= MAX_GAP:
                out[-1] = (sa, max(ea, ai + size), sb, max(eb, bj + size), n + size)
                continue
        out.append((ai, ai + size, bj, bj + size, size))
    return out


def _density(p: Passage) -> float:
    return p[4] / max(p[1] - p[0], p[3] - p[2], 1)


def joined(parts: list[Passage], min_piece: int = MIN_PIECE) -> list[Passage]:
    """Pieces of ``min_piece`` or more aligned characters, joined in order while the join stays dense."""
    out: list[Passage] = []
    for p in sorted(x for x in parts if x[4] >= min_piece):
        if out:
            sa, ea, sb, eb, n = out[-1]
            if 0 <= p[0] - ea <= JOIN_GAP and 0 <= p[2] - eb <= JOIN_GAP:
                join = (sa, p[1], sb, max(eb, p[3]), n + p[4])
                if _density(join) >= MIN_DENSITY:
                    out[-1] = join
                    continue
        out.append(p)
    return out


def shared_passages(
    a: str, b: str, pos_a: Mapping[int, int], pos_b: Mapping[int, int], common: Container[int] = ()
) -> list[Passage]:
    """The passages of at least ``MIN_PASSAGE`` aligned characters that ``a`` and ``b`` share, in order of a."""
    found: list[Passage] = []
    for sa, ea, sb, eb in regions(chains(seeds(pos_a, pos_b, common)), len(a), len(b)):
        runs = alignment(a[sa:ea], b[sb:eb])
        found += [(sa + p[0], sa + p[1], sb + p[2], sb + p[3], p[4]) for p in pieces(runs)]
    return [p for p in joined(found) if p[4] >= MIN_PASSAGE and _density(p) >= MIN_DENSITY]


def extent(blocks: list[Block]) -> Region | None:
    """Where an alignment of two whole texts lies: the hull of its pieces that carry weight, and their neighbours.

    A piece carries weight when it aligns ``MIN_PIECE`` characters or a
    quarter of the whole (a short item); a smaller piece joins the hull when
    it lies within ``JOIN_GAP`` of it in both texts (the last short paragraph
    after one that a copy dropped), so only stray runs far from the shared
    text are left out.  None when nothing is aligned.
    """
    if not blocks:
        return None
    parts = pieces(blocks)
    total = sum(p[4] for p in parts)
    kept = [k for k, p in enumerate(parts) if p[4] >= min(MIN_PIECE, total / 4)]
    lo, hi = kept[0], kept[-1]  # pieces are in order of a
    sa, ea = parts[lo][0], parts[hi][1]
    sb, eb = min(parts[k][2] for k in kept), max(parts[k][3] for k in kept)

    def near(p: Passage) -> bool:
        return p[0] - ea <= JOIN_GAP and sa - p[1] <= JOIN_GAP and p[2] - eb <= JOIN_GAP and sb - p[3] <= JOIN_GAP

    while lo > 0 and near(parts[lo - 1]):
        lo -= 1
        sa, sb, eb = parts[lo][0], min(sb, parts[lo][2]), max(eb, parts[lo][3])
    while hi < len(parts) - 1 and near(parts[hi + 1]):
        hi += 1
        ea, sb, eb = parts[hi][1], min(sb, parts[hi][2]), max(eb, parts[hi][3])
    for p in parts[lo : hi + 1]:
        ea = max(ea, p[1])
    return sa, ea, sb, eb
