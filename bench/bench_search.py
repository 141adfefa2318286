"""`F` at scale: the search index over a synthetic folder, and the first page of hits.

    PYTHONPATH=. .venv/bin/python bench/bench_search.py /tmp/corpora/gen-100k [--rebuild] [--queries 20]
    flock /tmp/bigbench.lock env NEWSREAD_CACHE_MAX_BYTES=20000000000 PYTHONPATH=. \\
        .venv/bin/python bench/bench_search.py /tmp/corpora/gen-1m --rebuild

The folder is loaded as the reader loads it (``load_cached``: run once before
to time it warm), then the index is synced: built from nothing with
``--rebuild`` (its time and size), then synced again with nothing changed, and
with one file's stamp changed (what a change costs).  Queries are drawn from
the folder's own text (seeded): exact ones of 4 and 8 characters, and 10- and
12-character ones with 1 and 2 edits planted (fuzzy mode with as many edits),
plus phrases of the seeds that thousands of articles share (the index names
them all, the page fills at once), and a 2-character query the index cannot
narrow.  Each is timed to its first
page (a fresh ``Search``: the index asked, then as many articles read as a
page needs) and to its second.  The baseline, in the same run, is the same
first page found by reading every article in folder order (``Search`` without
the index, as `F` did before: read on until as many articles are found, or
to the end when the query is not found), given as a ratio; the articles must be the same.  Peak memory is the
process's (ru_maxrss).
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import resource
import statistics
import sys
import time
from pathlib import Path

from tui.engine.ingest.corpuscache import load_cached
from tui.engine.ingest.load import Corpus
from tui.engine.search.index import Index
from tui.engine.search.search import Search

EDIT_CHARS = "的一是不了人在有我他这中"


def timed(fn, *args):
    t = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t


def draw_queries(corpus: Corpus, rng: random.Random, count: int) -> list[tuple[str, int, str]]:
    """(query, edits, kind): substrings of random articles' text, some with edits planted."""
    articles = corpus.articles
    out = []
    for n in range(count):
        kind = ("exact 4", "exact 8", "1 edit, 10", "2 edits, 12")[n % 4]
        length, edits = {"exact 4": (4, 0), "exact 8": (8, 0), "1 edit, 10": (10, 1), "2 edits, 12": (12, 2)}[kind]
        while True:
            text = rng.choice(articles).text
            if len(text) > length + 10:
                break
        start = rng.randrange(len(text) - length)
        query = list(text[start : start + length].replace("\n", " "))
        for _ in range(edits):
            query[rng.randrange(len(query))] = rng.choice(EDIT_CHARS)
        out.append(("".join(query), edits, kind))
    out += [("党建工作", 0, "common"), ("高质量发展", 0, "common"), ("高质量发晨", 1, "common, 1 edit")]
    out.append(("新闻", 0, "2 characters (no index)"))
    return out


def first_pages(corpus: Corpus, index: Index, query: str, edits: int) -> tuple[float, float, list[str], str]:
    """Seconds to the first page and to the second, the first page's articles, and how it ran."""
    t = time.perf_counter()
    search = Search(corpus, query, edits, index)
    first = search.page(1)
    t1 = time.perf_counter() - t
    search.page(2)
    how = search.how if first.total is not None or index.in_order else "index order"
    return t1, time.perf_counter() - t, [f.article.id for f in first.found], how


def read_to(corpus: Corpus, query: str, edits: int, count: int) -> tuple[float, list[str]]:
    """Seconds to find the first ``count`` articles with hits by reading every article (pages read on until
    then: a page's work is bounded, the old `F` read on), and their ids."""
    t = time.perf_counter()
    search = Search(corpus, query, edits, None)
    ids: list[str] = []
    n = 0
    while len(ids) < count:
        n += 1
        page = search.page(n)
        ids += [f.article.id for f in page.found]
        if page.done:
            break
    return time.perf_counter() - t, ids[:count]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("folder", type=Path)
    p.add_argument("--rebuild", action="store_true", help="delete the index first: time its build")
    p.add_argument("--queries", type=int, default=20)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--baseline", type=int, default=None, metavar="N", help="the baseline for the first N queries only")
    args = p.parse_args(argv)

    corpus, load_s = timed(load_cached, args.folder)
    n_articles = sum(len(f.articles) for f in corpus.files)
    chars = sum(len(a.text) for f in corpus.files for a in f.articles)
    print(f"{args.folder}: {len(corpus.files)} files, {n_articles} articles, {chars / 1e6:.1f} M characters")
    print(f"load_cached: {load_s:.1f} s", flush=True)
    index = Index(corpus.root)
    if args.rebuild:
        index.discard()
    _, build_s = timed(index.sync, corpus)
    size = index.path.stat().st_size
    print(
        f"index sync{' (built from nothing)' if args.rebuild else ''}: {build_s:.1f} s, {size / 1e6:.0f} MB", flush=True
    )
    _, warm_s = timed(index.sync, corpus)
    # The last file: indexed again it keeps its place (a changed file's articles come last in index order).
    changed = dataclasses.replace(corpus.files[-1], stamp=(*corpus.files[-1].stamp[:-1], -1))
    other = Corpus(corpus.root, [*corpus.files[:-1], changed], corpus.skipped)
    print(f"index sync, nothing changed: {warm_s:.2f} s", flush=True)
    _, one_s = timed(index.sync, other)
    _, back_s = timed(index.sync, corpus)
    print(f"index sync, one file changed: {one_s:.2f} s (and back: {back_s:.2f} s)")

    rng = random.Random(args.seed)
    rows = []
    for n, (query, edits, kind) in enumerate(draw_queries(corpus, rng, args.queries)):
        first, second, found, how = first_pages(corpus, index, query, edits)
        base = None
        if args.baseline is None or n < args.baseline:
            base, base_found = read_to(corpus, query, edits, max(1, len(found)))
            # Streamed after a file was indexed again, its articles come last: the same page only in folder order.
            assert how == "index order" or found == base_found, (query, found, base_found)
        rows.append((kind, query, first, second, len(found), base, how))
    print("\n| query | first page (s) | second (s) | articles | reading every article (s) | x baseline |")
    print("|---|---:|---:|---:|---:|---:|")
    for kind, query, first, second, found, base, how in rows:
        note = {"index": "", "index order": " (index order)"}.get(how, " (read)")
        ratio = "" if base is None else f"{base:.3f} | {first / base:.3f}"
        print(f"| {kind}: {query}{note} | {first:.3f} | {second:.3f} | {found} | {ratio or ' | '} |")
    for kind in dict.fromkeys(r[0] for r in rows):
        firsts = [r[2] for r in rows if r[0] == kind]
        print(f"{kind}: first page median {statistics.median(firsts):.3f} s, max {max(firsts):.3f} s")
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6:.2f} GB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
