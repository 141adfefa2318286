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
from tui.engine.model import Article
from tui.engine.variants.groupcache import find_groups
from tui.engine.variants.grouping import Group, Member
from tui.engine.variants.passim import ClusterError, groups_from_clusters, read_clusters
from tui.render.safe import visible, visible_line

PASSAGE_LABEL = 60  # characters of a passage shown in place of a title


def ref(m: Member) -> str:
    """The member as `diff` and `collate` take it: the article, or its passage (``FILE#N@S-E``)."""
    return m.article_id if m.span is None else f"{m.article_id}@{m.span[0]}-{m.span[1]}"


def member_json(m: Member) -> dict:
    rec = {
        "id": m.article_id,
        "file": m.file,
        "title": m.title,
        "siglum": m.siglum,
        "similarity": m.similarity,
        "coverage": m.coverage,
    }
    if m.span is not None:
        rec["passage"] = {"start": m.span[0], "end": m.span[1], "ref": ref(m)}
    return rec


def variants_json(groups: list[Group]) -> dict:
    return {"groups": [{"id": g.id, "base": g.base, "members": [member_json(m) for m in g.members]} for g in groups]}


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
        description="Group the articles that are variants of one story (reprints, OCR copies, jump-page halves), "
        "and the passages that articles share (a wire report inside a longer page): a passage is named "
        "FILE#N@S-E, which diff and collate take.",
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

    def label(m: Member, shown: dict[str, Article]) -> str:
        """The article's title, or the opening words of the passage the member is."""
        if m.span is not None:
            return "… " + " ".join(shown[m.article_id].text[:PASSAGE_LABEL].split()) + " …"
        return ("(untitled) " if m.article_id in untitled else "") + m.title

    head = ("", "SIGLUM", "SIM", "COVER", "ID")
    for g in groups:
        shown = {a.id: a for w in g.witnesses for a in w.articles}
        rows = [
            (
                "*" if m.siglum == g.base else "",
                m.siglum,
                f"{m.similarity:.3f}",
                f"{m.coverage:.3f}",
                ref(m),
                label(m, shown),
            )
            for m in g.members
        ]
        widths = [max(cell_len(visible_line(r[i])) for r in [head, *rows]) for i in range(5)]
        out(visible_line(f"group {g.id}: {len(g.witnesses)} files, base {g.base}"))
        for r in [(*head, "TITLE"), *rows]:
            out("  ".join(pad(visible_line(c), w) for c, w in zip(r, widths)) + "  " + r[5])
        out()
    return 0
