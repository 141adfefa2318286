"""Reflow of hard-wrapped Latin pages: joins, rejoined words, nothing lost, the folder's spelling followed."""

import os
from collections import Counter
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT, SEEDS
from tui.engine.ingest import corpuscache
from tui.engine.ingest.lexicon import Lexicon, inner_words
from tui.engine.ingest.load import load
from tui.engine.ingest.reflow import HYPHENS, hard_wrapped, join
from tui.engine.ingest.segment import segment

DAY = ROOT.parent / "shared" / "corpora" / "chronam-1916-04-week1" / "19160405"
needs_day = pytest.mark.skipif(not DAY.is_dir(), reason="the shared corpora are not beside the checkout")


def lexicon(**counts: int) -> Lexicon:
    return Lexicon(Counter({w.replace("_", "-"): n for w, n in counts.items()}))


def test_a_hyphen_at_a_line_end_is_dropped_or_kept_as_the_folder_spells_the_word():
    assert join("of the su-", "preme court", lexicon(supreme=4)) == (1, "")
    assert join("the co-", "operating firms", lexicon(co_operating=3, cooperating=1)) == (0, "")
    assert join("the co-", "operating firms", lexicon(co_operating=1, cooperating=3)) == (1, "")
    assert join("of the su-", "preme court", lexicon()) == (1, "")  # no evidence: a syllable break
    assert join("the Anglo-", "American fleet", lexicon()) == (0, "")  # no evidence, a capital: a compound
    assert join("the season of 1915-", "16 was long", lexicon()) == (0, "")  # a number: the hyphen stays


def test_a_word_cut_without_a_hyphen_is_rejoined_only_when_its_halves_are_no_words():
    assert join("of the su", "preme court", lexicon(supreme=3)) == (0, "")
    assert join("of the su", "preme court", lexicon(supreme=1)) == (0, " ")  # seen once: no evidence
    assert join("he left to", "day for home", lexicon(today=9, to=50, day=20)) == (0, " ")


def test_lines_join_with_a_space_but_cjk_and_dashes_with_none():
    assert join("will officiate at", "the funeral", lexicon()) == (0, " ")
    assert join("今天的会议", "到此结束", lexicon()) == (0, "")
    assert join("WASHINGTON, April 5.—", "The president", lexicon()) == (0, "")


def test_the_lexicon_counts_only_words_inside_a_line():
    counts = inner_words("The co-operating men went\nhome\nof the su-\npreme court and\nThe end")
    assert counts == Counter({"co-operating": 1, "men": 1, "the": 1, "court": 1})


def test_hard_wrapped_text_is_told_from_the_seeds_and_from_short_lines():
    printed = ["the quick brown fox jumps over the lazy dog" + " again" * (i % 2) for i in range(12)]
    assert hard_wrapped(printed)
    assert not hard_wrapped(["short"] * 20)
    for seed in sorted(SEEDS.glob("*.txt")):
        assert not hard_wrapped(seed.read_text(encoding="utf-8").split("\n"))


WORDS = st.sampled_from(["the", "court", "supreme", "co-operating", "Senate", "April", "said", "of", "a", "it."])
CUT = st.sampled_from(["su-", "co-", "Anglo-", "pas-", "su", "1915-", "well—", "中文", "会议。", "x-"])


@st.composite
def wrapped_pages(draw):
    lines = []
    for _ in range(draw(st.integers(8, 24))):
        words = draw(st.lists(WORDS, min_size=5, max_size=8))
        if draw(st.booleans()):
            words.append(draw(CUT))
        line = " ".join(words)
        lines.append(draw(st.sampled_from(["", " ", "  "])) + line + draw(st.sampled_from(["", " "])))
        if draw(st.integers(0, 9)) == 0:
            lines.append(draw(st.sampled_from(["", "GERMANS MAKE GAINS", "By Wilbur S. Forrest,", "oo"])))
    return "\n".join(lines) + draw(st.sampled_from(["", "\n"]))


@settings(max_examples=150, deadline=None)
@given(wrapped_pages())
def test_reflow_and_dehyphenation_lose_no_character_but_spaces_and_line_end_hyphens(text):
    arts = segment(text, "p.txt", lexicon=lexicon(supreme=3, co_operating=2))
    assert "".join(a.raw for a in arts) == text
    for a in arts:
        covered = [False] * len(a.raw)
        for p in a.paragraphs:
            assert p.rebuilt(a.raw) == p.text
            for s, e in p.pieces:
                assert not any(covered[s:e])  # no character shown twice
                covered[s:e] = [True] * (e - s)
            for i, ch in enumerate(p.text):
                raw = a.raw[p.raw_offset(i)]
                assert raw == ch or (ch == " " and raw == "\n")
        for i, ch in enumerate(a.raw):
            if not covered[i]:
                line_end = a.raw[i + 1 :].split("\n", 1)
                assert ch.isspace() or (ch in HYPHENS and len(line_end) == 2 and not line_end[0].strip()), (i, ch)


@needs_day
def test_almost_every_shown_word_is_a_word_of_the_page_or_a_join_of_two_lines():
    """At most 0.5% of the words shown on a day of pages are neither printed words nor line-end joins."""
    odd = shown = 0
    for tf in load(DAY).files:
        printed = set(tf.text.split())
        joins = set()
        lines = [ln.split() for ln in tf.text.split("\n")]
        for left, right in pairwise(lines):
            if left and right:
                joins |= {left[-1] + right[0], left[-1][:-1] + right[0]}
        for a in tf.articles:
            for p in a.paragraphs:
                for word in p.text.split():
                    shown += 1
                    odd += word not in printed and word not in joins
    assert shown > 100_000
    assert odd <= 0.005 * shown


def test_a_new_file_changes_how_another_file_rejoins_its_words_and_the_cache_follows(tmp_path):
    page = "\n".join(
        ["The men of the two firms met in the hall today", "and agreed that the firms would be co-"]
        + ["operating on the new bridge over the river this year"] * 8
    )
    (tmp_path / "a.txt").write_text(page, encoding="utf-8")

    def shown() -> str:
        corpus = corpuscache.load_cached(tmp_path)
        return " ".join(p.text for a in corpus.file("a.txt").articles for p in a.paragraphs)

    assert "be cooperating" in shown()  # no evidence: a syllable break
    spelled = "The firms say they are co-operating well and co-operating gladly on the work\n" * 10
    (tmp_path / "b.txt").write_text(spelled, encoding="utf-8")
    os.utime(tmp_path)
    assert "be co-operating" in shown()  # the folder spells it with a hyphen
    assert "be co-operating" in shown()  # and the saved copy says so too
