"""`newsread search`: every article of the folder, through the search index, a page at a time."""

from __future__ import annotations

import argparse
import sys

from tui.cli.common import UsageError, add_folder, load_corpus, out, positive_int, print_json
from tui.engine.caches import cache_problem
from tui.engine.search.index import Index, Unavailable
from tui.engine.search.search import MAX_EDITS, Page, QueryError, Search, context
from tui.render.safe import visible_line

DESCRIPTION = (
    "Search every article of the folder (case, full-width letters and line breaks folded), a page of"
    " articles at a time; the index is built on first use and kept up as files change."
)
BUILD_NOTE = 200  # files to index past which the build says so on stderr


def add_search(sub) -> None:
    p = sub.add_parser("search", help="search every article", description=DESCRIPTION)
    p.add_argument("query", metavar="QUERY")
    add_folder(p)
    p.add_argument(
        "--fuzzy",
        type=int,
        choices=range(MAX_EDITS + 1),
        default=0,
        metavar="N",
        help=f"also passages within N edits of QUERY (OCR errors; 0 to {MAX_EDITS}, default 0)",
    )
    p.add_argument("--page", type=positive_int, default=1, metavar="K", help="the K-th page of hits (default 1)")
    p.add_argument("--json", action="store_true", help="print JSON (a stable interface)")
    p.set_defaults(run=run_search)


def run_search(args: argparse.Namespace) -> int:
    corpus = load_corpus(args)  # says so when the cache may not be used: nor may the index then
    index = None if cache_problem() else Index(corpus.root)
    try:
        if index is not None:
            index.sync(corpus, _build_note)
    except Unavailable as e:
        print(f"newsread: {visible_line(str(e))}", file=sys.stderr)
        index = None
    try:
        search = Search(corpus, args.query, args.fuzzy, index)
    except QueryError as e:
        raise UsageError(str(e)) from None
    page = search.page(args.page)
    if index is not None:
        index.close()
    if args.json:
        print_json(page_json(search, page))
        return 0
    for found in page.found:
        a = found.article
        count = f"{len(found.spans)}{'+' if found.more else ''} hit{'s' if len(found.spans) > 1 else ''}"
        out(f"{a.id}  {('(untitled) ' if a.untitled else '') + a.title}  ({count})")
        text = a.text
        for start, end, edits in found.spans:
            before, hit, after = context(text, start, end)
            out(f"  {start}{f' ~{edits}' if edits else ''}: {before}[{hit}]{after}")
    print(visible_line(summary(search, page)), file=sys.stderr)
    return 0


def _build_note(n: int, total: int) -> None:
    if n == 1 and total >= BUILD_NOTE:
        print(f"newsread: indexing {total} files for search", file=sys.stderr)


def summary(search: Search, page: Page) -> str:
    """One line: what the page holds, how far the search got, and how to go on."""
    of = "" if page.total is None else f" of {page.total}"
    line = f"page {page.number}: {len(page.found)} articles with hits; looked at {page.looked}{of}"
    if search.how != "index":
        line += f" ({search.how})"
    return line + ("" if page.done else f"; more: --page {page.number + 1}")


def page_json(search: Search, page: Page) -> dict:
    articles = []
    for found in page.found:
        text = found.article.text
        hits = []
        for start, end, edits in found.spans:
            before, hit, after = context(text, start, end)
            hits.append({"start": start, "end": end, "edits": edits, "text": hit, "before": before, "after": after})
        articles.append({"id": found.article.id, "title": found.article.title, "hits": hits, "more": found.more})
    return {
        "query": search.query,
        "fuzzy": search.edits,
        "page": page.number,
        "index": search.how == "index",
        "how": search.how,
        "looked": page.looked,
        "total": page.total,
        "done": page.done,
        "articles": articles,
    }
