"""passim's input, written from a folder: for text reuse past what one machine groups.

passim (Smith et al.; Spark) reads JSON lines, one document a line, with
``id``, ``series`` and ``text``; reuse inside one series is ignored.  A
newsread article is a document: ``id`` is its reference (``FILE#N``), ``series``
its file, or the series of the JSON lines record it came from, ``text`` its
raw text (passim's ``begin``/``end`` offsets then index the article's raw
text), plus ``title`` and ``date`` where known.  The clusters passim finds come
back through :mod:`tui.engine.variants.passim`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from tui.engine.ingest.load import Corpus
from tui.engine.model import Article


def record(article: Article) -> dict:
    source = article.source
    rec = {"id": article.id, "series": source.paper if source and source.record else article.file, "text": article.raw}
    if not article.untitled and article.title:
        rec["title"] = article.title
    if source and source.date:
        rec["date"] = source.date
    return rec


def lines(corpus: Corpus) -> Iterator[str]:
    """One JSON line per article, in the folder's order (lone surrogates of odd file names escaped)."""
    for article in corpus.articles:
        yield json.dumps(record(article), ensure_ascii=False).encode("utf-8", "backslashreplace").decode("utf-8") + "\n"
