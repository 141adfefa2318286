"""Paragraph alignment: 1-1, 1-0, 0-1, 2-1, 1-2 and moves, on small made-up stories."""

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine.diff.align import align, moved_similarity
from tui.engine.diff.kinds import key

P = [
    "各级党委聚焦落实第一责任人职责，坚持书记抓、抓书记，在真述实评中有效传导压力。",
    "江西要求每名书记在述职评议会上报告开展领航行动情况，以第一人称讲成效、讲问题。",
    "天津市级党员领导干部每年分头听取分管部门和联系单位党组书记抓基层党建工作述职。",
    "福建开展全面从严治党主体责任情况检查，访谈约谈领导干部一千余人，梳理问题多项。",
    "通过持续开展述职评议考核，抓好党建是最大政绩的理念深入人心，意识不断增强。",
    "中央组织部派出干部全覆盖列席各省区市述职评议会并作点评，推动问题整改落实。",
]


def ops(blocks):
    return [b for b in blocks if not (b[0] == "match" and b[2] - b[1] == 1 and b[4] - b[3] == 1)]


def test_identical_lists_match_one_to_one():
    assert align(P, P) == [("match", i, i + 1, i, i + 1) for i in range(len(P))]


def test_a_paragraph_split_in_two_is_a_one_two_match():
    b = P[:2] + [P[2][:20], P[2][20:]] + P[3:]
    assert ops(align(P, b)) == [("match", 2, 3, 2, 4)]


def test_two_paragraphs_joined_are_a_two_one_match():
    b = P[:3] + [P[3] + P[4]] + P[5:]
    assert ops(align(P, b)) == [("match", 3, 5, 3, 4)]


def test_a_splice_with_a_large_loss_between_is_still_two_one():
    b = P[:2] + [P[2][:22] + P[3][20:]] + P[4:]
    assert ops(align(P, b)) == [("match", 2, 4, 2, 3)]


def test_missing_and_extra_paragraphs():
    b = P[:1] + P[2:] + ["这是另一家报纸自己加上的一段完全不同的话，讲的是天气和交通。"]
    assert ops(align(P, b)) == [("delete", 1, 2, 1, 1), ("insert", 6, 6, 5, 6)]


def test_common_phrases_alone_never_join_paragraphs():
    a = ["通过持续开展述职评议考核，推动各级党组织把完成重大任务作为试金石。", P[0]]
    b = ["通过持续开展述职评议考核，每年吹响一次集结号，一年接着一年干。", P[0]]
    assert sorted(op[0] for op in ops(align(a, b))) == ["delete", "insert"]


def test_a_headline_moved_with_its_halves_swapped_is_a_move():
    head_a = "全面提高基层党建工作质效 压紧压实强基固本政治责任"
    head_b = "压紧压实强基固本政治责任 全面提高基层党建工作质效"
    a = P[:3] + [head_a] + P[3:]
    b = [head_b] + P
    assert ops(align(a, b)) == [("move", 3, 4, 0, 1)]
    assert moved_similarity(key(head_a), key(head_b)) == 1.0
    assert moved_similarity(key("甲乙丙丁"), key("丙丁乙甲")) < 0.6


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.sampled_from(P + [p[:15] for p in P] + ["短", ""]), max_size=9),
    st.lists(st.sampled_from(P + [p[10:] for p in P] + ["短"]), max_size=9),
)
def test_every_paragraph_is_in_exactly_one_block_and_order_is_kept(a, b):
    blocks = align(a, b)
    seen_a = [i for _, a0, a1, _, _ in blocks for i in range(a0, a1)]
    seen_b = [j for _, _, _, b0, b1 in blocks for j in range(b0, b1)]
    assert sorted(seen_a) == list(range(len(a)))
    assert sorted(seen_b) == list(range(len(b)))
    assert seen_a == sorted(seen_a)
    unmoved_b = [j for op, _, _, b0, b1 in blocks if op != "move" for j in range(b0, b1)]
    assert unmoved_b == sorted(unmoved_b)
    for op, a0, a1, b0, b1 in blocks:
        assert (op, a1 - a0, b1 - b0) in {
            ("match", 1, 1),
            ("match", 2, 1),
            ("match", 1, 2),
            ("delete", 1, 0),
            ("insert", 0, 1),
            ("move", 1, 1),
        }


def test_large_gaps_are_cut_at_similar_pairs(monkeypatch):
    import tui.engine.diff.align as align_mod

    monkeypatch.setattr(align_mod, "MAX_CELLS", 4)
    a = [p + "甲" for p in P]
    b = [p + "乙" for p in P]
    assert align(a, b) == [("match", i, i + 1, i, i + 1) for i in range(len(P))]
    c = ["完全不同的一段话，讲的是另一件事情，和上面的内容没有关系。" + str(i) for i in range(len(P))]
    blocks = align(a, c)
    assert sorted(op for op, *_ in blocks) == ["delete"] * len(P) + ["insert"] * len(P)


def test_huge_paragraphs_are_compared_within_bounds():
    big = "党建工作述职评议考核" * 5000
    blocks = align([big, P[0]], [big + "新增", P[0]])
    assert blocks == [("match", 0, 1, 0, 1), ("match", 1, 2, 1, 2)]
