"""A comparison or a collation as one self-contained HTML file, to share or print.

The same rows, kinds and colours as the terminal: rows come from
:func:`tui.render.sidebyside.cell`, the summary from :mod:`tui.render.summary`,
the colours from the bundled themes' ``nr-*`` variables (the light theme,
the dark one where the browser prefers it; always light on paper).  No
network and no script is needed to read it; a small inline script adds the
per-kind toggles.  The browser wraps the text (``line-break: strict`` keeps
CJK closing punctuation off a line's start).
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from datetime import UTC, datetime
from html import escape

from tui.engine.diff.collate import Collation
from tui.engine.diff.compare import Comparison, Row
from tui.engine.diff.kinds import KINDS
from tui.locations import bundled_themes
from tui.render.collation import one_line, shown
from tui.render.safe import visible
from tui.render.sidebyside import Cell, cell
from tui.render.summary import summary

# A tag (a row's operation or a change's kind) -> the theme variable that colours it.
TAG_COLOUR = {
    "insert": "nr-insert",
    "delete": "nr-delete",
    "move": "nr-move",
    "content": "nr-replace",
    "width": "nr-minor",
    "punct": "nr-minor",
    "space": "nr-minor",
    "markup": "nr-minor",
    "script": "nr-minor",
    "case": "nr-minor",
    "ortho": "nr-minor",
    "ocr": "nr-minor",
}
MOVE_SIGN = "↕"

_CSS = """
body { font-family: system-ui, "Noto Sans CJK SC", "Noto Sans", sans-serif; margin: 1.5em;
  background: var(--bg); color: var(--fg); }
h1 { font-size: 1.3em; margin: 0 0 .4em; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .1em 1em; margin: 0 0 .6em; }
dt { font-weight: bold; }
dd { margin: 0; }
.summary { font-weight: bold; }
.legend span, .legend label { margin-right: .8em; padding: 0 .3em; white-space: nowrap; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin-top: .8em; }
th, td { border-top: 1px solid var(--rule); padding: .25em .5em; vertical-align: top; text-align: left; }
td { white-space: pre-wrap; overflow-wrap: anywhere; line-break: strict; }
td.n, th.n { width: 3.5em; color: var(--dim); text-align: right; }
td.note { color: var(--dim); font-style: italic; }
.row-insert td.b, .row-delete td.a, .row-move td.a, .row-move td.b { background: var(--tag-bg); }
.k-insert { --tag-bg: var(--nr-insert); } .k-delete { --tag-bg: var(--nr-delete); }
.k-move { --tag-bg: var(--nr-move); }
mark { color: inherit; background: var(--nr-minor); }
mark.k-content { background: var(--nr-replace); font-weight: bold; }
mark.k-script { font-style: italic; }
.lone { color: var(--nr-lone); font-weight: bold; }
.consensus { text-decoration: underline; }
.ctx { color: var(--dim); }
.base { background: var(--nr-replace); }
""" + "".join(
    f"body.hide-{k} mark.k-{k} {{ background: none; font-weight: normal; font-style: normal; }}\n" for k in KINDS
)

_TOGGLES = """
for (const box of document.querySelectorAll("input[data-kind]")) {
  box.disabled = false;
  box.addEventListener("change", () => document.body.classList.toggle("hide-" + box.dataset.kind, !box.checked));
}
"""


def theme_variables(name: str) -> dict[str, str]:
    """The ``nr-*`` colours and the page colours of a bundled theme."""
    with open(bundled_themes() / f"{name}.toml", "rb") as f:
        theme = tomllib.load(f)
    out = {k: v for k, v in theme.get("variables", {}).items() if k.startswith("nr-")}
    out |= {"bg": theme["background"], "fg": theme["foreground"], "rule": theme["panel"], "dim": theme["secondary"]}
    return out


def _root(variables: dict[str, str]) -> str:
    return ":root { " + " ".join(f"--{k}: {v};" for k, v in sorted(variables.items())) + " }"


def _style() -> str:
    light, dark = theme_variables("newsread-light"), theme_variables("newsread-dark")
    return (
        _root(light)
        + f"\n@media screen and (prefers-color-scheme: dark) {{ {_root(dark)} }}\n"
        + _CSS
        + "@media print { body { margin: 0; } .toggles { display: none; } tr { break-inside: avoid; } }\n"
    )


def _page(title: str, head: list[str], body: list[str]) -> str:
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="und"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>",
            f"<style>{_style()}</style>",
            "</head><body>",
            *head,
            *body,
            f"<script>{_TOGGLES}</script>",
            "</body></html>",
            "",
        ]
    )


def _made(version: str, now: datetime | None) -> str:
    when = (now or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    return f"<dt>made by</dt><dd>newsread {escape(version)}, {when}</dd>"


def _legend(kinds: Sequence[str]) -> str:
    ops = "".join(
        f'<span class="k-{op}" style="background: var(--tag-bg)">{op}</span>'
        for op in TAG_COLOUR
        if op in ("insert", "delete", "move")
    )
    marks = "".join(
        f'<label class="toggles"><input type="checkbox" data-kind="{k}" checked disabled> <mark class="k-{k}">{k}</mark></label>'
        for k in kinds
    )
    return f'<p class="legend">paragraphs: {ops} changes: {marks}</p>'


def _cell_html(c: Cell | None) -> str:
    if c is None:
        return ""
    out, pos = [], 0
    for start, end, kind in c.changes:
        out += [escape(c.text[pos:start]), f'<mark class="k-{kind}">{escape(c.text[start:end])}</mark>']
        pos = end
    out.append(escape(c.text[pos:]))
    return "".join(out)


def _row_html(n: int, row: Row) -> str:
    a, b = cell(row, "a"), cell(row, "b")
    cls = f"row-{row.op}" + (f" k-{row.op}" if row.op in ("insert", "delete", "move") else "")
    note = ""
    if row.op == "move" and row.moved_to is not None:
        note = f'<br><span class="note">{MOVE_SIGN} B has it as paragraph {row.moved_to + 1}</span>'
    return (
        f'<tr id="row{n}" class="{cls}" data-op="{row.op}"><td class="n">{n}</td>'
        f'<td class="a">{_cell_html(a)}{note}</td><td class="b">{_cell_html(b)}</td></tr>'
    )


def diff_html(
    cmp: Comparison, refs: tuple[str, str], *, sigla: tuple[str, str] = ("A", "B"), version: str, now=None
) -> str:
    """A side-by-side diff page: the files and articles compared, the summary, a legend, the rows."""
    ref_a, ref_b = (escape(visible(r)) for r in refs)
    sa, sb = (escape(visible(s)) for s in sigla)
    head = [
        f"<h1>newsread diff: {sa} ↔ {sb}</h1>",
        f"<dl><dt>A ({sa})</dt><dd>{ref_a}</dd><dt>B ({sb})</dt><dd>{ref_b}</dd>{_made(version, now)}</dl>",
        f'<p class="summary">{escape(summary(cmp))}</p>',
        _legend([k for k in KINDS if cmp.stats.get(k)]),
    ]
    rows = [
        f'<table class="diff"><thead><tr><th class="n">#</th><th>A: {sa}</th><th>B: {sb}</th></tr></thead><tbody>',
        *(_row_html(n, row) for n, row in enumerate(cmp.rows, 1)),
        "</tbody></table>",
    ]
    return _page(f"newsread diff {visible(refs[0])} {visible(refs[1])}", head, rows)


def _reading_html(text: str) -> str:
    return escape(visible(shown(text)))


def collation_html(col: Collation, refs: Sequence[str], *, version: str, now=None) -> str:
    """Every variation point with each witness's reading, the lone witness flagged, then the consensus."""
    wits = "".join(
        f"<dt>{escape(visible(s))}{' (base)' if s == col.base else ''}</dt><dd>{escape(visible(r))}</dd>"
        for s, r in zip(col.witnesses, refs)
    )
    head = [
        f"<h1>newsread collation of {len(col.witnesses)} witnesses</h1>",
        f"<dl>{wits}{_made(version, now)}</dl>",
        f'<p class="summary">{len(col.points)} variation points; base {escape(visible(col.base))}</p>',
        '<p class="legend"><span class="lone">lone witness</span> <span class="consensus">consensus</span>'
        ' <span class="base">base reading</span></p>',
    ]
    header = "".join(f"<th>{escape(visible(s))}</th>" for s in col.witnesses)
    rows = [f'<table class="collation"><thead><tr><th class="n">#</th><th>context</th>{header}</tr></thead><tbody>']
    for k, (point, sup) in enumerate(zip(col.points, col.support), 1):
        s, e = point.base
        before = escape(visible(one_line(col.base_text[max(0, s - 8) : s])))
        after = escape(visible(one_line(col.base_text[e : e + 8])))
        ctx = f'<span class="ctx">{before}</span><span class="base">{_reading_html(col.base_text[s:e])}</span><span class="ctx">{after}</span>'
        cells = dict.fromkeys(point.absent, '<td class="note">lacking the paragraph</td>')
        for r in point.readings:
            classes = " ".join(
                c for c, on in (("lone", point.lone in r.sigla), ("consensus", r.sigla == sup.sigla)) if on
            )
            for siglum in r.sigla:
                cells[siglum] = f'<td class="{classes}">{_reading_html(r.text)}</td>'
        rows.append(
            f'<tr id="point{k}" data-point="{k}"><td class="n">{k}</td><td>{ctx}</td>'
            + "".join(cells[w] for w in col.witnesses)
            + "</tr>"
        )
    rows += [
        "</tbody></table>",
        "<h2>Consensus</h2>",
        f'<p style="white-space: pre-wrap">{escape(visible(col.consensus))}</p>',
    ]
    return _page(f"newsread collation of {len(col.witnesses)} witnesses", head, rows)
