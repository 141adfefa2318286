"""A passage of an article as an article of its own, so diff, collate and the reader compare it unchanged.

Grouping finds passages in normalised characters (:func:`.shingles.match_key`:
letters and digits only); :func:`text_span` maps such a span back to the
article's shown text (``Article.text``: its paragraphs joined by blank
lines), widened by ``CONTEXT`` normalised characters of context on each side
and eased out to a paragraph's edge when one is that close, else to a word's
edge.  :func:`excerpt` cuts an article to a span of its text: the paragraphs
it overlaps, the first and last trimmed, every piece still pointing into the
file, so the excerpt keeps the article's file, number and title, and its
``start``/``end`` and lines narrow to the passage.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import replace

from tui.engine.model import Article, Paragraph
from tui.engine.variants.shingles import match_key

CONTEXT = 100

_WORD = re.compile(r"[^\W_]+")
_NOT_WORD = re.compile(r"[\W_]+")
_SPACE = re.compile(r"\s")


def key_offsets(text: str) -> list[int]:
    """For every character of ``match_key(text)``, the offset in ``text`` it comes from.

    Word by word; where NFKC changes a word's length its characters are
    spread over the word.  Should the pieces not add up to the key (NFKC
    composing across words, which no real text does), the offsets are spread
    over the whole text, so they are always there and in order.
    """
    out: list[int] = []
    for m in _WORD.finditer(text):
        word = m.group()
        if unicodedata.is_normalized("NFKC", word):
            out.extend(range(m.start(), m.end()))
            continue
        n = len(_NOT_WORD.sub("", unicodedata.normalize("NFKC", word)))
        out.extend(m.start() + k * len(word) // n for k in range(n))
    size = len(match_key(text))
    if len(out) != size:
        out = [k * len(text) // size for k in range(size)] if size else []
    return out


def _paragraph_edges(article: Article) -> tuple[list[int], list[int]]:
    starts, ends, pos = [], [], 0
    for p in article.paragraphs:
        starts.append(pos)
        pos += len(p.text)
        ends.append(pos)
        pos += 2
    return starts, ends


def text_span(article: Article, start: int, end: int, offsets: list[int] | None = None) -> tuple[int, int] | None:
    """The span of ``article.text`` to show for normalised span [start, end), with context; None for all of it."""
    text = article.text
    offsets = key_offsets(text) if offsets is None else offsets
    if not offsets or end <= start:
        return None
    lo = offsets[max(0, min(start - CONTEXT, len(offsets) - 1))]
    hi = offsets[min(len(offsets) - 1, max(end + CONTEXT, 1) - 1)] + 1
    if start - CONTEXT <= 0:
        lo = 0
    if end + CONTEXT >= len(offsets):
        hi = len(text)
    starts, ends = _paragraph_edges(article)
    k = bisect_right(starts, lo) - 1
    if k >= 0 and lo - starts[k] <= CONTEXT:
        lo = starts[k]
    else:
        while lo > 0 and not _SPACE.match(text[lo - 1]):
            lo -= 1
    k = bisect_left(ends, hi)
    if k < len(ends) and ends[k] - hi <= CONTEXT:
        hi = ends[k]
    else:
        while hi < len(text) and not _SPACE.match(text[hi]):
            hi += 1
    if lo <= 0 and hi >= len(text):
        return None
    return lo, hi


def _cut(p: Paragraph, lo: int, hi: int) -> Paragraph:
    """Characters [lo, hi) of a paragraph, its pieces trimmed to match."""
    pieces, pos = [], 0
    for s, e in p.pieces:
        a, b = max(lo, pos), min(hi, pos + e - s)
        if a < b:
            pieces.append((s + a - pos, s + b - pos))
        pos += e - s
    return replace(p, text=p.text[lo:hi], pieces=tuple(pieces))


def excerpt(article: Article, start: int, end: int) -> Article:
    """Characters [start, end) of ``article.text`` as an article (the same file, number and title)."""
    paragraphs, pos = [], 0
    for p in article.paragraphs:
        a, b = max(start, pos), min(end, pos + len(p.text))
        if a < b:
            paragraphs.append(_cut(p, a - pos, b - pos))
        pos += len(p.text) + 2
    pieces = [r for p in paragraphs for r in p.pieces]
    if not pieces:
        return replace(article, paragraphs=tuple(paragraphs))
    raw_lo, raw_hi = min(s for s, _ in pieces), max(e for _, e in pieces)
    raw = article.raw
    known = next(p for p in article.paragraphs if p.pieces)
    first_line = known.line - raw.count("\n", 0, known.pieces[0][0])  # the file line raw starts on

    def line(offset: int) -> int:
        return first_line + raw.count("\n", 0, offset)

    return replace(
        article,
        start=article.start + raw_lo,
        end=article.start + raw_hi,
        start_line=line(raw_lo),
        end_line=line(max(raw_lo, raw_hi - 1)),
        raw=raw[raw_lo:raw_hi],
        paragraphs=tuple(
            replace(p, pieces=tuple((s - raw_lo, e - raw_lo) for s, e in p.pieces), line=line(p.pieces[0][0]))
            if p.pieces
            else p
            for p in paragraphs
        ),
    )
