"""Grouping real English OCR pages: a week of Chronicling America front pages (``../shared/corpora``).

Wire reports turn up in many papers, each cutting and re-heading them, often
inside a longer (mis-segmented) article: they group as passages.  What counts
as sharing real text is the acceptance rule of the issue, checked with
difflib here (not with the engine's own alignment): matching blocks of 20 or
more normalised characters covering 30% of the shorter witness.
"""

import difflib
import random
import re
from pathlib import Path

import pytest

from tui.engine.ingest.load import load
from tui.engine.variants.groupcache import find_groups
from tui.engine.variants.shingles import match_key

WEEK = Path(__file__).resolve().parents[3].parent / "shared" / "corpora" / "chronam-1916-04-week1"
pytestmark = pytest.mark.skipif(not WEEK.is_dir(), reason="the shared corpora are not beside the checkout")

COURIER, JOURNAL = "sn96088180", "sn99063957"  # Rogue River Courier, Daily Capital Journal
UP_REPORT = ("fromlandseaandair", "germanforcestodayareevidentlyendeavoringtooffsettheimpression")


def paper(relpath: str) -> str:
    return re.search(r"([a-z]*\d{8,10})-ed-\d+_seq", relpath).group(1)


def edition(relpath: str) -> str:
    return re.search(r"-(ed-\d+)_seq", relpath).group(1)


def witness_text(witness) -> str:
    return match_key("".join(a.text for a in witness.articles))


def share_real_text(x: str, y: str) -> bool:
    blocks = difflib.SequenceMatcher(None, x, y, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks if b.size >= 20) >= 0.3 * min(len(x), len(y))


@pytest.fixture(scope="module")
def day_corpus():
    return load(WEEK / "19160405")


@pytest.fixture(scope="module")
def day(day_corpus):
    return find_groups(day_corpus, cache=False)


@pytest.fixture(scope="module")
def week():
    return find_groups(load(WEEK), cache=False)


def test_the_up_report_groups_the_courier_and_the_capital_journal(day, day_corpus):
    """The same report, each paper's OCR of it inside a longer page: the witnesses are the report."""
    holding = [
        g
        for g in day
        if {paper(w.file) for w in g.witnesses} >= {COURIER, JOURNAL}
        and all(
            all(s in witness_text(w) for s in UP_REPORT) for w in g.witnesses if paper(w.file) in (COURIER, JOURNAL)
        )
    ]
    assert holding
    for w in holding[0].witnesses:
        assert len(witness_text(w)) < 0.25 * len(match_key(day_corpus.file(w.file).text))


@pytest.mark.parametrize("lccn", ["sn82014682", "sn84026853"])
def test_two_editions_of_a_paper_pair_story_by_story(day, lccn):
    """Many groups hold both editions, each a different story: the pages are not one blob."""
    both = [g for g in day if sorted(edition(w.file) for w in g.witnesses if paper(w.file) == lccn) == ["ed-1", "ed-2"]]
    assert len(both) >= 3
    stories = {tuple(witness_text(w)[:200] for w in g.witnesses if paper(w.file) == lccn) for g in both}
    assert len(stories) == len(both)
    for g in both:
        ed1, ed2 = (witness_text(w) for w in g.witnesses if paper(w.file) == lccn)
        assert share_real_text(ed1, ed2)


def test_a_week_of_wire_stories_groups_across_papers(week):
    spanning = [g for g in week if len({paper(w.file) for w in g.witnesses}) >= 3]
    assert len(spanning) >= 10


def test_grouped_witnesses_share_real_text(week):
    """48 of 50 pairs of witnesses drawn from the groups share real text (difflib, 20+ character blocks)."""
    pairs = [(v, w) for g in week for k, v in enumerate(g.witnesses) for w in g.witnesses[k + 1 :]]
    sample = random.Random(1916).sample(pairs, 50)
    sharing = sum(share_real_text(witness_text(v), witness_text(w)) for v, w in sample)
    assert sharing >= 48


def test_variants_gives_each_witness_the_similarity_its_diff_with_the_base_prints(day):
    """One similarity: the figure `variants` gives a witness is the one the reader's diff of it with the base shows
    (OCR'd English, where a figure from shared passages alone said 0.52 of a pair whose letters are 71% in common)."""
    from tui.engine.diff.compare import compare_articles

    pairs = 0
    for group in day:
        witnesses = {w.siglum: w for w in group.witnesses}
        base = witnesses[group.base].articles
        for member in group.members:
            if member.siglum != group.base:
                shown = compare_articles(witnesses[member.siglum].articles, base).similarity
                assert round(shown, 4) == member.similarity, (group.id, member.siglum)
                pairs += 1
    assert pairs > 100
