"""Scoring a big group: the base is the most central witness, and every other witness costs one alignment with it."""

import random

import pytest

from tui.engine.variants import central
from tui.engine.variants.scores import score_witnesses
from tui.engine.variants.shingles import match_key


def story(seed: int, paragraphs: int = 6, length: int = 120) -> list[str]:
    rng = random.Random(seed)
    return ["".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(length)) for _ in range(paragraphs)]


def copies(n: int) -> dict[str, list[tuple[int, str]]]:
    """Copies of a story, each lacking one paragraph (in turn), and one whole copy in the middle."""
    pars = story(7)
    texts = [[p for k, p in enumerate(pars) if k != c % len(pars)] for c in range(n)]
    texts[n // 2] = pars
    return {f"f{c:03d}": [(c, match_key("".join(t)))] for c, t in enumerate(texts)}


@pytest.mark.parametrize("n", [100, 200])
def test_a_big_group_costs_one_alignment_a_witness(monkeypatch, n):
    calls = []
    real = central.alignment
    monkeypatch.setattr(central, "alignment", lambda a, b: calls.append(1) or real(a, b))
    witnesses = copies(n)
    scores = score_witnesses(witnesses)
    assert len(calls) <= central.MAX_PEERS**2 + n  # the candidates against the peers, then each against the base
    texts = {f: norm for f, [(_, norm)] in witnesses.items()}
    names, peers = list(texts), central.peers(list(texts))
    # as central as the most central found by comparing every witness with the peers (a smaller group's way)
    centrality = {f: sum(central.pair(texts[f], texts[g])[0] for g in peers if g != f) for f in names}
    assert centrality[scores.base] == pytest.approx(max(centrality.values()))
    assert all(scores.shared[f] >= 0.7 * scores.length[f] for f in witnesses)  # each is scored against it


def test_a_group_under_the_sampled_size_compares_every_witness_with_the_peers(monkeypatch):
    calls = []
    real = central.alignment
    monkeypatch.setattr(central, "alignment", lambda a, b: calls.append(1) or real(a, b))
    witnesses = copies(central.SAMPLED)
    score_witnesses(witnesses)
    assert len(calls) > central.MAX_PEERS * (central.SAMPLED - central.MAX_PEERS)  # as before: exact, bounded
