"""A search of a folder's articles, a page at a time: through the index when it can, else by reading them.

The first page comes as soon as it is full: the index gives the candidate
articles in folder order, and only as many are read as a page needs.  Every
page does bounded work (:data:`PAGE_CHARS` of text at most, then it ends
early and says more may follow), so a query that the index cannot narrow
(shorter than a trigram, or too short for its edits) still answers at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations
from math import comb

from tui.engine.ingest.load import Corpus
from tui.engine.model import Article, TextFile
from tui.engine.search.fold import folded
from tui.engine.search.index import Index, Unavailable
from tui.engine.search.spans import exact_spans, fuzzy_spans, pieces

MAX_EDITS = 2
PAGE_ARTICLES = 20  # articles with hits on a page
MAX_HITS = 100  # hits listed in one article
PAGE_CHARS = 8_000_000  # text read for one page at most
CONTEXT = 30  # characters shown either side of a hit
NO_INDEX = "reading every article: no index"
SORTED = 5_000  # candidates put in folder order at most (more: as the index gives them)
CHUNK = 2_000  # candidates asked of the index at a time past those
MAX_LOOKUPS = 64  # alternatives asked of the index at most for one fuzzy query
GRAM = 3  # the index's unit: a piece of the query shorter than this cannot be looked up


class QueryError(ValueError):
    """A query that cannot be searched for (the message says why)."""


@dataclass(frozen=True)
class Found:
    """An article's hits: (start, end, edits) in its :attr:`~.Article.text`; ``more`` when some were left out."""

    article: Article
    spans: list[tuple[int, int, int]]
    more: bool


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    found: list[Found]
    done: bool  # no article is left to look at
    looked: int  # articles looked at so far, this page's included
    total: int | None  # articles to look at (the index's candidates, or every article); None: not known yet
    how: str  # how the search runs: through the index, or why not


class Search:
    """One query over one corpus; :meth:`page` computes pages in turn, on demand, and keeps them."""

    def __init__(self, corpus: Corpus, query: str, edits: int = 0, index: Index | None = None) -> None:
        if not query.strip():
            raise QueryError("nothing to search for")
        if not 0 <= edits <= MAX_EDITS:
            raise QueryError(f"edits must be 0 to {MAX_EDITS}, not {edits}")
        self.query = folded(query)
        if edits >= len(self.query):
            raise QueryError(f"a query of {len(self.query)} characters within {edits} edits matches anything")
        self.edits = edits
        self.corpus = corpus
        self.pages: list[Page] = []
        self.articles, self.total, self.how = self._plan(index)
        self.looked = 0

    def _plan(self, index: Index | None) -> tuple[Iterator[Article], int | None, str]:
        """The articles to read, in folder order, how many (None: not known yet), and how they were chosen.

        Up to :data:`SORTED` candidates are put in folder order; past that they are read as the index
        gives them, a chunk at a time (folder order but for the files changed since it was built), so
        that the first page does not wait for a million of them.
        """
        if index is None:
            why = NO_INDEX
        elif len(self.query) < GRAM * (self.edits + 1):
            need = GRAM * (self.edits + 1)
            within = f" within {self.edits} edit{'s' * (self.edits > 1)}" if self.edits else ""
            why = f"reading every article: the index needs {need}+ characters{within}"
        else:
            conditions = lookups(self.query, self.edits)
            try:
                found, last, complete = index.candidates(conditions, 0, SORTED + 1)
            except Unavailable as e:
                why = f"reading every article: {e}"
            else:
                if complete:
                    if not index.in_order:
                        found.sort(key=lambda hit: (index.position(hit[0]), hit[1]))
                    return _articles(found), len(found), "index"
                return _articles(self._stream(index, conditions, found, last)), None, "index"
        every = [(f, a.index) for f in self.corpus.files for a in f.articles]
        return _articles(every), len(every), why

    def _stream(self, index: Index, conditions: list, found: list, last: int) -> Iterator[tuple[TextFile, int]]:
        """The candidates ``found`` so far, then the rest from the index a chunk at a time."""
        complete = False
        while True:
            yield from found
            if complete:
                return
            try:
                found, last, complete = index.candidates(conditions, last, CHUNK)
            except Unavailable as e:  # the index went bad between two pages: what was read stands
                self.how = str(e)
                return

    def page(self, number: int) -> Page:
        """Page ``number`` (1-based), computing the pages before it first; past the last: an empty page."""
        while len(self.pages) < number:
            self.pages.append(self._next(len(self.pages) + 1))
        return self.pages[number - 1]

    def _next(self, number: int) -> Page:
        found: list[Found] = []
        chars = 0
        done = False
        while len(found) < PAGE_ARTICLES and chars < PAGE_CHARS:
            article = next(self.articles, None)
            if article is None:
                done = True
                break
            self.looked += 1
            text = folded(article.text)
            chars += len(text)
            if self.edits:
                spans = fuzzy_spans(text, self.query, self.edits, MAX_HITS + 1)
            else:
                spans = exact_spans(text, self.query, MAX_HITS + 1)
            if spans:
                found.append(Found(article, spans[:MAX_HITS], len(spans) > MAX_HITS))
        done = done or self.looked == self.total
        return Page(number, found, done, self.looked, self.total, self.how)


def lookups(query: str, edits: int) -> list[list[tuple[str, ...]]]:
    """What the index is asked for a query within ``edits`` edits: conditions an article must all meet, each
    met by holding every piece of one of its alternatives (pieces of three characters or more:
    ``len(query) >= 3 * (edits + 1)``).

    Exact: the query itself.  Fuzzy: an edit spoils at most one piece of the query, so a passage within
    ``edits`` edits keeps one of ``edits + 1`` long pieces intact, and ``s - edits`` of ``s`` short ones (as
    many ways as :data:`MAX_LOOKUPS` allows; fewer, longer pieces otherwise).  Each condition alone may name
    many articles through a common piece; together they name few.
    """
    if not edits:
        return [[(query,)]]
    conditions = [[(p,) for _, p in pieces(query, edits)]]
    s = len(query) // GRAM
    while s > edits + 1 and comb(s, s - edits) > MAX_LOOKUPS:
        s -= 1
    if s > edits + 1:
        conditions.append(list(combinations([p for _, p in pieces(query, s - 1)], s - edits)))
    return conditions


def context(text: str, start: int, end: int, width: int = CONTEXT) -> tuple[str, str, str]:
    """(before, hit, after) of a hit in ``text``, with up to ``width`` characters either side, on one line."""
    one_line = [text[max(0, start - width) : start], text[start:end], text[end : end + width]]
    return tuple(part.replace("\n", " ") for part in one_line)


def _articles(found: list[tuple[TextFile, int]]) -> Iterator[Article]:
    for f, index in found:
        yield f.articles[index - 1]
