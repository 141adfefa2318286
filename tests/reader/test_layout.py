"""The wrapping helpers of the article view: nothing lost, nothing too wide (diff columns: tests/render)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.reader.widgets.article_view import NOTE, Block, capped, find_hits, layout

ALPHABET = "中文字段落新闻，。、（「」）“” abcXYZ019-"
texts = st.text(alphabet=ALPHABET, max_size=120)
widths = st.integers(min_value=4, max_value=50)


@settings(max_examples=100, deadline=None)
@given(st.lists(texts, min_size=1, max_size=6), widths)
def test_layout_covers_every_paragraph_within_width(paragraphs, width):
    blocks = [Block(t, "body") for t in paragraphs]
    lines = layout(blocks, width)
    for i, block in enumerate(blocks):
        mine = [ln for ln in lines if ln.block == i]
        assert mine, "every paragraph has at least one line"
        assert "".join(block.text[ln.start : ln.end] for ln in mine).replace(" ", "") == block.text.replace(" ", "")
        for ln in mine:
            assert cell_len(block.text[ln.start : ln.end]) <= width
    assert sum(ln.block < 0 for ln in lines) == len(blocks) - 1  # one blank between paragraphs


@settings(max_examples=100, deadline=None)
@given(st.lists(texts, max_size=5), st.text(alphabet="中文ab", min_size=1, max_size=2))
def test_find_hits_are_exactly_the_occurrences(paragraphs, query):
    blocks = [Block(t, "body") for t in paragraphs]
    hits = find_hits(blocks, query)
    for b, s, e in hits:
        assert blocks[b].text[s:e].lower() == query.lower()
    assert len(hits) == sum(t.lower().count(query.lower()) for t in paragraphs)


@settings(max_examples=100, deadline=None)
@given(st.lists(texts, min_size=1, max_size=6), st.integers(min_value=1, max_value=400))
def test_a_capped_article_keeps_exactly_its_first_limit_characters(paragraphs, limit):
    blocks = [Block(t, "body") for t in paragraphs]
    total = sum(map(len, paragraphs))
    kept, note = capped(blocks, limit, "a.txt#1")
    if total <= limit:
        assert kept == blocks and note == ""
        return
    assert "".join(b.text for b in kept) == "".join(paragraphs)[:limit]
    assert f"{total - limit:,} more characters" in note and "newsread show a.txt#1" in note
    lines = layout(kept, 20, note)
    assert "".join(note[ln.start : ln.end] for ln in lines if ln.block == NOTE).replace(" ", "") == note.replace(
        " ", ""
    )
    assert all(ln.block < len(kept) for ln in lines)  # the note is no paragraph
