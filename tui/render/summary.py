"""The one line that sums up a comparison: rows by operation, changes by kind, similarity, what is hidden.

`newsread diff` prints it last and the reader shows it above its diff, so
both count alike: a whole inserted or deleted paragraph is a row, not a
``content`` change (:attr:`tui.engine.diff.compare.Row.edits`), and the
changes of the kinds left out (``--ignore``, the reader's kind toggles) are
named with their number, so a quiet diff never hides that it was quieted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from tui.engine.diff.compare import Comparison, Row
from tui.engine.diff.kinds import KINDS


def by_kind(counts: Mapping[str, int]) -> str:
    """``124 width, 31 content``: the kinds that occur, in the engine's order of kinds."""
    return ", ".join(f"{counts[k]} {k}" for k in KINDS if counts.get(k))


def kinds_of(rows: Iterable[Row]) -> str:
    """:func:`by_kind` of some rows' edits (one row's, say), counted as :func:`summary` counts them."""
    return by_kind(Counter(c.kind for r in rows for c in r.edits))


def hidden(cmp: Comparison) -> str:
    """``125 width, 1 space differences hidden``, or "" when nothing was left out."""
    return f"{by_kind(cmp.hidden)} differences hidden" if any(cmp.hidden.values()) else ""


def summary(cmp: Comparison) -> str:
    """Rows by operation, changes by kind, the similarity and what is hidden, on one line."""
    s = cmp.stats
    ops = (
        f"{s['equal']} equal, {s['replace']} changed, {s['delete']} deleted, {s['insert']} inserted, {s['move']} moved"
    )
    left_out = hidden(cmp)
    return f"{ops} paragraphs; changes: {by_kind(s) or 'none'}; similarity {cmp.similarity:.3f}" + (
        f"; {left_out}" if left_out else ""
    )
