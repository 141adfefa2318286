"""Segmentation of the five seeds: the articles the spec lists, nothing lost."""

import pytest

from tui.engine.ingest.load import load

# The first line of each article's headline (or of its text when untitled): the spec.
EXPECTED = {
    "000": [3, 35, 97, 111, 121, 167, 179],
    "001": [3, 101, 111, 125, 129, 141, 147, 153],
    "002": [1],  # the footer at 101 may be its own article
    "003": [3, 129, 185, 193, 209],
    "004": [5, 41, 47, 57, 129, 133],  # 99 may be a section of 57 or its own article
}
OPTIONAL = {"002": {101}, "004": {99}}


@pytest.fixture(scope="module")
def corpus(seeds):
    return load(seeds)


def by_prefix(corpus, prefix):
    return next(f for f in corpus.files if f.relpath.startswith(prefix))


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_article_starts_match_the_spec(corpus, prefix):
    starts = [a.start_line for a in by_prefix(corpus, prefix).articles]
    assert [s for s in starts if s not in OPTIONAL.get(prefix, set())] == EXPECTED[prefix]


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_articles_partition_the_file(corpus, prefix):
    tf = by_prefix(corpus, prefix)
    assert "".join(a.raw for a in tf.articles) == tf.text
    for prev, nxt in zip(tf.articles, tf.articles[1:]):
        assert prev.end == nxt.start


def test_titles_join_kicker_and_headline(corpus):
    titles = {a.id.split("_")[0] + "#" + str(a.index): a for a in corpus.articles}
    assert titles["003#3"].title == "一箭三星! 我国成功发射遥感三十五号02组卫星"
    assert titles["003#4"].title == "四部门发文 为中医药振兴发展提供强大人才支撑"
    assert titles["004#3"].title == "住房和城乡建设部发布指导意见 全面开展城市体检工作"
    # A subtitle is not part of the title, with or without its dash.
    assert titles["000#2"].title == "全面提高基层党建工作质效 压紧压实强基固本政治责任"
    assert titles["001#1"].title == "压紧压实强基固本政治责任 全面提高基层党建工作质效"
    assert titles["002#1"].title == "压紧压实强基固本政治责任 全面提高基层党建工作质效"


def test_untitled_fragments_are_marked(corpus):
    f000 = by_prefix(corpus, "000").articles
    assert f000[0].untitled and f000[0].title.startswith("“一年一度")
    assert f000[6].untitled and f000[6].title.startswith("要紧盯顽瘴痼疾")  # (上接第一版) dropped
    assert not f000[1].untitled


def test_head_lines_keep_their_roles(corpus):
    roles = [(p.kind, p.line) for p in by_prefix(corpus, "002").articles[0].paragraphs[:6]]
    assert roles == [("title", 1), ("meta", 3), ("meta", 5), ("subtitle", 7), ("byline", 9), ("body", 11)]
    a = by_prefix(corpus, "000").articles[1]
    assert [(p.kind, p.line) for p in a.paragraphs[:3]] == [("title", 35), ("subtitle", 37), ("byline", 39)]


def paragraph_at(article, line):
    return next(p for p in article.paragraphs if p.line == line)


def joins_a_break(article, p) -> bool:
    """A repaired paragraph: its text runs over a line break its text does not hold."""
    return article.raw.count("\n", p.raw_start, p.raw_end) > p.text.count("\n")


def test_column_breaks_are_repaired(corpus):
    a = by_prefix(corpus, "000").articles[4]
    p = paragraph_at(a, 135)
    assert joins_a_break(a, p) and "进入六期工程建设期。" in p.text
    b = by_prefix(corpus, "001").articles[4]
    q = paragraph_at(b, 133)
    assert joins_a_break(b, q) and "服务社会,努力为广大人民群众" in q.text and "##" not in q.text


@pytest.mark.parametrize("prefix,line", [("001", 109), ("001", 145), ("004", 125)])
def test_no_repair_across_an_article_boundary(corpus, prefix, line):
    tf = by_prefix(corpus, prefix)
    art = next(a for a in tf.articles if a.start_line <= line <= a.end_line)
    last = art.paragraphs[-1]
    assert last.line == line and not joins_a_break(art, last)


def test_every_paragraph_maps_back_to_the_raw_text(corpus):
    for a in corpus.articles:
        for p in a.paragraphs:
            for i, ch in enumerate(p.text):
                assert a.raw[p.raw_offset(i)] == ch, (a.id, p.line, i)
