"""Paragraph alignment of two versions of one story.

Pages differ in how they cut a story into paragraphs: a column break splits
one paragraph in two, a reprint drops one, a splice joins the start of one
paragraph to the end of the next, a jump page moves the headline.  So:

1. Paragraphs are compared by their :func:`~tui.engine.diff.kinds.key` (width,
   spacing, markup and punctuation folded away).  Identical keys are anchors:
   the common head and tail, then keys found once on each side (patience
   diff: :func:`_anchors`); only the gaps between anchors are searched, and a
   gap too large for that is cut again at a similar pair near its middle
   (:func:`_cut`).
2. Each gap is aligned by a DP over 1-1, 1-0, 0-1, 2-1 and 1-2 matches that
   maximises aligned characters.  A 1-1 match needs a normalised Indel
   similarity of at least :data:`MATCH`; in a 2-1 or 1-2 match each of the two
   paragraphs must bring its own solid run of shared text (:func:`_solid`), so
   common phrases alone never join paragraphs.
3. A paragraph left over on each side that matches the other (also with its
   halves swapped, as a headline moved by a jump page often is) is a move.

Every measure is bounded, whatever the input (``好。`` thirty thousand times,
every sentence an OCR variant of the other's, a hundred unrelated
4,000-character paragraphs a side): keys longer than :data:`CLIP` are
clipped, anchoring takes at most :data:`ANCHOR_DEPTH` linear passes, the DP
never sees a gap of more than :data:`MAX_CELLS` cells, and the work spent on
gaps and moves is counted (:class:`_Budget`): linear in the paragraphs and
characters of the input.  When the DP's share is spent, gaps are only cut at
similar pairs; when that is spent too, what is left is deleted and inserted,
and no move is sought beyond its own share or :data:`MAX_MOVE_PAIRS` pairs.

Blocks are plain tuples ``(op, a0, a1, b0, b1)``: half-open paragraph ranges,
``op`` one of ``match``, ``delete``, ``insert``, ``move``.  They are listed in
the order of ``a``; an insertion sits where it falls in ``b``'s order.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Sequence

from rapidfuzz import process
from rapidfuzz.distance import Indel

from tui.engine.diff.kinds import key

Block = tuple[str, int, int, int, int]
Run = tuple[int, int, int]  # (i, j, size): ka[i:i+size] == kb[j:j+size], as difflib's matching blocks

MATCH = 0.5  # least normalised similarity of a 1-1 match
CANDIDATE = 0.45  # least similarity of one part of a 2-1 / 1-2 match
MOVE = 0.6  # least similarity of a moved paragraph
SOLID_RUN = 4  # shared runs shorter than this are chance
SOLID_SHARE = 0.25  # share of a joined part that must lie in solid runs
MAX_CELLS = 40_000  # largest gap (paragraphs x paragraphs) searched by the DP
CLIP = 4_000  # a longer paragraph is compared by its first and last CLIP/2 characters
MAX_MOVE_PAIRS = 1_000_000  # leftover deletions x insertions beyond which no move is sought
ANCHOR_DEPTH = 16  # nested patience passes, each linear in the gaps it searches
# The work one alignment may spend on its gaps and on moves, in units of about a microsecond (as measured with
# rapidfuzz 3.14): comparing two keys in one of rapidfuzz's C loops costs 1/8 plus the product of their lengths
# / PAIR_CHARS (bit-parallel Indel over Chinese text: 0.1 us for two 10-character keys, 2 ms for two of 4,000),
# a DP cell 2, a DP cell where a 1-1 or 2-1 / 1-2 match must be scored JOIN_WORK plus three comparisons.
# Beyond it, gaps are only cut at similar pairs, then deleted and inserted, and no move is sought.
BASE_WORK = 4 * MAX_CELLS
WORK_PER_ITEM = 16
WORK_PER_CHAR = 4
JOIN_WORK = 32
PAIR_CHARS = 8192


class _Budget:
    """What keeps one alignment linear on any input: work left for the DP, for cutting gaps and for moves."""

    def __init__(self, ka: Sequence[str], kb: Sequence[str]) -> None:
        self.chars_a, self.chars_b = _prefix_sums(ka), _prefix_sums(kb)
        work = BASE_WORK + WORK_PER_ITEM * (len(ka) + len(kb)) + WORK_PER_CHAR * (self.chars_a[-1] + self.chars_b[-1])
        self.dp = self.cut = self.moves = work

    def block(self, i0: int, i1: int, j0: int, j1: int) -> int:
        """Work of comparing every key of ka[i0:i1] with every key of kb[j0:j1]."""
        return (i1 - i0) * (j1 - j0) + pair_work(
            self.chars_a[i1] - self.chars_a[i0], self.chars_b[j1] - self.chars_b[j0]
        )


def pair_work(chars_x: int, chars_y: int) -> int:
    """Work of the comparisons between keys of ``chars_x`` and keys of ``chars_y`` characters (besides 1/8 a pair)."""
    return chars_x * chars_y // PAIR_CHARS


def _prefix_sums(keys: Sequence[str]) -> list[int]:
    out = [0]
    for k in keys:
        out.append(out[-1] + len(k))
    return out


def align(a: Sequence[str], b: Sequence[str]) -> list[Block]:
    """Blocks aligning paragraph list ``a`` with ``b`` (see the module docstring)."""
    ka, kb = [_clip(key(p)) for p in a], [_clip(key(p)) for p in b]
    budget = _Budget(ka, kb)
    blocks: list[Block] = []
    i = j = 0
    for ai, bj, size in [*_anchors(ka, kb, 0, len(ka), 0, len(kb), ANCHOR_DEPTH), (len(ka), len(kb), 0)]:
        blocks += _gap(ka, kb, i, ai, j, bj, budget)
        blocks += [("match", ai + k, ai + k + 1, bj + k, bj + k + 1) for k in range(size)]
        i, j = ai + size, bj + size
    return _moves(ka, kb, blocks, budget)


def _anchors(ka: Sequence[str], kb: Sequence[str], i0: int, i1: int, j0: int, j1: int, depth: int) -> list[Run]:
    """Runs of identical keys in order on both sides: the common head and tail of the range, and between them keys
    found exactly once on each side (the longest chain of them in order), searched again between each two.

    Linear per level (plus a sort of the unique pairs), ``depth`` levels at most: unlike difflib's longest
    matching block, no input (a key repeated thousands of times, edits at every other paragraph) makes it
    quadratic.
    """
    head = 0
    while i0 + head < i1 and j0 + head < j1 and ka[i0 + head] == kb[j0 + head]:
        head += 1
    tail = 0
    while tail < i1 - i0 - head and tail < j1 - j0 - head and ka[i1 - 1 - tail] == kb[j1 - 1 - tail]:
        tail += 1
    runs: list[Run] = [(i0, j0, head)] if head else []
    lo_i, lo_j, hi_i, hi_j = i0 + head, j0 + head, i1 - tail, j1 - tail
    unique = _unique_pairs(ka, kb, lo_i, hi_i, lo_j, hi_j) if depth and lo_i < hi_i and lo_j < hi_j else []
    for i, j in unique:
        runs += _anchors(ka, kb, lo_i, i, lo_j, j, depth - 1)
        runs.append((i, j, 1))
        lo_i, lo_j = i + 1, j + 1
    if unique:
        runs += _anchors(ka, kb, lo_i, hi_i, lo_j, hi_j, depth - 1)
    if tail:
        runs.append((hi_i, hi_j, tail))
    return runs


def _unique_pairs(ka: Sequence[str], kb: Sequence[str], i0: int, i1: int, j0: int, j1: int) -> list[tuple[int, int]]:
    """Keys found once in ``ka[i0:i1]`` and once in ``kb[j0:j1]``: the longest chain of their (i, j) in order.

    Keys shorter than :data:`SOLID_RUN` (an OCR speck, a lone mark) are no anchors: unique by chance, one
    of them in the wrong place would drag the whole alignment.
    """
    count_a, count_b = Counter(ka[i0:i1]), Counter(kb[j0:j1])
    at_b = {k: j for j in range(j0, j1) if len(k := kb[j]) >= SOLID_RUN and count_b[k] == 1 and count_a[k] == 1}
    return _increasing([(i, at_b[ka[i]]) for i in range(i0, i1) if ka[i] in at_b])


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of ``pairs`` (increasing in i) whose j increase too (patience sorting)."""
    tops: list[int] = []  # smallest last j of a chain of each length
    ends: list[int] = []  # index into pairs of that chain's last pair
    back = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        n = bisect_left(tops, j)
        back[k] = ends[n - 1] if n else -1
        if n == len(tops):
            tops.append(j)
            ends.append(k)
        else:
            tops[n], ends[n] = j, k
    chain, k = [], ends[-1] if ends else -1
    while k >= 0:
        chain.append(pairs[k])
        k = back[k]
    return chain[::-1]


def _clip(text: str) -> str:
    """Bound the cost of comparing one huge paragraph (a page without blank lines)."""
    return text if len(text) <= CLIP else text[: CLIP // 2] + text[-CLIP // 2 :]


def _similar(x: str, y: str, cutoff: float) -> float:
    """Normalised Indel similarity, 0 below ``cutoff`` (the length check skips hopeless pairs)."""
    if not x or not y or 2 * min(len(x), len(y)) < cutoff * (len(x) + len(y)):
        return 0.0
    return Indel.normalized_similarity(x, y, score_cutoff=cutoff)


def _scores(x: str, ys: Sequence[str], cutoff: float) -> dict[int, float]:
    """Similarity of ``x`` to each of ``ys`` at or above ``cutoff``, by index (one C loop)."""
    if not x:
        return {}
    found = process.extract(x, ys, scorer=Indel.normalized_similarity, score_cutoff=cutoff, limit=None)
    return {k: sc for _, sc, k in found if ys[k]}


def _lcs(x: str, y: str) -> int:
    """Characters in a longest common subsequence: the score of a 1-1 match."""
    return Indel.similarity(x, y) // 2


def _solid(parts: Sequence[str], other: str) -> tuple[int, list[int]]:
    """Aligned characters of ``"".join(parts)`` against ``other``, and each part's chars in runs >= SOLID_RUN."""
    whole = "".join(parts)
    bounds, pos = [], 0
    for p in parts:
        bounds.append((pos, pos + len(p)))
        pos += len(p)
    total, solid = 0, [0] * len(parts)
    for tag, s, e, _, _ in Indel.opcodes(whole, other):
        if tag != "equal":
            continue
        total += e - s
        if e - s >= SOLID_RUN:
            for k, (ps, pe) in enumerate(bounds):
                solid[k] += max(0, min(e, pe) - max(s, ps))
    return total, solid


def _joined(parts: Sequence[str], other: str) -> int:
    """Score of matching two paragraphs with one, or 0 when one part brings nothing solid."""
    total, solid = _solid(parts, other)
    ok = all(sv >= max(SOLID_RUN, SOLID_SHARE * len(p)) for sv, p in zip(solid, parts))
    return total if ok else 0


def _gap(ka: Sequence[str], kb: Sequence[str], i0: int, i1: int, j0: int, j1: int, budget: _Budget) -> list[Block]:
    """Blocks for a[i0:i1] against b[j0:j1], between two anchors.

    A gap the DP may search (and the budget still pays for) goes to the DP; a larger one is cut at a similar pair
    and its two halves searched again; what has no similar pair (or comes after the budget is spent) is deleted
    and inserted.
    """
    n, m = i1 - i0, j1 - j0
    if n and m and n * m <= MAX_CELLS and 2 * n * m + budget.block(i0, i1, j0, j1) <= budget.dp:
        rows = [_scores(ka[i0 + i], kb[j0:j1], CANDIDATE) for i in range(n)]
        budget.dp -= (
            2 * n * m
            + budget.block(i0, i1, j0, j1)
            + sum(
                JOIN_WORK + 3 * pair_work(len(ka[i0 + i]), len(kb[j0 + j])) for i, row in enumerate(rows) for j in row
            )
        )
        if budget.dp >= 0:
            return _dp(ka, kb, i0, i1, j0, j1, rows)
    cut = _cut(ka, kb, i0, i1, j0, j1, budget) if n and m else None
    if cut is None:
        return _deleted(i0, i1, j0) + _inserted(i1, j0, j1)
    ci, cj = cut
    return (
        _gap(ka, kb, i0, ci, j0, cj, budget)
        + [("match", ci, ci + 1, cj, cj + 1)]
        + _gap(ka, kb, ci + 1, i1, cj + 1, j1, budget)
    )


def _deleted(i0: int, i1: int, j: int) -> list[Block]:
    """One block per paragraph of a[i0:i1], deleted at position j of b."""
    return [("delete", k, k + 1, j, j) for k in range(i0, i1)]


def _inserted(i: int, j0: int, j1: int) -> list[Block]:
    """One block per paragraph of b[j0:j1], inserted at position i of a."""
    return [("insert", i, i, k, k + 1) for k in range(j0, j1)]


def _cut(ka, kb, i0, i1, j0, j1, budget: _Budget) -> tuple[int, int] | None:
    """A pair to split a large gap at, in the rows nearest the middle of ``a``.

    The most similar pair wins, the one nearest the diagonal on a tie (a text
    repeated on both sides); rows are scanned outwards from the middle until
    one holds a match or :data:`MAX_CELLS` pairs (or the budget's) were tried
    (None: nothing similar found).
    """
    row = kb[j0:j1]
    tried = 0
    for i in _outwards(i0, i1):
        if budget.cut <= 0:
            return None
        budget.cut -= budget.block(i, i + 1, j0, j1)
        diagonal = (i - i0) * (j1 - j0) / (i1 - i0)
        found = _scores(ka[i], row, MATCH)
        if found:
            j = max(found, key=lambda j: (found[j], -abs(j - diagonal)))
            return i, j0 + j
        tried += j1 - j0
        if tried >= MAX_CELLS:
            return None
    return None


def _outwards(lo: int, hi: int) -> Iterator[int]:
    """``range(lo, hi)`` from its middle outwards, the lower first at equal distance."""
    mid = (lo + hi) // 2
    yield mid
    for d in range(1, max(mid - lo, hi - mid) + 1):
        if mid - d >= lo:
            yield mid - d
        if mid + d < hi:
            yield mid + d


def _dp(ka, kb, i0, i1, j0, j1, rows: list[dict[int, float]]) -> list[Block]:
    """The best alignment of a gap; ``rows[i]`` holds the similarities of a[i0 + i] at or above CANDIDATE."""
    n, m = i1 - i0, j1 - j0

    def sim(i: int, j: int) -> float:
        return rows[i].get(j, 0.0)

    def pair(i: int, j: int) -> int:
        return _lcs(ka[i0 + i], kb[j0 + j]) if sim(i, j) >= MATCH else 0

    score = [[0] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        for j in range(m + 1):
            if not i and not j:
                continue
            best, step = -1, None
            for di, dj in ((1, 0), (0, 1)):
                if i >= di and j >= dj and score[i - di][j - dj] > best:
                    best, step = score[i - di][j - dj], (di, dj)
            if i and j:
                gain = pair(i - 1, j - 1)
                if gain and score[i - 1][j - 1] + gain > best:
                    best, step = score[i - 1][j - 1] + gain, (1, 1)
            if i >= 2 and j and max(sim(i - 2, j - 1), sim(i - 1, j - 1)) >= CANDIDATE:
                gain = _joined([ka[i0 + i - 2], ka[i0 + i - 1]], kb[j0 + j - 1])
                if gain and score[i - 2][j - 1] + gain > best:
                    best, step = score[i - 2][j - 1] + gain, (2, 1)
            if j >= 2 and i and max(sim(i - 1, j - 2), sim(i - 1, j - 1)) >= CANDIDATE:
                gain = _joined([kb[j0 + j - 2], kb[j0 + j - 1]], ka[i0 + i - 1])
                if gain and score[i - 1][j - 2] + gain > best:
                    best, step = score[i - 1][j - 2] + gain, (1, 2)
            score[i][j], back[i][j] = best, step
    out: list[Block] = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j]
        i, j = i - di, j - dj
        a0, b0 = i0 + i, j0 + j
        op = "match" if di and dj else "delete" if di else "insert"
        out.append((op, a0, a0 + di, b0, b0 + dj))
    return out[::-1]


def moved_similarity(kx: str, ky: str) -> float:
    """Similarity of two keys that forgives transposed halves (``A B`` against ``B A``)."""
    if kx and len(kx) == len(ky) and kx in ky + ky:
        return 1.0
    return _similar(kx, ky, 0.0)


def _moves(ka, kb, blocks: list[Block], budget: _Budget) -> list[Block]:
    """Pair leftover deletions with leftover insertions that carry the same paragraph.

    Candidates: similar keys (one C loop per deletion) and keys made of the
    same characters (rotations: swapped halves).  None are sought when
    comparing every leftover pair would cost more than the budget allows.
    """
    dels = [blk for blk in blocks if blk[0] == "delete" and len(ka[blk[1]]) >= 2]
    ins = [blk for blk in blocks if blk[0] == "insert" and len(kb[blk[3]]) >= 2]
    if not dels or not ins or len(dels) * len(ins) > MAX_MOVE_PAIRS:
        return blocks
    ins_keys = [kb[t[3]] for t in ins]
    cost = len(dels) * len(ins) // 8 + pair_work(sum(len(ka[d[1]]) for d in dels), sum(map(len, ins_keys)))
    if cost > budget.moves:
        return blocks
    by_chars: dict[str, list[int]] = {}
    for k, key_b in enumerate(ins_keys):
        by_chars.setdefault("".join(sorted(key_b)), []).append(k)
    pairs = []
    for d in dels:
        kx = ka[d[1]]
        candidates = set(_scores(kx, ins_keys, MOVE)) | set(by_chars.get("".join(sorted(kx)), ()))
        for k in candidates:
            s = moved_similarity(kx, ins_keys[k])
            if s >= MOVE:
                pairs.append((-s, d[1], ins[k][3], d, ins[k]))
    pairs.sort()
    used: set[Block] = set()
    moved: dict[Block, Block] = {}
    for _, i, j, d, t in pairs:
        if d in used or t in used:
            continue
        used |= {d, t}
        moved[d] = ("move", i, i + 1, j, j + 1)
    return [moved.get(blk, blk) for blk in blocks if blk not in used or blk in moved]
