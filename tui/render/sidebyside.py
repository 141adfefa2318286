"""Two versions side by side: the rows of a comparison as aligned lines of A and B.

`newsread diff` and the reader's diff view lay rows out with this module.
Each side of a row is made visible (:func:`tui.render.safe.visible`) and
wrapped in cells with the CJK line breaker; a row takes the height of its
taller side and both sides start on its first line, so the columns never
drift apart.  Nothing here is a colour: a side carries tags, the row's
operation for the whole text (``insert``, ``delete``, ``move``) and the kind
of each change (``content``, ``width`` …), and each front end maps tags to
its own styles.  A :class:`Line` holds offsets only, so a view can style
just the lines it shows.

A row is drawn once, as an :class:`Entry`, unless a view asks for
:func:`entries`: then a moved paragraph is drawn where each side has it,
with a note on the other side (``↳ moved to row 14``), and :func:`folds`
finds the runs of equal rows a view may fold to one line (``… 12 equal
paragraphs …``).  :data:`MARKS` are the marks between the columns, one set
for the command line and the reader.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from rich.style import StyleType
from rich.text import Text

from tui.engine.diff.compare import Row
from tui.render.safe import visible
from tui.render.wrap import wrap

WHOLE = ("insert", "delete", "move")  # operations that tag a side's whole text
BRACKETS = {"a": ("[-", "-]"), "b": ("{+", "+}")}
# The mark of a row's operation, between the columns (sdiff's, and ~ for a paragraph found at another place).
MARKS = {"equal": " ", "replace": "|", "delete": "<", "insert": ">", "move": "~"}

Styler = Callable[[str], StyleType | None]  # a tag to a style, or None to leave it plain


@dataclass(frozen=True)
class Cell:
    """One side of a row, safe to print.

    ``whole`` tags the whole text (or is empty); ``changes`` are
    ``(start, end, kind)`` into ``text``, sorted and disjoint.
    """

    text: str
    whole: str = ""
    changes: tuple[tuple[int, int, str], ...] = ()

    def line(self, start: int, end: int, style: Styler) -> Text:
        """``text[start:end]`` as one styled line.

        The changes are sorted and disjoint, so their ends are sorted too and
        a bisection finds the first one on the line: styling a line costs the
        changes on it, not all the changes of the row.
        """
        line = Text(self.text[start:end])
        if self.whole and (st := style(self.whole)):
            line.stylize(st)
        for cs, ce, kind in self._on(start, end):
            if st := style(kind):
                line.stylize(st, max(cs, start) - start, min(ce, end) - start)
        return line

    def _on(self, start: int, end: int) -> Iterator[tuple[int, int, str]]:
        """The changes with characters in ``text[start:end]``."""
        k = bisect_right(self.changes, start, key=lambda c: c[1])
        while k < len(self.changes) and self.changes[k][0] < end:
            if max(self.changes[k][0], start) < min(self.changes[k][1], end):
                yield self.changes[k]
            k += 1

    def tags(self, start: int, end: int) -> set[str]:
        """The tags ``text[start:end]`` carries: the whole text's and the kinds of the changes in it.

        The spaces and line breaks either side, which wrapping leaves off
        every line, count as part of it: a change made only of them still
        shows on a line.
        """
        text = self.text
        while start > 0 and text[start - 1].isspace():
            start -= 1
        while end < len(text) and text[end].isspace():
            end += 1
        return {self.whole} - {""} | {kind for _, _, kind in self._on(start, end)}

    def lines(self, width: int, style: Styler) -> list[Text]:
        """The whole text wrapped to ``width`` cells, a styled Text a line."""
        return [self.line(s, e, style) for s, e in wrap(self.text, width)]


def cell(row: Row, side: str, *, brackets: bool = False) -> Cell | None:
    """Side ``a`` or ``b`` of ``row``; None where the row has no such side.

    With ``brackets`` (output without colour) each change inside aligned
    paragraphs is bracketed in the text instead, ``[-…-]`` in A and
    ``{+…+}`` in B; a whole inserted or deleted paragraph is not, its row
    says it all.
    """
    if (row.a if side == "a" else row.b) is None:
        return None
    text = visible(row.a_text if side == "a" else row.b_text)
    whole = row.op if row.op in WHOLE else ""
    spans = sorted((c.a if side == "a" else c.b) + (c.kind,) for c in row.edits)
    spans = [span for span in spans if span[1] > span[0]]
    if not brackets:
        return Cell(text, whole, tuple(spans))
    opening, closing = BRACKETS[side]
    out, pos = [], 0
    for s, e, _ in spans:
        out += [text[pos:s], opening, text[s:e], closing]
        pos = e
    out.append(text[pos:])
    return Cell("".join(out), whole)


@dataclass(frozen=True)
class Entry:
    """What one drawn row shows: a row whole, one half of a move, or a fold.

    ``at`` is the entry's place among all entries (what the user reads as
    its row number, ``at + 1``); ``row`` indexes the comparison's rows.
    ``part`` is ``both``; ``from`` (a moved paragraph where A has it, a note
    on B's side) or ``to`` (where B has it, a note on A's side), ``other``
    being the place of the other half; or ``fold``: ``other`` equal entries
    from ``at`` on, drawn as one line.
    """

    at: int
    row: int
    part: str = "both"
    other: int = -1


def entries(rows: Sequence[Row]) -> tuple[Entry, ...]:
    """Every row in order, a moved paragraph twice: where A has it and where B has it.

    B's place is before the first row (not itself moved) that holds a later
    paragraph of B, as an insertion stands where it falls in B.
    """
    arrivals: dict[int, list[int]] = {}
    for n, row in enumerate(rows):
        if row.op == "move":
            at = next(
                (k for k, r in enumerate(rows) if r.op != "move" and r.b is not None and r.b[0] > row.moved_to),
                len(rows),
            )
            arrivals.setdefault(at, []).append(n)
    order: list[tuple[int, str]] = []
    for n in range(len(rows) + 1):
        order += [(m, "to") for m in sorted(arrivals.get(n, ()), key=lambda m: rows[m].moved_to)]
        if n < len(rows):
            order.append((n, "from" if rows[n].op == "move" else "both"))
    place = {key: k for k, key in enumerate(order)}
    other = {"from": "to", "to": "from"}
    return tuple(Entry(k, n, part, place[n, other[part]] if part in other else -1) for k, (n, part) in enumerate(order))


def folds(rows: Sequence[Row], shown: Sequence[Entry], *, context: int = 1, least: int = 3) -> tuple[Entry, ...]:
    """``shown`` with every run of more than ``least`` equal rows folded, ``context`` rows kept each side."""
    out: list[Entry] = []
    k = 0
    while k < len(shown):
        end = k
        while end < len(shown) and shown[end].part == "both" and rows[shown[end].row].op == "equal":
            end += 1
        if end == k:
            out.append(shown[k])
            k += 1
            continue
        lo, hi = k + (context if k else 0), end - (context if end < len(shown) else 0)
        if hi - lo >= least:
            out += [*shown[k:lo], Entry(shown[lo].at, shown[lo].row, "fold", hi - lo), *shown[hi:end]]
        else:
            out += shown[k:end]
        k = end
    return tuple(out)


def fold_text(count: int) -> str:
    return f"… {count} equal paragraph{'s' if count != 1 else ''} …"


def entry_cells(rows: Sequence[Row], entry: Entry, *, brackets: bool = False) -> tuple[Cell | None, Cell | None]:
    """The A and B cells an entry draws (a note where a half of a move or a fold stands)."""
    if entry.part == "fold":
        text = fold_text(entry.other)
        return Cell(text, "fold"), Cell(text, "fold")
    row = rows[entry.row]
    a, b = cell(row, "a", brackets=brackets), cell(row, "b", brackets=brackets)
    if entry.part == "from":
        return a, Cell(f"↳ moved to row {entry.other + 1}", "note")
    if entry.part == "to":
        return Cell(f"↰ moved from row {entry.other + 1}", "note"), b
    return a, b


@dataclass(frozen=True)
class Line:
    """One display line: ``a`` and ``b`` are ranges of the entry's cells (None: blank on that side)."""

    row: int  # the row it draws (a fold: its first)
    a: tuple[int, int] | None
    b: tuple[int, int] | None
    first: bool  # the first line of its entry
    entry: int = 0  # index into Layout.shown


@dataclass(frozen=True)
class Layout:
    """Rows laid out in two columns."""

    cells: tuple[tuple[Cell | None, Cell | None], ...]  # (A, B) of every entry shown
    lines: tuple[Line, ...]
    starts: tuple[int, ...]  # the first line of every entry shown
    shown: tuple[Entry, ...] = ()

    def line_tags(self, line: Line) -> set[str]:
        """The tags on ``line``, both sides (a note's or a fold's among them)."""
        a, b = self.cells[line.entry]
        return (a.tags(*line.a) if a is not None and line.a is not None else set()) | (
            b.tags(*line.b) if b is not None and line.b is not None else set()
        )

    def line_of(self, at: int) -> int:
        """The first line of the entry at place ``at`` (of the fold holding it, if folded)."""
        k = bisect_right(self.shown, at, key=lambda e: e.at) - 1
        return self.starts[max(0, k)] if self.starts else 0

    def texts(self, line: Line, style_a: Styler, style_b: Styler) -> tuple[Text | None, Text | None]:
        """The styled A and B of ``line``; None on a blank side."""
        a, b = self.cells[line.entry]
        return (
            a.line(*line.a, style_a) if a is not None and line.a is not None else None,
            b.line(*line.b, style_b) if b is not None and line.b is not None else None,
        )


def layout(rows: Sequence[Row], width: int, *, brackets: bool = False, shown: Sequence[Entry] | None = None) -> Layout:
    """``rows`` in two columns of ``width`` cells, as ``shown`` (default: each row once; see :func:`entries`).

    See :func:`cell` for ``brackets``.
    """
    shown = tuple(shown) if shown is not None else tuple(Entry(n, n) for n in range(len(rows)))
    cells, lines, starts = [], [], []
    for k, entry in enumerate(shown):
        a, b = entry_cells(rows, entry, brackets=brackets)
        cells.append((a, b))
        starts.append(len(lines))
        left = wrap(a.text, width) if a is not None else []
        right = wrap(b.text, width) if b is not None else []
        for i in range(max(len(left), len(right))):
            lines.append(
                Line(entry.row, left[i] if i < len(left) else None, right[i] if i < len(right) else None, i == 0, k)
            )
    return Layout(tuple(cells), tuple(lines), tuple(starts), shown)
