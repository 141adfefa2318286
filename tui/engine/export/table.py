"""A collation as an alignment table: one row per variation point, one column per witness.

CollateX's table output turned for spreadsheets: the columns are ``point``,
``base`` (the point's start and end offsets in the base text, ``12-15``),
then one column per siglum, in the collation's witness order, holding that
witness's reading.  An omission is an empty cell; a witness lacking the whole
paragraph around the point reads ``(lacking)``.  Paragraph breaks inside a
reading stay newlines, which CSV quotes.
"""

from __future__ import annotations

import csv
import io

from tui.engine.diff.collate import Collation

LACKING = "(lacking)"


def rows(col: Collation) -> list[list[str]]:
    """The header, then a row per variation point."""
    out = [["point", "base", *col.witnesses]]
    for k, point in enumerate(col.points, 1):
        cells = dict.fromkeys(point.absent, LACKING)
        for r in point.readings:
            cells.update(dict.fromkeys(r.sigla, r.text))
        out.append([str(k), f"{point.base[0]}-{point.base[1]}", *(cells[s] for s in col.witnesses)])
    return out


def to_csv(col: Collation, *, delimiter: str = ",") -> str:
    """The table as CSV (``delimiter="\\t"`` for TSV), lines ended as RFC 4180 says."""
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter).writerows(rows(col))
    return buf.getvalue()
