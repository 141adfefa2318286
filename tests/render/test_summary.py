"""The summary line of a comparison: rows by operation, changes by kind, similarity."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine.diff.compare import compare
from tui.engine.diff.kinds import KINDS
from tui.render.summary import by_kind, kinds_of, summary

paragraphs = st.lists(st.text(alphabet="中文字新闻，,。. ab", min_size=1, max_size=40), min_size=1, max_size=5)


def test_an_inserted_paragraph_is_a_row_not_a_content_change():
    cmp = compare(["标题", "今天，我们开会。"], ["标题", "今天,我们开会。", "完全新的一段"])
    line = summary(cmp)
    assert line.startswith("1 equal, 1 changed, 0 deleted, 1 inserted, 0 moved paragraphs; changes: ")
    assert "content" not in line  # the comma is a width change; the new paragraph is counted above
    assert line.endswith(f"; similarity {cmp.similarity:.3f}")


def test_no_change_says_none():
    assert "changes: none;" in summary(compare(["同一段"], ["同一段"]))


@settings(max_examples=100, deadline=None)
@given(paragraphs, paragraphs)
def test_the_kinds_counted_are_the_edits_of_the_rows_in_the_engines_order(a, b):
    cmp = compare(a, b)
    counts = Counter(c.kind for r in cmp.rows for c in r.edits)
    assert by_kind(cmp.stats) == by_kind(counts) == kinds_of(cmp.rows)
    named = [part.split(" ")[1] for part in by_kind(counts).split(", ") if part]
    assert named == [k for k in KINDS if counts[k]]
    assert f"changes: {by_kind(counts) or 'none'};" in summary(cmp)


def test_hidden_kinds_are_named_with_their_number():
    cmp = compare(["今天，我们开会。", "明天 见"], ["今天,我们开会。", "明天见"], ignore=frozenset({"width", "space"}))
    assert cmp.stats["width"] == cmp.stats["space"] == 0
    assert summary(cmp).endswith("; 1 width, 1 space differences hidden")
    assert "hidden" not in summary(compare(["今天，我们开会。"], ["今天,我们开会。"]))
