"""Which stretch of an article's text a passage member shows.

Grouping finds passages in normalised characters (:func:`.shingles.match_key`:
letters and digits only); :func:`text_span` maps such a span back to the
article's shown text (``Article.text``: its paragraphs joined by blank
lines), eased out to the edges of its first and last sentences (or
paragraphs) when they are within ``CONTEXT`` characters, else to a word's
edge: the passage is read in whole sentences, with little else around it.
The member then shows the article cut to that stretch (:mod:`tui.engine.excerpt`).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from itertools import accumulate

from tui.engine.model import Article
from tui.engine.variants.shingles import match_key

CONTEXT = 100

_WORD = re.compile(r"[^\W_]+")
_NOT_WORD = re.compile(r"[\W_]+")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s)|[。！？…][”’」』）)]*")


class KeyOffsets:
    """For every character of ``match_key(text)``, the offset in ``text`` it comes from (``offsets[k]``).

    Kept word by word (one entry a word, found by bisection), not character
    by character.  Where NFKC changes a word's length its characters are
    spread over the word.  Should the words not add up to the key (NFKC
    composing across words, which no real text does), the offsets are spread
    over the whole text, so they are always there and in order.
    """

    def __init__(self, text: str, size: int | None = None) -> None:
        self.size = len(match_key(text)) if size is None else size
        self.text_len = len(text)
        spans = [m.span() for m in _WORD.finditer(text)]
        self.starts = [s for s, _ in spans]
        self.lengths = [e - s for s, e in spans]  # of each word in the text
        if unicodedata.is_normalized("NFKC", text):
            self.counts = self.lengths  # of each word in the key
        else:
            self.counts = [
                n if unicodedata.is_normalized("NFKC", text[s : s + n]) else _nfkc_len(text[s : s + n])
                for s, n in zip(self.starts, self.lengths)
            ]
        self.keys = list(accumulate(self.counts, initial=0))  # key characters before each word
        if self.keys[-1] != self.size:
            self.starts = []

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, k: int) -> int:
        if not self.starts:
            return k * self.text_len // self.size
        w = bisect_right(self.keys, k, 0, len(self.starts)) - 1
        while not self.counts[w]:  # a word NFKC empties (none in practice) holds no key character
            w -= 1
        return self.starts[w] + (k - self.keys[w]) * self.lengths[w] // self.counts[w]


def _nfkc_len(word: str) -> int:
    return len(_NOT_WORD.sub("", unicodedata.normalize("NFKC", word)))


def _paragraph_edges(article: Article) -> tuple[list[int], list[int]]:
    starts, ends, pos = [], [], 0
    for p in article.paragraphs:
        starts.append(pos)
        pos += len(p.text)
        ends.append(pos)
        pos += 2
    return starts, ends


def _back(text: str, lo: int, starts: list[int]) -> int:
    """The start of the sentence or paragraph holding ``lo`` when it is within ``CONTEXT``, else of the word."""
    window = max(0, lo - CONTEXT)
    edges = [m.end() for m in _SENTENCE_END.finditer(text, window, lo)]
    k = bisect_right(starts, lo) - 1
    edges += [starts[k]] if k >= 0 and starts[k] >= window else []
    if edges:
        lo = max(edges)
        while lo < len(text) and text[lo].isspace():
            lo += 1
        return lo
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    return lo


def _forth(text: str, hi: int, ends: list[int]) -> int:
    """The end of the sentence or paragraph holding ``hi`` when it is within ``CONTEXT``, else of the word."""
    window = min(len(text), hi + CONTEXT)
    m = _SENTENCE_END.search(text, max(0, hi - 1), window)
    k = bisect_left(ends, hi)
    edges = ([m.end()] if m else []) + ([ends[k]] if k < len(ends) and ends[k] <= window else [])
    if edges:
        return min(edges)
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    return hi


def text_span(article: Article, start: int, end: int, offsets: KeyOffsets | None = None) -> tuple[int, int] | None:
    """The span of ``article.text`` to show for normalised span [start, end); None for all of it.

    All of it when no more than ``CONTEXT`` normalised characters are left
    out at either end (a headline, a dateline).
    """
    text = article.text
    offsets = KeyOffsets(text) if offsets is None else offsets
    if not len(offsets) or end <= start or (start <= CONTEXT and end >= len(offsets) - CONTEXT):
        return None
    starts, ends = _paragraph_edges(article)
    lo = 0 if start <= 0 else _back(text, offsets[min(start, len(offsets) - 1)], starts)
    hi = len(text) if end >= len(offsets) else _forth(text, offsets[max(end, 1) - 1] + 1, ends)
    if lo <= 0 and hi >= len(text):
        return None
    return lo, hi
