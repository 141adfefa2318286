"""The side-by-side layout both front ends draw: aligned rows, tags on the right characters, nothing lost."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.engine.diff.compare import compare
from tui.render.safe import visible
from tui.render.sidebyside import Cell, cell, entries, folds, layout

ALPHABET = "中文字段落新闻，。、（「」）“” abcXYZ019-"
paragraphs = st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=80), min_size=1, max_size=6)
widths = st.integers(min_value=4, max_value=50)


def tag(name):
    """A styler that keeps the tag itself as the style, so a test can read which characters got which tag."""
    return name


def tagged(line):
    return [(s.start, s.end, str(s.style)) for s in line.spans]


@settings(max_examples=100, deadline=None)
@given(paragraphs, paragraphs, widths)
def test_rows_start_together_fit_the_width_and_lose_nothing(a, b, width):
    rows = compare(a, b).rows
    laid = layout(rows, width)
    assert len(laid.starts) == len(laid.cells) == len(rows)
    for n, row in enumerate(rows):
        mine = [ln for ln in laid.lines if ln.row == n]
        assert laid.lines[laid.starts[n]] is mine[0] and mine[0].first and not any(ln.first for ln in mine[1:])
        for side, text in (("a", row.a_text), ("b", row.b_text)):
            spans = [getattr(ln, side) for ln in mine if getattr(ln, side) is not None]
            if getattr(row, side) is None:
                assert not spans and laid.cells[n][side == "b"] is None
                continue
            # both sides begin on the row's first line: the columns never drift apart
            assert getattr(mine[0], side) is not None
            shown = laid.cells[n][side == "b"].text
            assert all(cell_len(shown[s:e]) <= width for s, e in spans)
            assert "".join(shown[s:e] for s, e in spans).replace(" ", "") == text.replace(" ", "").replace("\n", "")
        assert len(mine) == max(
            sum(ln.a is not None for ln in mine), sum(ln.b is not None for ln in mine)
        )  # the taller side sets the height


@settings(max_examples=100, deadline=None)
@given(paragraphs, paragraphs, widths)
def test_every_changed_character_and_only_those_carry_its_kind(a, b, width):
    laid = layout(compare(a, b).rows, width)
    for n, row in enumerate(compare(a, b).rows):
        for side in "ab":
            side_cell = laid.cells[n][side == "b"]
            if side_cell is None:
                continue
            want = {
                i: c.kind for c in row.edits for i in range(*(c.a if side == "a" else c.b))
            }  # offsets into the side's text
            got, on_screen = {}, set()
            for ln in laid.lines:
                span = getattr(ln, side)
                if ln.row != n or span is None:
                    continue
                on_screen.update(range(*span))
                for s, e, style in tagged(side_cell.line(*span, tag)):
                    if style in ("insert", "delete", "move"):
                        assert (s, e) == (0, span[1] - span[0]) and style == row.op
                        continue
                    got.update({span[0] + i: style for i in range(s, e)})
            assert got == {i: k for i, k in want.items() if i in on_screen}  # a space dropped at a break shows nothing


def test_a_whole_inserted_or_deleted_paragraph_is_tagged_as_a_row_not_as_a_content_change():
    rows = compare(["标题", "正文"], ["标题", "正文", "新的一段话"]).rows
    (inserted,) = [r for r in rows if r.op == "insert"]
    side = cell(inserted, "b")
    assert cell(inserted, "a") is None
    assert side.whole == "insert" and side.changes == ()
    assert inserted.changes  # the engine's own record of the row still spans it


def test_without_colour_changes_are_bracketed_and_whole_paragraphs_are_not():
    rows = compare(["今天开会。", "删去的一段"], ["今天不开会。"]).rows
    replaced = next(r for r in rows if r.op == "replace")
    deleted = next(r for r in rows if r.op == "delete")
    assert cell(replaced, "b", brackets=True).text == "今天{+不+}开会。"
    assert cell(replaced, "a", brackets=True).text == "今天开会。"  # nothing of A is gone
    assert cell(deleted, "a", brackets=True).text == deleted.a_text
    assert cell(replaced, "b", brackets=True).changes == ()  # brackets stand for the styles


def test_control_characters_are_shown_not_obeyed():
    rows = compare(["正文\x1b[31m红"], ["正文红"]).rows
    for side in "ab":
        side_cell = cell(rows[0], side)
        assert "\x1b" not in side_cell.text and side_cell.text == visible(side_cell.text)
    assert "\u241b" in cell(rows[0], "a").text


spans = st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5), st.sampled_from(["content", "width"])), max_size=12)


@settings(max_examples=200, deadline=None)
@given(spans, st.integers(0, 70), st.integers(0, 70))
def test_a_line_gets_exactly_the_changes_that_overlap_it(gaps, start, length):
    """The bisection finds the same changes a scan of all of them would."""
    changes, pos = [], 0
    for gap, size, kind in gaps:
        changes.append((pos + gap, pos + gap + size + 1, kind))
        pos += gap + size + 1
    text = "x" * (pos + 10)
    end = min(len(text), start + length)
    line = Cell(text, "", tuple(changes)).line(start, end, tag)
    expected = [(max(s, start) - start, min(e, end) - start, k) for s, e, k in changes if max(s, start) < min(e, end)]
    assert tagged(line) == expected


def test_a_styler_may_leave_a_tag_plain():
    row = compare(["今天，我们开会。"], ["今天,我们开会。"]).rows[0]
    line = cell(row, "b").line(0, len(row.b_text), lambda name: None)
    assert line.spans == [] and line.plain == row.b_text


moving = st.lists(
    st.sampled_from(["标题在此处", "第一段新闻内容。", "第二段，另一件事。", "第三段：结尾。", "附注"]),
    min_size=1,
    max_size=6,
)


@settings(max_examples=150, deadline=None)
@given(moving, moving)
def test_a_moved_paragraph_is_drawn_where_each_side_has_it_and_b_reads_in_order(a, b):
    rows = compare(a, b).rows
    shown = entries(rows)
    assert [e.at for e in shown] == list(range(len(shown)))
    for n, row in enumerate(rows):
        parts = sorted(e.part for e in shown if e.row == n)
        assert parts == (["from", "to"] if row.op == "move" else ["both"])
    for e in shown:
        if e.part in ("from", "to"):
            twin = shown[e.other]
            assert twin.row == e.row and twin.other == e.at and {e.part, twin.part} == {"from", "to"}
    # B's paragraphs come in B's order down the right column, A's in A's down the left
    b_side = [rows[e.row].b[0] for e in shown if e.part in ("both", "to") and rows[e.row].b is not None]
    a_side = [rows[e.row].a[0] for e in shown if e.part in ("both", "from") and rows[e.row].a is not None]
    assert b_side == sorted(b_side) and a_side == sorted(a_side)


def test_the_notes_of_a_move_name_the_row_of_the_other_half():
    rows = compare(
        ["头条标题", "正文第一段内容。", "正文第二段内容。"], ["正文第一段内容。", "正文第二段内容。", "头条标题"]
    ).rows
    shown = entries(rows)
    laid = layout(rows, 30, shown=shown)
    (departure,) = [e for e in shown if e.part == "from"]
    (arrival,) = [e for e in shown if e.part == "to"]
    assert departure.at < arrival.at
    a, b = laid.cells[departure.at]
    assert a.text == "头条标题" and b.text == f"↳ moved to row {arrival.at + 1}" and b.whole == "note"
    a, b = laid.cells[arrival.at]
    assert a.text == f"↰ moved from row {departure.at + 1}" and b.text == "头条标题"


@settings(max_examples=150, deadline=None)
@given(moving, moving, st.integers(0, 2), st.integers(1, 4))
def test_folds_cover_only_runs_of_equal_rows_and_keep_their_context(a, b, context, least):
    rows = compare(a, b).rows
    shown = entries(rows)
    folded = folds(rows, shown, context=context, least=least)
    covered = []
    for e in folded:
        if e.part == "fold":
            run = shown[e.at : e.at + e.other]
            assert e.other >= least and all(x.part == "both" and rows[x.row].op == "equal" for x in run)
            equal = [x.part == "both" and rows[x.row].op == "equal" for x in shown]
            if e.at:  # after a change, `context` equal rows stay in view before the fold
                assert equal[e.at - context : e.at] == [True] * context and not equal[e.at - context - 1]
            end = e.at + e.other
            if end < len(shown):  # and before the next change
                assert equal[end : end + context] == [True] * context and not equal[end + context]
            covered += run
        else:
            covered.append(e)
    assert covered == list(shown)
    laid = layout(rows, 20, shown=folded)
    for e in folded:
        assert laid.lines[laid.line_of(e.at)].entry == folded.index(e)
    fold_lines = [ln for ln in laid.lines if laid.shown[ln.entry].part == "fold"]
    assert all(laid.cells[ln.entry][0].text.startswith("… ") for ln in fold_lines)


@settings(max_examples=100, deadline=None)
@given(paragraphs, paragraphs, widths)
@example(["0"], ["0 "], 4)  # a change made only of a space that wrapping leaves off the line
def test_the_tags_of_a_rows_lines_are_its_changes_and_an_equal_row_has_none(a, b, width):
    rows = compare(a, b).rows
    laid = layout(rows, width)
    for n, row in enumerate(rows):
        on_lines = set().union(*(laid.line_tags(ln) for ln in laid.lines if ln.row == n))
        spans = {kind for side in "ab" if (c := laid.cells[n][side == "b"]) for _, _, kind in c.changes}
        whole = {row.op} if row.op in ("insert", "delete", "move") else set()
        assert on_lines == spans | whole
        if row.op == "equal":
            assert not on_lines
