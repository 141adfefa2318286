"""Segmentation is a partition whatever the text: nothing lost, nothing twice."""

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine.ingest.segment import segment, split_lines

LINES = st.sampled_from(
    [
        "",
        "",
        "# 标题一行",
        "## ——副标题",
        "**加粗的小标题**",
        "新华社记者",
        "新华社北京6月6日电(记者刘硕)正文第一段。",
        "(新华社北京6月6日电)",
        "(上接第一版)继续的正文。",
        "(接1版)",
        "新华社记者 徐昱 摄",
        "一箭三星!",
        "正文句子，到这里结束。",
        "被分栏切断的半句",
        "“引号里的小标题”",
        "全省上下迅速行动——",
        "……",
        "## 会,错标成标题的续行。",
        "[bold]x[/] \x1b[31m",
        "   ",
        "short",
        "# #",
        "#",
        "## ## ",
        "**加粗**",
    ]
)


@st.composite
def pages(draw):
    lines = draw(st.lists(LINES | st.text(max_size=30), max_size=40))
    text = "\n".join(lines)
    return text + draw(st.sampled_from(["", "\n", "\n\n"]))


@settings(max_examples=300, deadline=None)
@given(pages())
def test_articles_concatenate_to_the_text(text):
    arts = segment(text, "f.txt")
    assert "".join(a.raw for a in arts) == text
    assert arts[0].start == 0 and arts[-1].end == len(text)
    _lines, starts = split_lines(text)
    line_starts = set(starts)
    for a in arts:
        assert a.start in line_starts or a.start == len(text)  # articles start at a line start
        assert a.start_line <= a.end_line


@settings(max_examples=300, deadline=None)
@given(pages())
def test_paragraphs_map_back_and_never_overlap(text):
    for a in segment(text, "f.txt"):
        used = []
        for p in a.paragraphs:
            assert "".join(a.raw[s:e] for s, e in p.pieces) == p.text
            used.extend(range(s, e) for s, e in p.pieces)
        flat = [i for r in used for i in r]
        assert len(flat) == len(set(flat))


def test_a_line_of_markup_alone_is_shown_as_it_is():
    # found by the fuzz target (tests/engine/test_fuzz.py): "# #" was an empty paragraph with an empty piece
    (article,) = segment("正文第一段。\n\n# #\n\n更多正文。\n", "f.txt")
    assert [p.text for p in article.paragraphs] == ["正文第一段。", "# #", "更多正文。"]
    assert all(s < e for p in article.paragraphs for s, e in p.pieces)
