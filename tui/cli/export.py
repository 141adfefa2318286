"""`newsread export --passim`: the folder as passim's input, for text reuse past one machine."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.cli.common import UsageError, add_folder, load_corpus
from tui.engine.export.files import ExportError, write_atomically
from tui.engine.export.passim import lines

PASSIM_NAME = "newsread-passim.jsonl"


def add_export(sub) -> None:
    p = sub.add_parser(
        "export",
        help="write the folder's articles for another tool",
        description="Write every article as passim's input: JSON lines with id, series, text, title and date.",
    )
    p.add_argument(
        "--passim",
        metavar="FILE|DIR",
        required=True,
        help=f"the JSON lines file to write (- is stdout; a folder gets {PASSIM_NAME})",
    )
    add_folder(p)
    p.set_defaults(run=run_export)


def run_export(args: argparse.Namespace) -> int:
    corpus = load_corpus(args)
    if args.passim == "-":
        sys.stdout.writelines(lines(corpus))
        return 0
    target = Path(args.passim)
    if target.is_dir():
        target = target / PASSIM_NAME
    try:
        write_atomically(target, lines(corpus))
    except ExportError as e:
        raise UsageError(str(e)) from None
    print(f"wrote {len(corpus.articles)} articles to {target}", file=sys.stderr)
    return 0
