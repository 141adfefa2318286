"""Where a folded query occurs in a folded text: exactly, or within a few edits (OCR noise).

Both are bounded: at most ``limit`` hits, and the fuzzy search looks at most
``MAX_ANCHORS`` places in one text, each with a fixed number of small
bounded Levenshtein comparisons (rapidfuzz), so a long line costs linear time.

A text that lacks too many of the query's trigrams is passed over at once
(the q-gram lemma).  A fuzzy hit is found through the pigeonhole principle: split the query into
``k + 1`` pieces; a passage within ``k`` edits of it holds at least one piece
unchanged.  Each exact occurrence of a piece anchors a window where the
passage must start and end; the closest passage there is the hit.
"""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

MAX_ANCHORS = 2000  # places the fuzzy search looks at in one text


def exact_spans(text: str, query: str, limit: int) -> list[tuple[int, int, int]]:
    """(start, end, 0) of the occurrences of ``query``, left to right, not overlapping (as re.finditer)."""
    out: list[tuple[int, int, int]] = []
    if not query:
        return out
    pos = text.find(query)
    while pos >= 0 and len(out) < limit:
        out.append((pos, pos + len(query), 0))
        pos = text.find(query, pos + len(query))
    return out


def pieces(query: str, k: int) -> list[tuple[int, str]]:
    """(offset, piece) of ``query`` cut into ``k + 1`` consecutive pieces as equal as can be."""
    n = len(query)
    cuts = [round(i * n / (k + 1)) for i in range(k + 2)]
    return [(cuts[i], query[cuts[i] : cuts[i + 1]]) for i in range(k + 1)]


def fuzzy_spans(text: str, query: str, k: int, limit: int) -> list[tuple[int, int, int]]:
    """(start, end, edits) of passages within ``k`` edits of ``query``, left to right, not overlapping.

    Where passages overlap, the closer one is kept (the earlier one on a tie).
    """
    m = len(query)
    if k <= 0 or m <= k:
        return exact_spans(text, query, limit) if m else []
    if not _may_hold(text, query, k):
        return []
    starts: set[int] = set()
    for offset, piece in pieces(query, k):
        if not piece:
            continue
        pos = text.find(piece)
        while pos >= 0 and len(starts) < MAX_ANCHORS:
            starts.add(pos - offset)
            pos = text.find(piece, pos + 1)
    found = [hit for s in sorted(starts) if (hit := _closest(text, query, s, k)) is not None]
    return _disjoint(found, limit)


def _may_hold(text: str, query: str, k: int) -> bool:
    """False when ``text`` cannot hold a passage within ``k`` edits of ``query``: such a passage keeps all but
    3k of the query's trigrams (an edit touches at most three), so the text has them too."""
    grams = [query[i : i + 3] for i in range(len(query) - 2)]
    need = len(grams) - 3 * k
    return need <= 0 or sum(g in text for g in grams) >= need


def _closest(text: str, query: str, start: int, k: int) -> tuple[int, int, int] | None:
    """The passage starting within ``k`` of ``start`` closest to ``query`` (at most ``k`` edits), or None."""
    m = len(query)
    best = None
    for s in range(max(0, start - k), min(len(text), start + k + 1)):
        for length in range(max(1, m - k), m + k + 1):
            if s + length > len(text):
                break
            d = Levenshtein.distance(query, text[s : s + length], score_cutoff=k)
            if d <= k and (best is None or (d, abs(length - m)) < (best[2], abs(best[1] - best[0] - m))):
                best = (s, s + length, d)
    return best


def _disjoint(hits: list[tuple[int, int, int]], limit: int) -> list[tuple[int, int, int]]:
    """Hits sorted by start, an overlapping one kept only if it is closer than the one it overlaps."""
    kept: list[tuple[int, int, int]] = []
    for hit in sorted(hits):
        if kept and hit[0] < kept[-1][1]:
            if hit[2] < kept[-1][2]:
                kept[-1] = hit
            continue
        kept.append(hit)
    return kept[:limit]
