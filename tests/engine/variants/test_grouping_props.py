"""Invariants of grouping and its pieces: normalisation, shingles, aligned runs, reprints."""

import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine.ingest.lines import is_continuation
from tui.engine.ingest.load import Corpus, load
from tui.engine.ingest.segment import segment
from tui.engine.model import TextFile
from tui.engine.variants import groupcache, overlap
from tui.engine.variants.shingles import SHINGLE, grouping_key, shingles

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E40)
TEXT = st.text(alphabet=st.one_of(HAN, st.sampled_from("，。、,.：“”「」# *\n ＡＢ１2")), max_size=300)


@settings(max_examples=100, deadline=None)
@given(TEXT)
def test_normalise_keeps_only_letters_and_digits_and_is_idempotent(text):
    norm = grouping_key(text)
    assert all(c.isalnum() for c in norm)
    assert grouping_key(norm) == norm
    assert unicodedata.is_normalized("NFKC", norm)


def test_normalise_folds_width_and_drops_punctuation_and_markup():
    assert grouping_key("# **压紧**压实，强基 ＡＢ１２。") == grouping_key("压紧压实,强基AB12.") == "压紧压实强基AB12"


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=HAN, max_size=200), st.text(alphabet=HAN, max_size=200))
def test_shared_text_shares_its_sampled_shingles(a, b):
    """Sampling is by window, so every shingle of a passage is kept or dropped everywhere."""
    assert shingles(a) <= shingles(b + a + b)
    assert len(shingles(a)) <= max(0, len(a) - SHINGLE + 1)


def check_runs(a, b, blocks):
    for ai, bj, size in blocks:
        assert size >= overlap.MIN_RUN
        assert a[ai : ai + size] == b[bj : bj + size]
    n = overlap.aligned_chars(blocks, len(a), len(b))
    assert 0 <= n <= min(len(a), len(b))


PAIR = st.tuples(st.text(alphabet=HAN, max_size=400), st.text(alphabet=HAN, max_size=400))


@settings(max_examples=100, deadline=None)
@given(PAIR)
def test_aligned_runs_are_equal_text(pair):
    a, b = pair
    check_runs(a, b, overlap.alignment(a, b))


@settings(max_examples=50, deadline=None)
@given(PAIR, st.text(alphabet=HAN, min_size=50, max_size=300))
def test_windowed_alignment_keeps_runs_exact(pair, passage):
    a, b = pair[0] + passage, passage + pair[1]
    saved = overlap.MAX_CELLS, overlap.CHUNK
    overlap.MAX_CELLS, overlap.CHUNK = 100, 120  # force the windowed path
    try:
        check_runs(a, b, overlap.alignment(a, b))
    finally:
        overlap.MAX_CELLS, overlap.CHUNK = saved


def test_identical_text_aligns_whole_on_both_paths(monkeypatch):
    text = "".join(chr(0x4E00 + (i * 7919) % 3000) for i in range(3000))
    assert overlap.aligned_chars(overlap.alignment(text, text), 3000, 3000) == 3000
    monkeypatch.setattr(overlap, "MAX_CELLS", 1000)
    monkeypatch.setattr(overlap, "CHUNK", 500)
    blocks = overlap.alignment(text, text[:1700])
    assert overlap.aligned_chars(blocks, 3000, 1700) >= 1600


def corpus_of(pages: dict[str, str]) -> Corpus:
    files = [
        TextFile(rel, rel, len(text), 0, "utf-8", text, articles=tuple(segment(text, rel)))
        for rel, text in pages.items()
    ]
    return Corpus(root=Path("/nowhere"), files=files, skipped=[])


SEED_PARAGRAPHS = [
    p.text
    for a in load().articles
    for p in a.paragraphs
    if p.kind == "body" and len(p.text) >= 40 and p.text.endswith("。") and not is_continuation(p.text)
]
WIDTH = str.maketrans("，：；（）", ",:;()")


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from(SEED_PARAGRAPHS), min_size=4, max_size=8, unique=True),
    st.integers(min_value=0, max_value=7),
    st.booleans(),
)
def test_a_reprint_missing_one_paragraph_is_always_grouped(paragraphs, dropped, flip):
    copy = [p.translate(WIDTH) if flip else p for k, p in enumerate(paragraphs) if k != dropped % len(paragraphs)]
    corpus = corpus_of(
        {"a.txt": "# 标题\n\n" + "\n\n".join(paragraphs) + "\n", "b.txt": "# 标题\n\n" + "\n\n".join(copy) + "\n"}
    )
    [group] = groupcache.find_groups(corpus, cache=False)
    assert [m.article_id for m in group.members] == ["a.txt#1", "b.txt#1"]
    assert group.base in ("a", "b")
    for m in group.members:
        assert 0.0 < m.coverage <= 1.0 and 0.0 < m.similarity <= 1.0
    # the shorter copy is (almost) wholly contained in the longer
    assert next(m for m in group.members if m.file == "b.txt").coverage > 0.9
