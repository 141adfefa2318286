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
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.style import StyleType
from rich.text import Text

from tui.engine.diff.compare import Row
from tui.render.safe import visible
from tui.render.wrap import wrap

WHOLE = ("insert", "delete", "move")  # operations that tag a side's whole text
BRACKETS = {"a": ("[-", "-]"), "b": ("{+", "+}")}

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
        k = bisect_right(self.changes, start, key=lambda c: c[1])
        while k < len(self.changes) and self.changes[k][0] < end:
            cs, ce, kind = self.changes[k]
            lo, hi = max(cs, start), min(ce, end)
            if lo < hi and (st := style(kind)):
                line.stylize(st, lo - start, hi - start)
            k += 1
        return line

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
class Line:
    """One display line: ``a`` and ``b`` are ranges of the row's cells (None: blank on that side)."""

    row: int
    a: tuple[int, int] | None
    b: tuple[int, int] | None
    first: bool  # the first line of its row


@dataclass(frozen=True)
class Layout:
    """Rows laid out in two columns."""

    cells: tuple[tuple[Cell | None, Cell | None], ...]  # (A, B) of every row
    lines: tuple[Line, ...]
    starts: tuple[int, ...]  # the first line of every row

    def texts(self, line: Line, style_a: Styler, style_b: Styler) -> tuple[Text | None, Text | None]:
        """The styled A and B of ``line``; None on a blank side."""
        a, b = self.cells[line.row]
        return (
            a.line(*line.a, style_a) if a is not None and line.a is not None else None,
            b.line(*line.b, style_b) if b is not None and line.b is not None else None,
        )


def layout(rows: Sequence[Row], width: int, *, brackets: bool = False) -> Layout:
    """``rows`` in two columns of ``width`` cells (see :func:`cell` for ``brackets``)."""
    cells, lines, starts = [], [], []
    for n, row in enumerate(rows):
        a, b = cell(row, "a", brackets=brackets), cell(row, "b", brackets=brackets)
        cells.append((a, b))
        starts.append(len(lines))
        left = wrap(a.text, width) if a is not None else []
        right = wrap(b.text, width) if b is not None else []
        for k in range(max(len(left), len(right))):
            lines.append(Line(n, left[k] if k < len(left) else None, right[k] if k < len(right) else None, k == 0))
    return Layout(tuple(cells), tuple(lines), tuple(starts))
