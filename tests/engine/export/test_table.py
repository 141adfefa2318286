"""The alignment table: one row per variation point, one column per witness, readable back as CSV."""

from __future__ import annotations

import csv
import io

from tui.engine.diff.collate import collate
from tui.engine.diff.compare import paragraphs
from tui.engine.export.table import LACKING, to_csv
from tui.engine.ingest.load import load
from tui.engine.refs import resolve


def lead_collation():
    corpus = load()
    return collate([(ref[:3], paragraphs(resolve(corpus, ref).articles)) for ref in ("000#1", "001#1", "002#1")])


def test_lead_story_table_reads_back():
    col = lead_collation()
    for delimiter in (",", "\t"):
        table = list(csv.reader(io.StringIO(to_csv(col, delimiter=delimiter), newline=""), delimiter=delimiter))
        assert table[0] == ["point", "base", *col.witnesses]
        assert len(table) == 1 + len(col.points)
        for row, point in zip(table[1:], col.points):
            cells = dict(zip(col.witnesses, row[2:]))
            assert row[1] == f"{point.base[0]}-{point.base[1]}"
            for r in point.readings:
                assert all(cells[s] == r.text for s in r.sigla)
            assert all(cells[s] == LACKING for s in point.absent)
