"""Character diff: correct opcodes, and the cleanup rules that make them readable."""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine.diff import chardiff, cleanup
from tui.engine.diff.chardiff import diff
from tui.engine.diff.kinds import width_char

CJK = st.text(alphabet=st.sampled_from(list("党建工作述职评议考核，。；的地了,.")), max_size=50)


def apply(ops, a, b):
    """Rebuild b from a and the opcodes (equal parts must really be equal)."""
    out = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            assert a[i1:i2] == b[j1:j2]
            out.append(a[i1:i2])
        else:
            out.append(b[j1:j2])
    return "".join(out)


def edits(ops, a, b):
    return [(a[i1:i2], b[j1:j2]) for tag, i1, i2, j1, j2 in ops if tag != "equal"]


def test_an_inserted_character_is_one_insertion():
    a, b = "有的书记由衷感慨。", "有的书记由衷地感慨。"
    ops = diff(a, b)
    assert edits(ops, a, b) == [("", "地")]
    assert [op[0] for op in ops] == ["equal", "insert", "equal"]


def test_an_ocr_swap_stays_a_one_character_replacement():
    a, b = "聚走走好践行", "聚焦走好践行"
    assert edits(diff(a, b), a, b) == [("走", "焦")]


def test_short_equal_shreds_between_edits_are_merged():
    a, b = "甲乙丙丁戊己庚辛", "甲子丙寅戊己庚辛"
    # raw: 乙→子, 丙 equal (a shred), 丁→寅
    assert edits(diff(a, b), a, b) == [("乙丙丁", "子丙寅")]


def test_a_replaced_clause_is_one_replacement():
    a = "会议指出，要加强党的建设，推动工作落实。"
    b = "会议指出，必须坚持党的领导和人民至上，推动工作落实。"
    assert len(edits(diff(a, b), a, b)) == 1


def test_a_punctuation_swap_is_not_swallowed_by_a_neighbouring_edit():
    a, b = "项目，推动", "职目,推动"
    assert edits(diff(a, b), a, b) == [("项", "职"), ("，", ",")]


def test_a_width_swap_is_peeled_off_a_replacement():
    a, b = "党建工作述职，实现全覆盖。检查，访谈", "党建述职,访谈"
    ops = diff(a, b)
    assert edits(ops, a, b)[-1] == ("，", ",")
    assert apply(ops, a, b) == b


def test_an_insertion_slides_to_a_clause_boundary_when_lossless():
    a = "推动工作。推动发展。"
    b = "推动工作。推动改革。推动发展。"
    ops = diff(a, b)
    ins = [op for op in ops if op[0] != "equal"]
    assert ins == [("insert", 5, 5, 5, 10)]
    assert b[5:10] == "推动改革。"


def test_inputs_beyond_every_bound_get_one_coarse_replacement(monkeypatch):
    monkeypatch.setattr(chardiff, "MAX_CHARS", 10)
    monkeypatch.setattr(chardiff, "MAX_PIECEWISE", 20)
    a, b = "前缀相同" + "甲" * 20 + "后缀", "前缀相同" + "乙" * 20 + "后缀"
    ops = diff(a, b)
    assert [op[0] for op in ops] == ["equal", "replace", "equal"]
    assert apply(ops, a, b) == b


def test_a_long_pair_is_diffed_sentence_by_sentence(monkeypatch):
    monkeypatch.setattr(chardiff, "MAX_CHARS", 30)
    body = ["有的书记由衷感慨。", "要把握好方向。", "聚焦走好第一方阵！", "坚持问题导向？", "全面从严治党。"]
    changed = ["有的书记由衷地感慨。", "要把握好方向。", "聚走走好第一方阵！", "全面从严治党。"]
    a, b = "".join(body), "".join(changed)
    ops = diff(a, b)
    assert apply(ops, a, b) == b
    assert edits(ops, a, b) == [("", "地"), ("焦", "走"), ("坚持问题导向？", "")]


def test_a_width_swap_beside_a_content_edit_keeps_its_own_edit_in_a_long_pair(monkeypatch):
    monkeypatch.setattr(chardiff, "MAX_CHARS", 30)
    a = "会议强调要坚持问题导向。" * 3 + "各地甲，推进落实。" + "会议强调要坚持问题导向。" * 3
    b = "会议强调要坚持问题导向。" * 3 + "各地乙,推进落实。" + "会议强调要坚持问题导向。" * 3
    ops = diff(a, b)
    assert apply(ops, a, b) == b
    assert edits(ops, a, b) == [("甲", "乙"), ("，", ",")]


def test_sentence_pieces_lose_nothing_and_stay_short(monkeypatch):
    monkeypatch.setattr(chardiff, "PIECE", 5)
    text = "一二三四五六七八九十。短句！\n\n" + "甲" * 12 + "？？"
    pieces = chardiff.sentences(text)
    assert "".join(pieces) == text
    assert all(0 < len(p) <= 5 for p in pieces)
    assert "短句！\n\n" in pieces


SENTENCES = st.text(alphabet=st.sampled_from(list("党建工作述职评议考核，。！？\n的地了,.")), max_size=120)


@settings(max_examples=150, deadline=None)
@given(SENTENCES, SENTENCES)
def test_a_sentence_by_sentence_diff_rebuilds_both_sides(a, b):
    chardiff.PIECE, piece = 7, chardiff.PIECE
    try:
        ops = chardiff.piecewise(a, b)
    finally:
        chardiff.PIECE = piece
    assert apply(ops, a, b) == b
    pos_a = pos_b = 0
    for _tag, i1, i2, j1, j2 in ops:
        assert (i1, j1) == (pos_a, pos_b) and (i1 < i2 or j1 < j2)
        pos_a, pos_b = i2, j2
    assert (pos_a, pos_b) == (len(a), len(b))


@settings(max_examples=200, deadline=None)
@given(CJK, CJK)
def test_opcodes_cover_both_sides_and_rebuild_b(a, b):
    ops = diff(a, b)
    assert apply(ops, a, b) == b
    pos_a = pos_b = 0
    for tag, i1, i2, j1, j2 in ops:
        assert (i1, j1) == (pos_a, pos_b)
        assert tag in ("equal", "replace", "insert", "delete")
        pos_a, pos_b = i2, j2
    assert (pos_a, pos_b) == (len(a), len(b))
    for prev, cur in itertools.pairwise(ops):
        if prev[0] != "equal" and cur[0] != "equal":  # only a peeled width swap stands beside an edit
            assert any(
                op[2] - op[1] == op[4] - op[3] == 1 and width_char(a[op[1]]) == width_char(b[op[3]])
                for op in (prev, cur)
            )


@settings(max_examples=150, deadline=None)
@given(CJK, CJK)
def test_no_shred_of_one_or_two_characters_between_two_content_edits(a, b):
    ops = diff(a, b)
    for before, eq, after in zip(ops, ops[1:], ops[2:]):
        if eq[0] == "equal" and eq[2] - eq[1] <= cleanup.SHRED:
            assert cleanup._formal(a, b, before) or cleanup._formal(a, b, after)


@settings(max_examples=200, deadline=None)
@given(CJK, CJK)
def test_merge_leaves_no_equality_it_would_still_swallow(a, b):
    """The one-pass merge reaches the fixpoint that repeated passes would."""
    from rapidfuzz.distance import Levenshtein

    ops = cleanup.merge(a, b, [tuple(op) for op in Levenshtein.opcodes(a, b)])
    assert apply(ops, a, b) == b
    for before, eq, after in zip(ops, ops[1:], ops[2:]):
        assert not cleanup._swallows(a, b, before, eq, after)
