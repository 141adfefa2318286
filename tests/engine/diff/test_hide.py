"""Hiding kinds of change from a comparison the front end already has (the reader's kind toggles)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine.diff.compare import compare, hide
from tui.engine.diff.kinds import IGNORABLE, KINDS

paragraphs = st.lists(st.text(alphabet="中文字新聞闻，,。. #*ab", min_size=1, max_size=30), min_size=1, max_size=5)
kinds = st.frozensets(st.sampled_from(IGNORABLE))


@settings(max_examples=150, deadline=None)
@given(paragraphs, paragraphs, kinds)
def test_hiding_later_is_ignoring_at_once_and_counts_what_it_left_out(a, b, hidden):
    full = compare(a, b)
    later, at_once = hide(full, hidden), compare(a, b, ignore=hidden)
    assert later == at_once
    assert later.similarity == full.similarity  # hiding never changes the similarity
    for k in KINDS:
        assert later.stats[k] + later.hidden.get(k, 0) == full.stats[k]
    assert set(later.hidden) <= hidden and all(later.hidden.values())
    for before, after in zip(full.rows, later.rows, strict=True):
        assert {c.kind for c in after.edits} == {c.kind for c in before.edits} - hidden
        if before.op in ("replace", "equal"):
            assert after.op == ("replace" if after.changes else "equal")
        else:
            assert after.op == before.op  # moves stay moves, whole paragraphs stay rows


@settings(max_examples=50, deadline=None)
@given(paragraphs, paragraphs, kinds, kinds)
def test_hiding_in_two_steps_counts_both(a, b, first, second):
    assert hide(hide(compare(a, b), first), second).hidden == compare(a, b, ignore=first | second).hidden
