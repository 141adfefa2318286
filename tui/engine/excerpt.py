"""An article cut to a span of its shown text: the paragraphs it overlaps, the first and last trimmed.

Every piece still points into the file, so the excerpt keeps the article's
file, number and title, and its ``start``/``end``, lines and raw text narrow
to the span: diff, collate, the reader and bookmarks treat it as any other
article.  A reference ``FILE#N@S-E`` (:mod:`.refs`) and a variant group's
passage members (:mod:`.variants.grouping`) are excerpts.
"""

from __future__ import annotations

from dataclasses import replace

from tui.engine.model import Article, Paragraph


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

    if paragraphs[0].pieces:  # a trimmed first paragraph may start on a later line; the others keep theirs
        paragraphs[0] = replace(paragraphs[0], line=line(paragraphs[0].pieces[0][0]))
    return replace(
        article,
        start=article.start + raw_lo,
        end=article.start + raw_hi,
        start_line=line(raw_lo),
        end_line=line(max(raw_lo, raw_hi - 1)),
        raw=raw[raw_lo:raw_hi],
        paragraphs=tuple(replace(p, pieces=tuple((s - raw_lo, e - raw_lo) for s, e in p.pieces)) for p in paragraphs),
    )
