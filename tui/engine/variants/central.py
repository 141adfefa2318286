"""Which witness of a story is the base: one definition for grouping, collation and the reader.

Two witnesses are compared on their normalised text (:func:`.shingles.match_key`:
letters and digits only, in lower case) by :func:`.overlap.alignment`; their
*overlap* is the characters in shared passages (runs of ``MIN_RUN``) over
their mean length.  The base is the witness with the highest mean overlap
with the others; a tie goes to the earlier one.

The *similarity* newsread reports, for a pair in `newsread diff` and the
reader's diff as for a witness against its base in `variants`, is one
function (:func:`similarity`): the normalised characters the two texts have
in common, in order (their longest common subsequence), over their mean
length.  Finer than the overlap (an OCR slip every few words costs a
character, not a passage), it is read off the same bit-parallel alignment;
for texts too long to align whole (``MAX_CELLS``) it is the overlap.  Bounded: with more than ``MAX_PEERS`` witnesses (a wire story
in forty papers) each is compared only with ``MAX_PEERS`` of them, evenly
spread over the group's order, so the cost grows with the witnesses, not
with their pairs.  With more than ``SAMPLED`` witnesses (a story in hundreds
of papers) even that is too much: only the ``MAX_PEERS`` witnesses closest to
the peers by their sampled shingles (a set intersection each, no alignment)
are compared with the peers, the base is chosen among them, and every other
witness is then compared with the base alone (:mod:`.scores`): one alignment
a witness.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rapidfuzz.distance import Indel

from tui.engine.variants.overlap import MAX_CELLS, Block, aligned_chars, alignment
from tui.engine.variants.shingles import match_key, shingles

MAX_PEERS = 12
SAMPLED = 4 * MAX_PEERS

Similarities = dict[tuple[str, str], float]


def peers(names: Sequence[str]) -> list[str]:
    """The witnesses every other one is compared with: all of them, or ``MAX_PEERS`` evenly spread."""
    if len(names) <= MAX_PEERS + 1:
        return list(names)
    return [names[k * len(names) // MAX_PEERS] for k in range(MAX_PEERS)]


def pair(x: str, y: str) -> tuple[float, list[Block]]:
    """Overlap of two normalised texts, and the aligned runs it counts."""
    blocks = alignment(x, y)
    mean = (len(x) + len(y)) / 2
    return (aligned_chars(blocks, len(x), len(y)) / mean if mean else 0.0), blocks


def similarity(x: str, y: str) -> float:
    """The similarity of two normalised texts as newsread reports it (see the module docstring)."""
    if x == y:
        return 1.0
    if len(x) * len(y) > MAX_CELLS:
        return pair(x, y)[0]
    return Indel.normalized_similarity(x, y)


def text_similarity(a: str, b: str) -> float:
    """:func:`similarity` of two texts as written (normalised here)."""
    return similarity(match_key(a), match_key(b))


def candidates(texts: Mapping[str, str]) -> list[str]:
    """The names that may be the base: all of them, or in a group of more than ``SAMPLED`` the ``MAX_PEERS``
    closest to the peers by their sampled shingles (shared over mean count, as :func:`pair` counts aligned
    characters), in order."""
    names = list(texts)
    if len(names) <= SAMPLED:
        return names
    grams = {name: shingles(text) for name, text in texts.items()}
    compared = peers(names)
    mean = {
        f: sum(2 * len(grams[f] & grams[g]) / (len(grams[f]) + len(grams[g]) or 1) for g in compared if g != f)
        for f in names
    }
    return sorted(sorted(names, key=lambda f: -mean[f])[:MAX_PEERS], key=names.index)


def similarities(texts: Mapping[str, str]) -> tuple[Similarities, dict[tuple[str, str], list[Block]]]:
    """Overlap of every candidate (:func:`candidates`) of ``texts`` (name -> normalised text) with its peers
    (:func:`peers`), both ways, and the runs of each pair compared, keyed in the order of ``texts``."""
    names = list(texts)
    order = {name: k for k, name in enumerate(names)}
    sim: Similarities = {}
    runs: dict[tuple[str, str], list[Block]] = {}
    pool = candidates(texts)
    for g in peers(names):
        for f in pool:
            if f != g and (f, g) not in sim:
                x, y = (f, g) if order[f] < order[g] else (g, f)
                sim[x, y], runs[x, y] = pair(texts[x], texts[y])
                sim[y, x] = sim[x, y]
    return sim, runs


def most_central(names: Sequence[str], sim: Mapping[tuple[str, str], float]) -> str:
    """The candidate (compared with every peer) with the highest total overlap with its peers (the earliest on
    a tie)."""
    compared = peers(names)
    pool = [f for f in names if all((f, g) in sim for g in compared if g != f)]
    return max(pool, key=lambda f: (sum(sim[f, g] for g in compared if g != f), -names.index(f)))


def central(witnesses: Sequence[tuple[str, Sequence[str]]]) -> str:
    """The base among ``witnesses`` (name, paragraph texts)."""
    names = [name for name, _ in witnesses]
    sim, _ = similarities({name: match_key("".join(pars)) for name, pars in witnesses})
    return most_central(names, sim)
