"""`newsread diff` and `newsread collate`: the variant engine on the command line.

``diff`` prints two versions side by side in cells (or ``--unified``), with
changed characters in colour on a terminal and in ``[-…-]``/``{+…+}``
brackets otherwise; its exit code is that of diff(1).  ``collate`` prints the
variation points of three or more witnesses, or their consensus text.  Both
export what they show (``--html``; ``collate`` also ``--tei``, ``--csv``,
``--tsv``) to stdout or, with ``-o``, to a file written atomically.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from tui import __version__
from tui.cli.common import UsageError, add_folder, load_corpus, positive_int, print_json
from tui.engine.diff.collate import Collation, collate
from tui.engine.diff.compare import Comparison, Row, compare_articles, paragraphs
from tui.engine.diff.kinds import IGNORABLE
from tui.engine.export.files import ExportError, write_atomically
from tui.engine.export.table import to_csv
from tui.engine.export.tei import to_tei
from tui.engine.refs import Resolved, resolve
from tui.engine.variants.sigla import sigla
from tui.render.collation import plain, point_lines
from tui.render.html import collation_html, diff_html
from tui.render.safe import visible, visible_line
from tui.render.sidebyside import MARKS, Cell, Styler, cell, layout
from tui.render.summary import summary

MIN_WIDTH, MAX_WIDTH = 20, 1000  # cells; a wider line is no use on any screen and every row is padded to it
STYLE = {"a": "bold red", "b": "bold green", "formal": "yellow", "note": "dim"}


def parse_kinds(value: str) -> frozenset[str]:
    kinds = frozenset(k.strip() for k in value.split(",") if k.strip())
    bad = kinds - set(IGNORABLE)
    if bad:
        raise argparse.ArgumentTypeError(f"unknown kind {', '.join(sorted(bad))} (choose from {','.join(IGNORABLE)})")
    return kinds


def add_ignore(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--ignore",
        type=parse_kinds,
        action="append",
        default=[],
        metavar="KINDS",
        help="drop changes of these kinds: " + ",".join(IGNORABLE),
    )


def add_diff(sub) -> None:
    p = sub.add_parser(
        "diff",
        help="compare two versions of a story",
        description="Compare two versions of a story paragraph by paragraph and character by character. "
        "Exit code 0: no difference left after --ignore, 1: differences, 2: error.",
    )
    p.add_argument("ref_a", metavar="REF_A")
    p.add_argument("ref_b", metavar="REF_B")
    add_folder(p)
    p.add_argument("--json", action="store_true", help="print JSON (a stable interface)")
    add_ignore(p)
    p.add_argument(
        "--width",
        type=positive_int,
        metavar="N",
        help=f"output width in cells, {MIN_WIDTH}-{MAX_WIDTH} (default: the terminal's)",
    )
    p.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour (auto: on a terminal without NO_COLOR)",
    )
    p.add_argument("--unified", action="store_true", help="one column: - lines of REF_A, + lines of REF_B")
    p.add_argument("--html", action="store_true", help="a self-contained HTML page, side by side (see -o)")
    add_output(p)
    p.set_defaults(run=run_diff)


def add_output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default="-",
        help="write an --html/--tei/--csv/--tsv export to FILE (- is stdout)",
    )


def emit(text: str, output: str) -> None:
    """An export to stdout, or to ``output`` written whole or not at all."""
    if output == "-":
        sys.stdout.write(text)
        return
    try:
        write_atomically(Path(output), text)
    except ExportError as e:
        raise UsageError(str(e)) from None
    print(f"wrote {visible(output)}", file=sys.stderr)


def use_color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def run_diff(args: argparse.Namespace) -> int:
    corpus = load_corpus(args)
    ra, rb = resolve(corpus, args.ref_a), resolve(corpus, args.ref_b)
    ignore = frozenset().union(*args.ignore)
    cmp = compare_articles(ra.articles, rb.articles, ignore=ignore)
    if args.output != "-" and not args.html:
        raise UsageError("-o goes with --html")
    if args.json:
        print_json(diff_json(ra.ref, rb.ref, cmp))
    elif args.html:
        names = tuple(witness_sigla([ra, rb]))
        emit(diff_html(cmp, (ra.ref, rb.ref), sigla=names, version=__version__), args.output)
    else:
        if args.width and args.width > MAX_WIDTH:
            raise UsageError(f"--width {args.width}: too wide (at most {MAX_WIDTH})")
        width = args.width or min(MAX_WIDTH, shutil.get_terminal_size((100, 24)).columns)
        if width < MIN_WIDTH:
            raise UsageError(f"--width {width}: too narrow (at least {MIN_WIDTH})")
        color = use_color(args.color)
        console = Console(
            file=sys.stdout,
            width=width,
            force_terminal=color,
            color_system="standard" if color else None,
            no_color=not color,
            highlight=False,
            markup=False,
            emoji=False,
        )
        render = unified if args.unified else side_by_side
        lines = _plain(visible_line(f"--- {ra.ref}"), width) + _plain(visible_line(f"+++ {rb.ref}"), width)
        lines += render(cmp, width, color)
        lines += _plain(summary(cmp), width, STYLE["note"] if color else "")
        for line in lines:
            console.print(line, soft_wrap=True, crop=False)
    return 1 if cmp.differs else 0


def _side(row: Row, side: str) -> dict | None:
    span = row.a if side == "a" else row.b
    if span is None:
        return None
    return {"paragraphs": list(span), "text": row.a_text if side == "a" else row.b_text}


def diff_json(ref_a: str, ref_b: str, cmp: Comparison) -> dict:
    rows = []
    for r in cmp.rows:
        rec = {"op": r.op, "a": _side(r, "a"), "b": _side(r, "b")}
        if r.op == "move":
            rec["moved_from"], rec["moved_to"] = r.moved_from, r.moved_to
        rec["changes"] = [{"a": list(c.a), "b": list(c.b), "kind": c.kind} for c in r.changes]
        rows.append(rec)
    return {
        "a": ref_a,
        "b": ref_b,
        "similarity": round(cmp.similarity, 4),
        "rows": rows,
        "stats": cmp.stats,
        "hidden": cmp.hidden,
    }


def _styler(side: str, color: bool) -> Styler:
    """Colours of the tags of side ``a`` or ``b``: content in red or green, other kinds in yellow."""
    if not color:
        return lambda tag: None
    return lambda tag: (
        None if tag == "move" else STYLE[side] if tag in ("content", "insert", "delete") else STYLE["formal"]
    )


def _plain(text: str, width: int, style: str = "") -> list[Text]:
    """A line of our own (header, note, summary) wrapped to ``width`` cells."""
    return Cell(text, "note").lines(width, lambda tag: style or None)


def _pad(line: Text, width: int) -> Text:
    return line + Text(" " * max(0, width - cell_len(line.plain)))


def _note(row: Row) -> str:
    return f"moved: paragraph {row.moved_from + 1} of A is paragraph {row.moved_to + 1} of B"


def side_by_side(cmp: Comparison, width: int, color: bool) -> list[Text]:
    col = (width - 3) // 2
    laid = layout(cmp.rows, col, brackets=not color)
    style_a, style_b = _styler("a", color), _styler("b", color)
    out: list[Text] = []
    for line in laid.lines:
        row = cmp.rows[line.row]
        if line.first and row.op == "move":
            out += _plain(_note(row), width, STYLE["note"] if color else "")
        a, b = laid.texts(line, style_a, style_b)
        mark = MARKS[row.op] if line.first else " "
        out.append(_pad(a or Text(), col) + Text(f" {mark} ") + (b or Text()))
    return out


def unified(cmp: Comparison, width: int, color: bool) -> list[Text]:
    out: list[Text] = []
    for row in cmp.rows:
        if row.op == "move":
            out += _plain(_note(row), width, STYLE["note"] if color else "")
        signs = (("a", "  "),) if row.op == "equal" else (("a", "- "), ("b", "+ "))
        for side, sign in signs:
            if (side_cell := cell(row, side, brackets=not color)) is not None:
                out += [Text(sign) + line for line in side_cell.lines(width - 2, _styler(side, color))]
    return out


def add_collate(sub) -> None:
    p = sub.add_parser(
        "collate",
        help="collate three or more versions of a story",
        description="Collate versions of a story against a base: variation points, readings with sigla, consensus.",
    )
    p.add_argument("refs", nargs="+", metavar="REF")
    add_folder(p)
    p.add_argument("--base", metavar="SIGLUM", help="the base witness (default: the most central)")
    add_ignore(p)
    p.add_argument("--json", action="store_true", help="print JSON (a stable interface)")
    p.add_argument("--consensus", action="store_true", help="print the consensus text")
    formats = p.add_mutually_exclusive_group()
    formats.add_argument("--tei", action="store_true", help="a TEI P5 parallel-segmentation apparatus")
    formats.add_argument("--html", action="store_true", help="a self-contained HTML page")
    formats.add_argument("--csv", action="store_true", help="an alignment table: a row per variation point")
    formats.add_argument("--tsv", action="store_true", help="the alignment table, tab-separated")
    add_output(p)
    p.set_defaults(run=run_collate)


def witness_sigla(resolved: Sequence[Resolved]) -> list[str]:
    """Sigla of the refs' files; a file named by two refs adds the article numbers."""
    names = sigla([r.file.relpath for r in resolved], [r.articles[0].source if r.articles else None for r in resolved])
    out = []
    for name, r in zip(names, resolved):
        shared = sum(x.file.relpath == r.file.relpath for x in resolved) > 1
        out.append(name + r.ref[len(r.file.relpath) :] if shared else name)
    return out


def run_collate(args: argparse.Namespace) -> int:
    if len(args.refs) < 2:
        raise UsageError("collate needs at least two REFs")
    corpus = load_corpus(args)
    resolved = [resolve(corpus, ref) for ref in args.refs]
    names = witness_sigla(resolved)
    if len(set(names)) != len(names):
        raise UsageError("the same text is named twice")
    try:
        witnesses = [(s, paragraphs(r.articles)) for s, r in zip(names, resolved)]
        col = collate(witnesses, base=args.base, ignore=frozenset().union(*args.ignore))
    except ValueError as e:
        raise UsageError(str(e)) from None
    refs = [r.ref for r in resolved]
    export = collate_export(args, col, refs)
    if export is not None:
        emit(export, args.output)
    elif args.output != "-":
        raise UsageError("-o goes with --tei, --html, --csv or --tsv")
    elif args.json:
        print_json(collate_json(col, refs))
    elif args.consensus:
        print(visible(col.consensus) if sys.stdout.isatty() else col.consensus)
    else:
        for line in collate_text(col, [r.ref for r in resolved]):
            print(visible(line))
    return 0


def collate_export(args: argparse.Namespace, col: Collation, refs: Sequence[str]) -> str | None:
    """The export the flags ask for, or None."""
    if args.tei:
        return to_tei(col, refs, version=__version__)
    if args.html:
        return collation_html(col, refs, version=__version__)
    if args.csv or args.tsv:
        return to_csv(col, delimiter="\t" if args.tsv else ",")
    return None


def collate_json(col: Collation, refs: Sequence[str]) -> dict:
    return {
        "witnesses": [{"siglum": s, "ref": r} for s, r in zip(col.witnesses, refs)],
        "base": col.base,
        "points": [
            {
                "base": list(p.base),
                "readings": [{"text": r.text, "sigla": list(r.sigla)} for r in p.readings],
                "lone": p.lone,
                "absent": list(p.absent),
                "consensus": {"text": sup.text, "sigla": list(sup.sigla)},
            }
            for p, sup in zip(col.points, col.support)
        ],
        "consensus": col.consensus,
    }


def collate_text(col: Collation, refs: Sequence[str]) -> list[str]:
    out = [f"{s}: {r}" + ("  (base)" if s == col.base else "") for s, r in zip(col.witnesses, refs)]
    for k in range(len(col.points)):
        head, under = point_lines(col, k)
        out.append("\n" + plain(head))
        out += ["   " + plain(line) for line in under]
    out.append(f"\n{len(col.points)} variation points")
    return out
