"""The compact corpus: an article bound to its file text holds no text of its own and reads back exactly
what the unbound article held (no text lost, every offset inside the file)."""

import textwrap
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.engine.ingest.test_corpuscache import LINE
from tui.engine.ingest.load import load
from tui.engine.ingest.segment import segment
from tui.engine.model import KINDS, Paragraph, bind, bound_paragraph, pack, unpack

WORDS = st.sampled_from(["the", "council", "co-", "operating", "report", "mid-", "night", "road", "SHIP", "a-", "b"])
# Hard-wrapped English (its paragraphs are reflowed: several pieces, line breaks shown as spaces) or any lines.
TEXTS = st.one_of(
    st.lists(WORDS, min_size=1, max_size=200).map(lambda ws: "NEWS\n\n" + "\n".join(textwrap.wrap(" ".join(ws), 30))),
    st.lists(LINE, max_size=40).map("\n".join),
)


def check_bound(text: str) -> None:
    held = segment(text, "f.txt")
    bound = segment(text, "f.txt")
    bind(tuple(bound), text)
    assert bound == held  # every field, text and paragraphs included, reads the same
    assert "".join(a.raw for a in bound) == text
    for a, h in zip(bound, held):
        assert a._raw is None and a._paragraphs is None  # nothing held but the file text and integers
        assert [p.text for p in a.paragraphs] == [p.text for p in h.paragraphs] and a.text == h.text
        assert a.chars == h.chars
        for p in a.paragraphs:
            assert p._text is None
            assert all(0 <= s <= e <= len(a.raw) for s, e in p.pieces)


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_bound_articles_read_back_exactly_what_they_held(text):
    check_bound(text)


def test_every_seed_binds_without_losing_text(seeds):
    for f in load(seeds).files:
        check_bound(f.text)
        assert all(a._raw is None and a._packed is not None for a in f.articles)


PIECES = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)).map(sorted).map(tuple), max_size=4)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(KINDS), st.integers(1, 10**6), st.booleans(), PIECES), max_size=12))
def test_packed_paragraphs_come_back_as_the_paragraphs_they_were(specs):
    src = "页眉\n" + "新闻内容\n正文 text" * 8
    held = tuple(
        Paragraph(Paragraph("", k, tuple(ps), n, sp).rebuilt(src[3:]), k, tuple(ps), n, sp) for k, n, sp, ps in specs
    )
    bound = tuple(bound_paragraph(k, tuple(ps), n, sp, src, 3) for k, n, sp, ps in specs)
    assert bound == held
    assert unpack(pack(bound), src, 3) == held


def test_a_paragraph_not_made_of_its_pieces_keeps_its_text():
    """An article whose paragraph text was changed (not its pieces') stays as it was given."""
    text = "# 标题\n\n正文第一段。\n"
    held = segment(text, "f.txt")
    odd = Paragraph("另一段", "body", held[0].paragraphs[-1].pieces, held[0].paragraphs[-1].line)
    changed = replace(held[0], paragraphs=(*held[0].paragraphs[:-1], odd))
    bind((changed,), text)
    assert changed.paragraphs[-1].text == "另一段" and changed.raw == text
