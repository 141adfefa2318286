"""`newsread diff` and `newsread collate`: the variant engine on the command line.

``diff`` prints two versions side by side in cells (or ``--unified``), with
changed characters in colour on a terminal and in ``[-…-]``/``{+…+}``
brackets otherwise; its exit code is that of diff(1).  ``collate`` prints the
variation points of three or more witnesses, or their consensus text.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from tui.cli.common import UsageError, add_folder, load_corpus, positive_int, print_json
from tui.engine.diff.collate import Collation, collate
from tui.engine.diff.compare import Comparison, Row, compare_articles, paragraphs
from tui.engine.diff.kinds import IGNORABLE, KINDS
from tui.engine.refs import Resolved, resolve
from tui.engine.variants.sigla import sigla
from tui.render.safe import visible
from tui.render.wrap import wrap

MARK = {"equal": " ", "replace": "|", "delete": "<", "insert": ">", "move": "~"}
BRACKETS = {"a": ("[-", "-]"), "b": ("{+", "+}")}
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
    p.add_argument("--width", type=positive_int, metavar="N", help="output width in cells (default: the terminal's)")
    p.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour (auto: on a terminal without NO_COLOR)",
    )
    p.add_argument("--unified", action="store_true", help="one column: - lines of REF_A, + lines of REF_B")
    p.set_defaults(run=run_diff)


def use_color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def run_diff(args: argparse.Namespace) -> int:
    corpus = load_corpus(args)
    ra, rb = resolve(corpus, args.ref_a), resolve(corpus, args.ref_b)
    ignore = frozenset().union(*args.ignore)
    cmp = compare_articles(ra.articles, rb.articles, ignore=ignore)
    if args.json:
        print_json(diff_json(ra.ref, rb.ref, cmp))
    else:
        width = args.width or shutil.get_terminal_size((100, 24)).columns
        if width < 20:
            raise UsageError(f"--width {width}: too narrow (at least 20)")
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
        lines = _plain(visible(f"--- {ra.ref}"), width) + _plain(visible(f"+++ {rb.ref}"), width)
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
    return {"a": ref_a, "b": ref_b, "similarity": round(cmp.similarity, 4), "rows": rows, "stats": cmp.stats}


def summary(cmp: Comparison) -> str:
    s = cmp.stats
    ops = (
        f"{s['equal']} equal, {s['replace']} changed, {s['delete']} deleted, {s['insert']} inserted, {s['move']} moved"
    )
    kinds = ", ".join(f"{s[k]} {k}" for k in KINDS if s[k])
    return f"{ops} paragraphs; changes: {kinds or 'none'}; similarity {cmp.similarity:.3f}"


def marked(row: Row, side: str, color: bool) -> tuple[str, list[tuple[int, int, str]]]:
    """A row's text for one side, safe to print, and the styled spans of its changes.

    Without colour the changed characters are bracketed instead (not in a
    whole inserted or deleted paragraph: its row mark says it all).
    """
    text = visible(row.a_text if side == "a" else row.b_text)
    if not color and row.op in ("insert", "delete"):
        return text, []
    spans = [(c.a if side == "a" else c.b, c.kind) for c in row.changes]
    spans = [((s, e), k) for (s, e), k in spans if e > s]
    style = {k: STYLE["formal"] if k != "content" else STYLE[side] for k in KINDS}
    if color:
        return text, [(s, e, style[k]) for (s, e), k in spans]
    opening, closing = BRACKETS[side]
    out, pos = [], 0
    for (s, e), _ in sorted(spans):
        out += [text[pos:s], opening, text[s:e], closing]
        pos = e
    out.append(text[pos:])
    return "".join(out), []


def _lines(text: str, styles: Sequence[tuple[int, int, str]], width: int) -> list[Text]:
    """``text`` wrapped to ``width`` cells, each line a styled Text.

    One sweep over the styles sorted by start: a long row with many changes
    costs lines plus styles, not lines times styles.
    """
    styles = sorted(styles)
    out, first = [], 0
    for s, e in wrap(text, width):
        line = Text(text[s:e])
        while first < len(styles) and styles[first][1] <= s:
            first += 1
        k = first
        while k < len(styles) and styles[k][0] < e:
            ss, se, st = styles[k]
            lo, hi = max(ss, s), min(se, e)
            if lo < hi:
                line.stylize(st, lo - s, hi - s)
            k += 1
        out.append(line)
    return out


def _plain(text: str, width: int, style: str = "") -> list[Text]:
    """A line of our own (header, note, summary) wrapped to ``width`` cells."""
    return _lines(text, [(0, len(text), style)] if style else [], width)


def _pad(line: Text, width: int) -> Text:
    return line + Text(" " * max(0, width - cell_len(line.plain)))


def _note(row: Row) -> str:
    return f"moved: paragraph {row.moved_from + 1} of A is paragraph {row.moved_to + 1} of B"


def side_by_side(cmp: Comparison, width: int, color: bool) -> list[Text]:
    col = (width - 3) // 2
    out: list[Text] = []
    for row in cmp.rows:
        if row.op == "move":
            out += _plain(_note(row), width, STYLE["note"] if color else "")
        left = _lines(*marked(row, "a", color), col) if row.a is not None else []
        right = _lines(*marked(row, "b", color), col) if row.b is not None else []
        for k in range(max(len(left), len(right))):
            mark = MARK[row.op] if k == 0 else " "
            a = left[k] if k < len(left) else Text()
            b = right[k] if k < len(right) else Text()
            out.append(_pad(a, col) + Text(f" {mark} ") + b)
    return out


def unified(cmp: Comparison, width: int, color: bool) -> list[Text]:
    out: list[Text] = []
    for row in cmp.rows:
        if row.op == "move":
            out += _plain(_note(row), width, STYLE["note"] if color else "")
        if row.op == "equal":
            out += [Text("  ") + line for line in _lines(visible(row.a_text), [], width - 2)]
            continue
        for side, sign in (("a", "- "), ("b", "+ ")):
            if (row.a if side == "a" else row.b) is not None:
                out += [Text(sign) + line for line in _lines(*marked(row, side, color), width - 2)]
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
    p.set_defaults(run=run_collate)


def witness_sigla(resolved: Sequence[Resolved]) -> list[str]:
    """Sigla of the refs' files; a file named by two refs adds the article numbers."""
    names = sigla([r.file.relpath for r in resolved])
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
    if args.json:
        print_json(collate_json(col, [r.ref for r in resolved]))
    elif args.consensus:
        print(visible(col.consensus) if sys.stdout.isatty() else col.consensus)
    else:
        for line in collate_text(col, [r.ref for r in resolved]):
            print(visible(line))
    return 0


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


def _shown(text: str) -> str:
    return text.replace("\n", "↵") if text else "(omitted)"


def collate_text(col: Collation, refs: Sequence[str]) -> list[str]:
    out = [f"{s}: {r}" + ("  (base)" if s == col.base else "") for s, r in zip(col.witnesses, refs)]
    for k, (p, sup) in enumerate(zip(col.points, col.support), 1):
        s, e = p.base
        before = col.base_text[max(0, s - 8) : s].replace("\n", "↵")
        after = col.base_text[e : e + 8].replace("\n", "↵")
        out.append(f"\n{k}. {before}[{_shown(col.base_text[s:e])}]{after}")
        for r in p.readings:
            flags = [f for f, on in (("lone", p.lone in r.sigla), ("consensus", r.sigla == sup.sigla)) if on]
            out.append(f"   {' '.join(r.sigla)}: {_shown(r.text)}" + (f"  ({', '.join(flags)})" if flags else ""))
        if p.absent:
            out.append(f"   lacking the paragraph: {' '.join(p.absent)}")
    out.append(f"\n{len(col.points)} variation points")
    return out
