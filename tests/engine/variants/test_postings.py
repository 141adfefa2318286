"""Shingles as flat arrays: the index, the boilerplate rule, big stories kept whole, numpy off the start-up path."""

import subprocess
import sys
from array import array
from itertools import combinations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_gen_corpus import generator

from tui.engine.ingest.load import load
from tui.engine.variants import postings
from tui.engine.variants.groupcache import find_groups
from tui.engine.variants.grouping import MAX_DF
from tui.engine.variants.shingles import PIECE, match_key, match_keys

RULE = (0.7, 3, 0.25, 8)  # grouping's: rare quantile, fewest shared, share, passage seeds


def packed(hashes) -> bytes:
    return array("q", sorted(set(hashes))).tobytes()


def own(i: int, n: int = 40) -> list[int]:
    """Shingles no other article holds."""
    return [1_000_000 * (i + 1) + k for k in range(n)]


def test_table_numbers_shingles_and_lists_their_articles_in_order():
    grams = [packed([5, -3, 9]), b"", packed([9, 5]), packed([-3])]
    t = postings.table(grams)
    assert t.hashes.tolist() == [-3, 5, 9] and t.df.tolist() == [2, 2, 2]
    assert [t.articles(s).tolist() for s in range(3)] == [[0, 3], [0, 2], [0, 2]]
    assert [sorted(t.hashes[t.shingles(i)].tolist()) for i in range(4)] == [[-3, 5, 9], [], [5, 9], [-3]]


def test_a_masthead_over_unrelated_stories_is_boilerplate_a_story_in_many_papers_is_not():
    n = MAX_DF + 20
    masthead = [-1, -2, -3, -4, -5]
    story = own(10_000, 60)
    grams = [packed(own(i) + masthead) for i in range(n)]  # unrelated stories under one masthead
    grams += [packed([h for k, h in enumerate(story) if k % 17 != i % 17]) for i in range(n)]  # copies, each edited
    t = postings.table(grams)
    dropped = postings.common(t, MAX_DF)
    assert set(t.hashes[dropped].tolist()) == set(masthead)
    found = postings.candidates(grams, list(range(2 * n)), [True] * (2 * n), MAX_DF, RULE)
    assert found.common == frozenset(masthead)
    assert all(min(p) >= n for p in found.stories | found.passages)  # the masthead pairs nothing
    linked = {i for p in found.stories for i in p}
    assert linked == set(range(n, 2 * n))  # every copy meets the others (through the hubs)
    assert len(found.stories) <= postings.HUBS * n  # linear in the copies, not all pairs


def test_candidates_count_shared_shingles_across_files_only():
    story = own(7, 30)
    grams = [packed(story), packed(story[:20] + own(1)), packed(story), packed(own(2))]
    found = postings.candidates(grams, [0, 1, 0, 2], [True] * 4, MAX_DF, RULE)
    assert found.stories == {(0, 1), (1, 2)}  # 0 and 2 share a file
    assert found.common == frozenset()


@pytest.mark.parametrize("copies", [100])
def test_a_story_in_a_hundred_papers_is_one_group(tmp_path, copies):
    truth = generator().generate(tmp_path / "g", 1000, seed=3, big_group=copies)
    big = set(truth["groups"][0])
    assert len(big) == copies and len({i.split("#")[0] for i in big}) == copies
    groups = find_groups(load(tmp_path / "g"), cache=False)
    holding = [{m.article_id for m in g.members} for g in groups if big & {m.article_id for m in g.members}]
    assert holding == [big]
    planted = {tuple(p) for p in truth["pairs"]}
    found = {tuple(sorted(p)) for g in groups for p in combinations([m.article_id for m in g.members], 2)}
    assert len(found & planted) / len(found) >= 0.99 and len(found & planted) / len(planted) >= 0.99


def test_numpy_stays_off_the_startup_path():
    code = "import sys, tui.main, tui.reader.app, tui.engine.variants.grouping; assert 'numpy' not in sys.modules"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0


@given(st.lists(st.text(alphabet=st.characters(codec=None)), max_size=5))
def test_match_keys_are_match_key_of_each_text(texts):
    assert match_keys(texts) == [match_key(t) for t in texts]


def test_match_keys_fold_scripts_case_and_long_texts_as_match_key_does():
    texts = ["臺灣發展 ÉCOLE Straße ＡＢＣ", "\ud800 lone surrogate Ω", "漢字Ab" * PIECE, "", "𠀋𡈽 ǅ İ"]
    assert match_keys(texts) == [match_key(t) for t in texts]
    assert match_keys(["臺灣"]) == ["台湾"]
