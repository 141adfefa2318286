"""The seed acceptance items of issue 3 that concern diff, and rebuilding both sides."""

import itertools

import pytest
from compare_helpers import check_rebuilds
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine.diff.compare import compare, compare_articles, paragraphs
from tui.engine.ingest.load import load
from tui.engine.refs import resolve


@pytest.fixture(scope="module")
def corpus():
    return load()


@pytest.fixture(scope="module")
def story(corpus):
    return {
        name: resolve(corpus, ref).articles for name, ref in (("000", "000#1-2"), ("001", "001#1"), ("002", "002#1"))
    }


def at(articles, line):
    """Index of the shown paragraph that starts on file line ``line``."""
    lines = [p.line for art in articles for p in art.paragraphs]
    return lines.index(line)


def row_with(cmp, a_part=None, b_part=None):
    hits = [r for r in cmp.rows if (a_part is None or a_part in r.a_text) and (b_part is None or b_part in r.b_text)]
    assert len(hits) == 1, hits
    return hits[0]


def texts(row):
    return [(row.a_text[c.a[0] : c.a[1]], row.b_text[c.b[0] : c.b[1]], c.kind) for c in row.changes]


def test_inserted_de_is_the_only_change_of_its_row(story):
    cmp = compare_articles(story["001"], story["002"])
    row = row_with(cmp, "由衷感慨", "由衷地感慨")
    assert row.op == "replace"
    assert texts(row) == [("", "地", "content")]


def test_ocr_swap_is_one_replaced_character(story):
    cmp = compare_articles(story["000"], story["001"])
    row = row_with(cmp, "聚走走好", "聚焦走好")
    assert ("走", "焦", "content") in texts(row)
    assert [t for t in texts(row) if t[2] == "content"] == [("走", "焦", "content")]


def test_column_break_splits_are_one_two_matches(story):
    a, b = story["000"], story["001"]
    cmp = compare_articles(a, b)
    spans = {(r.a, r.b) for r in cmp.rows}
    assert ((at(a, 33), at(a, 33) + 1), (at(b, 35), at(b, 37) + 1)) in spans
    assert ((at(a, 49), at(a, 49) + 1), (at(b, 49), at(b, 51) + 1)) in spans
    split = row_with(cmp, None, "服务重大战略。北京")
    assert any(bt.endswith("服务重大战略。") and kind == "content" for _, bt, kind in texts(split))


def test_paragraphs_repair_already_joined_are_one_to_one(story):
    a, b = story["000"], story["001"]
    cmp = compare_articles(a, b)
    spans = {(r.a, r.b) for r in cmp.rows}
    for line_a, line_b in ((41, 39), (59, 61), (61, 65), (77, 79)):
        assert ((at(a, line_a), at(a, line_a) + 1), (at(b, line_b), at(b, line_b) + 1)) in spans


def test_missing_paragraphs_are_deleted_and_inserted(story):
    cmp = compare_articles(story["000"], story["001"])
    row = row_with(cmp, "普遍把贯彻落实习近平总书重要指示")
    assert (row.op, row.a, row.b) == ("delete", (at(story["000"], 13), at(story["000"], 13) + 1), None)
    cmp = compare_articles(story["001"], story["002"])
    row = row_with(cmp, None, "普遍把贯彻落实习近平总书记重要指示")
    assert (row.op, row.a, row.b) == ("insert", None, (at(story["002"], 21), at(story["002"], 21) + 1))


def test_splice_is_a_two_one_match_with_one_large_deletion(story):
    a, b = story["000"], story["001"]
    cmp = compare_articles(a, b)
    row = next(r for r in cmp.rows if r.b == (at(b, 29), at(b, 29) + 1))
    assert row.a == (at(a, 25), at(a, 27) + 1)
    big = [t for t in texts(row) if len(t[0]) >= 90]
    assert len(big) == 1 and len(big[0][1]) < 10


def test_jump_headline_is_a_move(story):
    a, b = story["000"], story["001"]
    cmp = compare_articles(a, b)
    row = row_with(cmp, "全面提高基层党建工作质效 压紧压实")
    assert row.op == "move"
    assert (row.moved_from, row.moved_to) == (at(a, 35), at(b, 3))
    assert row.b_text == "压紧压实强基固本政治责任 全面提高基层党建工作质效"


def test_ignoring_width_leaves_no_row_that_differs_only_by_comma_width(story):
    cmp = compare_articles(story["000"], story["001"], ignore=frozenset({"width"}))
    for r in cmp.rows:
        if r.op == "replace":
            assert {(x, y) for x, y, _ in texts(r)} - {("，", ","), (",", "，")}
    assert sum(r.op == "equal" and r.a is not None and r.b is not None for r in cmp.rows) >= 20
    plain = compare_articles(story["000"], story["001"])
    assert plain.stats["width"] > 100 and cmp.stats["width"] == 0
    assert not plain.differs or plain.similarity == cmp.similarity


def test_ignored_kinds_are_checked():
    with pytest.raises(ValueError):
        compare(["甲"], ["乙"], ignore=frozenset({"colour"}))


def test_every_pair_of_seed_articles_rebuilds_both_sides(corpus):
    arts = corpus.articles
    for x, y in itertools.combinations(arts, 2):
        a, b = paragraphs([x]), paragraphs([y])
        check_rebuilds(compare(a, b), a, b)


PARA = st.text(alphabet=st.sampled_from(list("党建工作述职评议考核，。,的\n ")), max_size=40)


@settings(max_examples=120, deadline=None)
@given(st.lists(PARA, max_size=8), st.lists(PARA, max_size=8))
def test_random_texts_rebuild_both_sides(a, b):
    check_rebuilds(compare(a, b), a, b)


JOINABLE = st.text(alphabet=st.sampled_from(list("党建工作述职评议考核，。的")), min_size=1, max_size=30)


@settings(max_examples=80, deadline=None)
@given(st.lists(JOINABLE, min_size=1, max_size=6), st.lists(JOINABLE, min_size=1, max_size=6))
def test_where_finds_every_character_of_a_row_in_its_paragraph(a, b):
    for row in compare(a, b).rows:
        for side, pars in (("a", a), ("b", b)):
            if getattr(row, side) is None:
                continue
            text = row.a_text if side == "a" else row.b_text
            for k, ch in enumerate(text):
                index, offset = row.where(side, k)
                if ch != "\n":
                    assert pars[index][offset] == ch


def test_where_maps_row_offsets_to_paragraphs(story):
    a, b = story["000"], story["001"]
    cmp = compare_articles(a, b)
    row = next(r for r in cmp.rows if r.b == (at(b, 35), at(b, 37) + 1))
    pars = paragraphs(b)
    first = pars[at(b, 35)]
    assert row.where("b", 0) == (at(b, 35), 0)
    assert row.where("b", len(first)) == (at(b, 35), len(first))
    assert row.where("b", len(first) + 2) == (at(b, 37), 0)
    assert row.where("b", len(row.b_text)) == (at(b, 37), len(pars[at(b, 37)]))
    assert row.where("a", 5) == (at(a, 33), 5)


def test_similarity_and_coverage_count_aligned_characters():
    same = compare(["会议决定，立即开展工作。"], ["会议决定,立即开展工作."])
    assert same.similarity == 1.0 and same.coverage == (1.0, 1.0)
    half = compare(["第一段讲会议的召开情况。", "第二段讲会议的部署安排。"], ["第一段讲会议的召开情况。"])
    assert half.coverage == (0.5, 1.0)
    assert abs(half.similarity - 12 / 18) < 1e-9
