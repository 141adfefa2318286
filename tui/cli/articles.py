"""`newsread list` and `newsread show`: the articles of a folder."""

from __future__ import annotations

import argparse
import sys

from rich.cells import cell_len

from tui.cli.common import add_folder, load_corpus, out, print_json
from tui.engine.ingest.load import Corpus
from tui.engine.model import Article, Source, TextFile
from tui.engine.refs import resolve
from tui.render.safe import visible


def article_record(a: Article, tf: TextFile) -> dict:
    return {
        "id": a.id,
        "file": a.file,
        "index": a.index,
        "title": a.title,
        "untitled": a.untitled,
        "start_line": a.start_line,
        "end_line": a.end_line,
        "chars": a.chars,
        "encoding": tf.encoding,
        "format": tf.format,
        "source": source_record(a.source),
    }


def source_record(src: Source | None) -> dict | None:
    """Paper, date, edition, page (and a record's id) where the layout or the record names them."""
    if src is None:
        return None
    return {
        k: v
        for k, v in (
            ("paper", src.paper),
            ("date", src.date),
            ("edition", src.edition),
            ("page", src.page),
            ("record", src.record),
        )
        if v
    }


def list_json(corpus: Corpus) -> dict:
    return {
        "articles": [article_record(a, f) for f in corpus.files for a in f.articles],
        "skipped": [{"file": s.relpath, "reason": s.reason} for s in corpus.skipped],
    }


def pad(text: str, width: int) -> str:
    """Left-justify ``text`` to ``width`` terminal cells (CJK counts 2)."""
    return text + " " * max(0, width - cell_len(text))


def add_list(sub) -> None:
    p = sub.add_parser("list", help="list every article", description="List every article of the folder.")
    add_folder(p)
    p.add_argument("--json", action="store_true", help="print JSON (a stable interface)")
    p.set_defaults(run=run_list)


def run_list(args: argparse.Namespace) -> int:
    corpus = load_corpus(args)
    if args.json:
        print_json(list_json(corpus))
        return 0
    # Columns that would say nothing are left out: FORMAT in a folder of plain text, SOURCE when no path names one.
    formats = any(f.format != "text" for f in corpus.files)
    sourced = any(a.source for a in corpus.articles)
    rows = [
        (
            a.id,
            f"{a.start_line}-{a.end_line}",
            str(a.chars),
            f.encoding,
            *((f.format,) if formats else ()),
            *((a.source.label if a.source else "",) if sourced else ()),
            ("(untitled) " if a.untitled else "") + a.title,
        )
        for f in corpus.files
        for a in f.articles
    ]
    head = (
        "ID",
        "LINES",
        "CHARS",
        "ENCODING",
        *(("FORMAT",) if formats else ()),
        *(("SOURCE",) if sourced else ()),
        "TITLE",
    )
    widths = [max(cell_len(visible(r[i])) for r in [head, *rows]) for i in range(len(head) - 1)]
    for r in [head, *rows]:
        out("  ".join(pad(visible(c), w) for c, w in zip(r, widths)) + "  " + r[-1])
    for s in corpus.skipped:
        print(visible(f"skipped: {s.relpath}: {s.reason}"), file=sys.stderr)
    for f in corpus.files:
        if f.warning:
            print(visible(f"warning: {f.relpath}: {f.warning}"), file=sys.stderr)
    return 0


def add_show(sub) -> None:
    p = sub.add_parser(
        "show", help="print one article", description="Print one article (REF: FILE#N, FILE#N-M or FILE)."
    )
    p.add_argument("ref", metavar="REF")
    add_folder(p)
    p.add_argument("--raw", action="store_true", help="the raw text, without paragraph repair")
    p.set_defaults(run=run_show)


def run_show(args: argparse.Namespace) -> int:
    corpus = load_corpus(args)
    r = resolve(corpus, args.ref)
    if args.raw:
        out("".join(a.raw for a in r.articles).rstrip("\n"))
    else:
        out("\n\n".join(a.text for a in r.articles))
    return 0
