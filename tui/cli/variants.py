"""`newsread variants`: the stories that two or more files carry."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.cells import cell_len

from tui.cli.articles import pad
from tui.cli.common import UsageError, add_folder, load_corpus, out, print_json
from tui.engine.ingest.corpuscache import load_cached
from tui.engine.ingest.load import load
from tui.engine.variants.groupcache import find_groups
from tui.engine.variants.grouping import Group
from tui.engine.variants.passim import ClusterError, groups_from_clusters, read_clusters
from tui.render.safe import visible


def variants_json(groups: list[Group]) -> dict:
    return {
        "groups": [
            {
                "id": g.id,
                "base": g.base,
                "members": [
                    {
                        "id": m.article_id,
                        "file": m.file,
                        "title": m.title,
                        "siglum": m.siglum,
                        "similarity": m.similarity,
                        "coverage": m.coverage,
                    }
                    for m in g.members
                ],
            }
            for g in groups
        ]
    }


def passim_groups(corpus, path: Path) -> list[Group]:
    try:
        groups, missing = groups_from_clusters(corpus, read_clusters(path))
    except ClusterError as e:
        raise UsageError(str(e)) from None
    if missing:
        shown = ", ".join(visible(m) for m in missing[:5]) + (
            f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        )
        print(f"newsread: {len(missing)} passage ids not in the folder, skipped: {shown}", file=sys.stderr)
    return groups


def add_variants(sub) -> None:
    p = sub.add_parser(
        "variants",
        help="list the stories carried by two or more files",
        description="Group the articles that are variants of one story (reprints, OCR copies, jump-page halves).",
    )
    add_folder(p)
    p.add_argument("--json", action="store_true", help="print JSON (a stable interface)")
    p.add_argument("--no-cache", action="store_true", help="segment and group from scratch; read and write no cache")
    p.add_argument(
        "--passim-clusters",
        metavar="PATH",
        help="take the groups from passim's output (its out.json folder or part files) instead of grouping",
    )
    p.set_defaults(run=run_variants)


def run_variants(args: argparse.Namespace) -> int:
    corpus = load_corpus(args, load if args.no_cache else load_cached)
    if args.passim_clusters:
        groups = passim_groups(corpus, Path(args.passim_clusters))
    else:
        groups = find_groups(corpus, cache=not args.no_cache)
    if args.json:
        print_json(variants_json(groups))
        return 0
    if not groups:
        out("no story is carried by two or more files")
        return 0
    untitled = {a.id for a in corpus.articles if a.untitled}

    def label(m) -> str:
        return ("(untitled) " if m.article_id in untitled else "") + m.title

    head = ("", "SIGLUM", "SIM", "COVER", "ID")
    for g in groups:
        rows = [
            (
                "*" if m.siglum == g.base else "",
                m.siglum,
                f"{m.similarity:.3f}",
                f"{m.coverage:.3f}",
                m.article_id,
                label(m),
            )
            for m in g.members
        ]
        widths = [max(cell_len(visible(r[i])) for r in [head, *rows]) for i in range(5)]
        out(f"group {g.id}: {len(g.witnesses)} files, base {g.base}")
        for r in [(*head, "TITLE"), *rows]:
            out("  ".join(pad(visible(c), w) for c, w in zip(r, widths)) + "  " + r[5])
        out()
    return 0
