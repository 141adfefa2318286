"""The shingle index as flat integer arrays, which frequent shingles are boilerplate, and the candidate pairs.

Every article's sampled shingles (:func:`.shingles.shingle_hashes`, packed
64-bit hashes) are numbered once for the whole corpus: a shingle is an
``int32`` id, an article's shingles a run of ids (CSR: ``ids`` cut by
``offsets``), and a shingle's *postings* the sorted run of articles holding
it (``post`` cut by ``starts``).  A few bytes a shingle instead of a Python
set and a counter, and every step below is a handful of array operations.

Which frequent shingles are boilerplate is decided by what they are, not by
their count alone.  A shingle found in more than ``max_df`` articles is
*common* (a masthead, a standing line, a sentence many stories quote) when
the articles carrying it share little else: of ``SAMPLE`` articles spread
over its postings, fewer than half of the neighbouring pairs share
``STORY_SEEDS`` other shingles (or half of the smaller article's), counting
only shingles not much more frequent than it.  A shingle that hundreds of
copies of one story carry is kept: those copies share the rest of the story
too.  A kept shingle this frequent pairs each article only with the first
``HUBS`` articles of its postings, so a story in 500 papers costs 500 pairs
a shingle, not 125,000, and its copies still meet through those hubs.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter
SAMPLE = 8  # articles of a frequent shingle's postings looked at
STORY_SEEDS = 16  # other shingles two copies of one story share at least (about 130 characters)
HUBS = 16  # articles of a frequent kept shingle every other article is paired with


@dataclass(frozen=True)
class Table:
    """Shingle ids by article and articles by shingle id."""

    ids: np.ndarray  # int32: every article's shingle ids, article after article
    offsets: np.ndarray  # int64, articles + 1: article i's ids are ids[offsets[i]:offsets[i + 1]]
    hashes: np.ndarray  # int64: the hash of each shingle id (sorted)
    df: np.ndarray  # int64: articles holding each shingle id
    post: np.ndarray  # int32: the articles of each shingle id, in order
    starts: np.ndarray  # int64, shingle ids + 1: shingle s's articles are post[starts[s]:starts[s + 1]]

    def articles(self, s: int) -> np.ndarray:
        return self.post[self.starts[s] : self.starts[s + 1]]

    def shingles(self, i: int) -> np.ndarray:
        return self.ids[self.offsets[i] : self.offsets[i + 1]]


def unmap_when_freed() -> None:
    """Have glibc map every block over 128 KB on its own, and give it back when freed.

    By default glibc raises that threshold each time a mapped block is freed, so after numpy frees its first big
    arrays the next ones land in the heap and, once freed, stay in the process (60 MB of a 260 MB peak at 10,000
    articles).  Elsewhere (no glibc) nothing happens.
    """
    try:
        ctypes.CDLL(None).mallopt(M_MMAP_THRESHOLD, 1 << 17)
    except (OSError, AttributeError):
        pass


def table(grams: list[bytes]) -> Table:
    """The index of every article's packed shingle hashes (each article's distinct)."""
    lengths = np.fromiter(map(len, grams), np.int64, len(grams)) // 8
    offsets = np.zeros(len(grams) + 1, np.int64)
    np.cumsum(lengths, out=offsets[1:])
    flat = np.frombuffer(b"".join(grams), np.int64)
    order = np.argsort(flat, kind="stable")  # stable: each shingle's articles stay in order
    ordered = flat[order]
    first = np.ones(len(ordered), bool)
    first[1:] = ordered[1:] != ordered[:-1]
    starts = np.append(np.flatnonzero(first), len(ordered))
    ids = np.empty(len(ordered), np.int32)
    ids[order] = np.cumsum(first) - 1
    post = np.repeat(np.arange(len(grams), dtype=np.int32), lengths)[order]
    return Table(ids, offsets, ordered[first], np.diff(starts), post, starts)


def common(t: Table, max_df: int) -> np.ndarray:
    """Which shingle ids are boilerplate (see the module docstring): a boolean per id."""
    out = np.zeros(len(t.df), bool)
    share: dict[tuple[int, int, int], bool] = {}
    for s in np.flatnonzero(t.df > max_df):
        holders = t.articles(s)
        sample = holders[np.linspace(0, len(holders) - 1, SAMPLE).astype(np.int64)]
        bound = 2 * int(t.df[s])
        votes = 0
        for a, b in zip(sample[:-1].tolist(), sample[1:].tolist()):
            if (a, b, bound) not in share:
                share[a, b, bound] = _one_story(t, a, b, bound)
            votes += share[a, b, bound]
        out[s] = 2 * votes < SAMPLE - 1
    return out


def _one_story(t: Table, a: int, b: int, bound: int) -> bool:
    """Do articles ``a`` and ``b`` share ``STORY_SEEDS`` shingles (or half the smaller's) no more frequent
    than ``bound``?"""
    x, y = t.shingles(a), t.shingles(b)
    both = np.intersect1d(x, y, assume_unique=True)
    shared = int(np.count_nonzero(t.df[both] <= bound)) - 1  # less the shingle itself
    return shared >= min(STORY_SEEDS, min(len(x), len(y)) / 2)


def pair_batches(t: Table, usable: np.ndarray, max_df: int) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Batches (x, y, s) of every pair of articles x < y sharing a usable shingle s, one batch for the shingles
    of each document frequency up to ``max_df``, one for each more frequent kept shingle (whose pairs all hold
    one of its ``HUBS`` first articles)."""
    chosen = np.flatnonzero(usable & (t.df >= 2))
    small = chosen[t.df[chosen] <= max_df]
    for d in np.unique(t.df[small]).tolist():
        group = small[t.df[small] == d]
        held = t.post[t.starts[group][:, None] + np.arange(d)]  # a row of d articles, in order, a shingle
        a, b = np.triu_indices(d, 1)
        yield held[:, a].ravel(), held[:, b].ravel(), np.repeat(group, len(a))
    for s in chosen[t.df[chosen] > max_df].tolist():
        holders = t.articles(s)
        a, b = np.triu_indices(min(HUBS, len(holders)), 1, len(holders))
        yield holders[a], holders[b], np.full(len(a), s)


def rare_cuts(t: Table, quantile: float, dropped: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each article's cut (the document frequency of its shingle at ``quantile``, 0 for an article without
    shingles) and how many of its shingles are no more frequent than that and not ``dropped``."""
    n = len(t.offsets) - 1
    lengths = np.diff(t.offsets)
    owner = np.repeat(np.arange(n, dtype=np.int64), lengths)
    dfs = t.df[t.ids]
    ranked = np.sort((owner << 32) | dfs) & 0xFFFFFFFF
    cut = np.zeros(n, np.int64)
    some = lengths > 0
    cut[some] = ranked[t.offsets[:-1][some] + np.floor(lengths[some] * quantile).astype(np.int64)]
    rare = (dfs <= cut[owner]) & ~dropped[t.ids]
    return cut, np.bincount(owner[rare], minlength=n)


def counted(parts: list[np.ndarray], n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(x, y, times) of each distinct pair key ``x * n + y`` in ``parts``, sorted in place (no index arrays:
    a corpus's pairs are millions of keys)."""
    keys = np.concatenate(parts) if parts else np.zeros(0, np.int64)
    keys.sort()
    first = np.ones(len(keys), bool)
    first[1:] = keys[1:] != keys[:-1]
    at = np.flatnonzero(first)
    found = keys[at]
    return found // n, found % n, np.diff(np.append(at, len(keys)))


@dataclass(frozen=True)
class Found:
    stories: set[tuple[int, int]]
    passages: set[tuple[int, int]]
    common: frozenset[int]  # hashes of the boilerplate shingles


def candidates(
    grams: list[bytes], files: list[int], long_enough: list[bool], max_df: int, rule: tuple[float, int, float, int]
) -> Found:
    """Story and passage candidates between articles of different ``files`` (see :func:`.grouping.candidate_pairs`);
    ``rule`` is (rare quantile, fewest shared, share of the rare shingles, passage seeds)."""
    quantile, min_shared, share, min_seeds = rule
    unmap_when_freed()
    t = table(grams)
    n = len(grams)
    file = np.asarray(files, np.int64)
    long_ = np.asarray(long_enough, bool)
    dropped = common(t, max_df)
    cut, rare = rare_cuts(t, quantile, dropped)
    stories_from: list[np.ndarray] = []  # pair keys, counted from the first article's side
    seeded_by: list[np.ndarray] = []
    for x, y, s in pair_batches(t, ~dropped, max_df):
        x, y = x.astype(np.int64), y.astype(np.int64)
        apart = file[x] != file[y]
        x, y, d = x[apart], y[apart], t.df[s[apart]]
        stories_from += [(x * n + y)[d <= cut[x]], (y * n + x)[d <= cut[y]]]
        seeded_by.append((x * n + y)[long_[x] & long_[y]])
    sx, sy, times = counted(stories_from, n)  # shingles rare for sx that sy holds
    story = times >= np.maximum(min_shared, share * rare[sx])
    stories = set(zip(np.minimum(sx, sy)[story].tolist(), np.maximum(sx, sy)[story].tolist()))
    px, py, times = counted(seeded_by, n)
    seeded = times >= min_seeds
    return Found(
        stories, set(zip(px[seeded].tolist(), py[seeded].tolist())) - stories, frozenset(t.hashes[dropped].tolist())
    )
