"""Invariants of the grouping's pieces: normalisation, shingles, aligned runs."""

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core import overlap
from tui.core.shingles import SHINGLE, normalise, shingles

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E40)
TEXT = st.text(alphabet=st.one_of(HAN, st.sampled_from("，。、,.：“”「」# *\n ＡＢ１2")), max_size=300)


@settings(max_examples=100, deadline=None)
@given(TEXT)
def test_normalise_keeps_only_letters_and_digits_and_is_idempotent(text):
    norm = normalise(text)
    assert all(c.isalnum() for c in norm)
    assert normalise(norm) == norm
    assert unicodedata.is_normalized("NFKC", norm)


def test_normalise_folds_width_and_drops_punctuation_and_markup():
    assert normalise("# **压紧**压实，强基 ＡＢ１２。") == normalise("压紧压实,强基AB12.") == "压紧压实强基AB12"


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
