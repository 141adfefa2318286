"""Excerpts (an article cut to a span of its text), ``FILE#N@S-E`` references, and key offsets."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine.excerpt import excerpt
from tui.engine.ingest.load import load
from tui.engine.refs import RefError, resolve
from tui.engine.variants.shingles import match_key
from tui.engine.variants.spans import KeyOffsets, text_span

CORPUS = load()
ARTICLES = [a for a in CORPUS.articles if len(a.text) > 200]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(ARTICLES), st.floats(0, 1), st.floats(0, 1))
def test_an_excerpt_is_the_span_of_the_text_and_points_into_the_file(article, x, y):
    n = len(article.text)
    s, e = sorted((int(x * (n - 1)), int(y * (n - 1)) + 1))
    if s == e:
        e += 1
    cut = excerpt(article, s, e)
    # the span, less the part of a paragraph break (blank line) it may start or end inside
    assert cut.text in article.text[s:e] and cut.text.strip("\n") == article.text[s:e].strip("\n")
    assert (cut.file, cut.index, cut.title, cut.id) == (article.file, article.index, article.title, article.id)
    text = CORPUS.file(article.file).text
    assert text[cut.start : cut.end] == cut.raw
    assert article.start <= cut.start <= cut.end <= article.end
    assert article.start_line <= cut.start_line <= cut.end_line <= article.end_line
    for p in cut.paragraphs:
        assert sum(b - a for a, b in p.pieces) == len(p.text)
        assert "".join(cut.raw[a:b] for a, b in p.pieces).replace("\n", " ") == p.text.replace("\n", " ")


def test_a_passage_reference_resolves_to_the_excerpt():
    article = CORPUS.article("001_f369ed2dbcb57396.txt#1")
    got = resolve(CORPUS, "001#1@10-250")
    assert got.ref == "001_f369ed2dbcb57396.txt#1@10-250"
    [cut] = got.articles
    assert cut.text == article.text[10:250].strip("\n")


@pytest.mark.parametrize("ref", ["001#1@250-10", "001#1@0-999999", "001#1@5-5"])
def test_a_passage_reference_outside_its_article_is_refused(ref):
    with pytest.raises(RefError, match="has characters 0-"):
        resolve(CORPUS, ref)


TEXTS = st.text(
    alphabet=st.one_of(
        st.sampled_from("abcXYZ ,.\n-ſﬁ①²ＡＢ"), st.characters(min_codepoint=0x4E00, max_codepoint=0x4E40)
    ),
    max_size=200,
)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_key_offsets_point_at_the_characters_the_key_comes_from(text):
    key = match_key(text)
    offsets = KeyOffsets(text)
    assert len(offsets) == len(key)
    found = [offsets[k] for k in range(len(key))]
    assert found == sorted(found) and all(0 <= o < len(text) for o in found)
    for k, o in enumerate(found):
        assert key[k] in match_key(text[o : o + 3]) or not text[o].isascii()


def test_a_passage_is_shown_in_whole_sentences():
    article = next(a for a in ARTICLES if len(match_key(a.text)) > 1500)
    key = match_key(article.text)
    lo, hi = text_span(article, 600, 1200)
    shown = article.text[lo:hi]
    assert match_key(shown).find(key[600:1200]) >= 0
    assert article.text[lo - 1 : lo] in ("", "\n", "。", "！", "？", "”", "」") or article.text[lo - 2 : lo] == "\n\n"
    assert (
        shown.rstrip("”’」』）)")[-1:] in ("。", "！", "？", "…") or hi == len(article.text) or article.text[hi] == "\n"
    )
    assert text_span(article, 3, len(key) - 3) is None  # all but a few characters: the whole article
