"""`newsread list` and `newsread show`: the articles of a folder."""

from __future__ import annotations

import argparse
import sys

from rich.cells import cell_len

from tui.cli.common import add_folder, load_corpus, out, print_json
from tui.engine.ingest.load import Corpus
from tui.engine.model import Article, Source, TextFile
from tui.engine.refs import resolve
from tui.render.safe import visible_line


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


def listed(corpus: Corpus, args: argparse.Namespace | None = None) -> list[tuple[TextFile, Article]]:
    """(file, article) pairs to list: ``--paper`` and ``--date`` (a prefix: ``1916-04``) filter, ``--sort`` orders."""
    pairs = [(f, a) for f in corpus.files for a in f.articles]
    paper, date = getattr(args, "paper", None), getattr(args, "date", None)
    if paper:
        pairs = [(f, a) for f, a in pairs if a.source and a.source.paper == paper]
    if date:
        pairs = [(f, a) for f, a in pairs if a.source and a.source.date.startswith(date)]
    if getattr(args, "sort", "file") == "source":
        pairs.sort(key=lambda fa: source_key(fa[1].source))
    return pairs


def source_key(src: Source | None) -> tuple:
    """Date, paper, edition and page (numbers as numbers); articles without a source last."""
    if src is None:
        return (1,)
    return (0, src.date, src.paper, _number(src.edition), _number(src.page))


def _number(tag: str) -> int:
    """The N of ``ed-N`` or ``seq-N`` (0 when there is none)."""
    tail = tag.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def list_json(corpus: Corpus, args: argparse.Namespace | None = None) -> dict:
    return {
        "articles": [article_record(a, f) for f, a in listed(corpus, args)],
        "skipped": [{"file": s.relpath, "reason": s.reason} for s in corpus.skipped],
    }


def pad(text: str, width: int) -> str:
    """Left-justify ``text`` to ``width`` terminal cells (CJK counts 2)."""
    return text + " " * max(0, width - cell_len(text))


def add_list(sub) -> None:
    p = sub.add_parser("list", help="list every article", description="List every article of the folder.")
    add_folder(p)
    p.add_argument("--json", action="store_true", help="print JSON (a stable interface)")
    p.add_argument("--paper", metavar="ID", help="only this paper (an LCCN, a JSON lines series)")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="only pages of this date (or month: 1916-04, year: 1916)")
    p.add_argument(
        "--sort",
        choices=("file", "source"),
        default="file",
        help="order by file (default) or by date, paper, edition and page",
    )
    p.set_defaults(run=run_list)


def run_list(args: argparse.Namespace) -> int:
    corpus = load_corpus(args)
    if args.json:
        print_json(list_json(corpus, args))
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
        for f, a in listed(corpus, args)
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
    widths = [max(cell_len(visible_line(r[i])) for r in [head, *rows]) for i in range(len(head) - 1)]
    for r in [head, *rows]:
        out("  ".join(pad(visible_line(c), w) for c, w in zip(r, widths)) + "  " + r[-1])
    for s in corpus.skipped:
        print(visible_line(f"skipped: {s.relpath}: {s.reason}"), file=sys.stderr)
    for f in corpus.files:
        if f.warning:
            print(visible_line(f"warning: {f.relpath}: {f.warning}"), file=sys.stderr)
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
