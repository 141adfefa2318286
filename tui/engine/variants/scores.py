"""How close each witness of a group is to the base: similarity, coverage, and what it shares with the base.

The base is the most central witness (:mod:`.central`: in a big group,
among a spread sample of them, every other witness then aligned with the
base once, so scoring is linear in the group's size).  A witness's
``similarity`` is to the base (1.0 for the base), the similarity `newsread
diff` prints for the pair (:func:`.central.similarity`); a
member's ``coverage`` is the share of its own characters aligned with the
base (for the base's members: with any other witness compared); ``shared``
counts a witness's characters aligned with the base, which
:func:`.grouping.settle` holds a big group to.  All in normalised
characters.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.engine.variants import central
from tui.engine.variants.central import most_central, pair, similarities
from tui.engine.variants.overlap import aligned_chars, covered


@dataclass(frozen=True)
class Scores:
    """What :func:`score_witnesses` measures, keyed by member and file."""

    base: str  # file of the base witness
    similarity: dict[str, float]  # file -> similarity of its witness to the base
    coverage: dict[int, float]  # member's place in the group -> share of its characters aligned
    shared: dict[str, int]  # file -> characters of its witness aligned with the base (base: its length)
    length: dict[str, int]  # file -> characters of its witness


def score_witnesses(witnesses: dict[str, list[tuple[int, str]]]) -> Scores:
    """Similarity of the witnesses (:mod:`.central`: bounded in a big group); the most central is the base.

    ``witnesses`` maps a file to its members, each (place in the group, normalised text).
    """
    files = list(witnesses)
    texts: dict[str, str] = {}
    spans: dict[str, list[tuple[int, int, int]]] = {}
    for f, members in witnesses.items():
        pos, spans[f] = 0, []
        for place, norm in members:
            spans[f].append((place, pos, pos + len(norm)))
            pos += len(norm)
        texts[f] = "".join(norm for _, norm in members)
    sim, blocks = similarities(texts)
    base = most_central(files, sim)
    for f in files:
        if f != base and (base, f) not in blocks and (f, base) not in blocks:
            sim[f, base], blocks[f, base] = pair(texts[f], texts[base])
            sim[base, f] = sim[f, base]
    for (f, g), bl in list(blocks.items()):
        blocks[g, f] = [(bj, ai, size) for ai, bj, size in bl]
    coverage: dict[int, float] = {}
    for f in files:
        others = [g for g in files if g != f and (f, g) in blocks] if f == base else [base]
        mask = covered([b for g in others for b in blocks[f, g]], len(texts[f]))
        for place, s, e in spans[f]:
            coverage[place] = (sum(mask[s:e]) / (e - s)) if e > s else 0.0
    similarity = {f: 1.0 if f == base else central.similarity(texts[f], texts[base]) for f in files}
    length = {f: len(texts[f]) for f in files}
    shared = {f: length[f] if f == base else aligned_chars(blocks[f, base], length[f], length[base]) for f in files}
    return Scores(base, similarity, coverage, shared, length)
