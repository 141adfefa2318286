"""Which witness of a story is the base: one definition for grouping, collation and the reader.

Two witnesses are compared on their normalised text (:func:`.shingles.grouping_key`:
letters and digits only) by :func:`.overlap.alignment`; their similarity is
the aligned characters over their mean length.  The base is the witness with
the highest mean similarity to the others; a tie goes to the earlier one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tui.engine.variants.overlap import Block, aligned_chars, alignment
from tui.engine.variants.shingles import grouping_key

Similarities = dict[tuple[str, str], float]


def pair(x: str, y: str) -> tuple[float, list[Block]]:
    """Similarity of two normalised texts, and the aligned runs it counts."""
    blocks = alignment(x, y)
    mean = (len(x) + len(y)) / 2
    return (aligned_chars(blocks, len(x), len(y)) / mean if mean else 0.0), blocks


def similarities(texts: Mapping[str, str]) -> tuple[Similarities, dict[tuple[str, str], list[Block]]]:
    """Similarity of every two of ``texts`` (name -> normalised text), both ways, and the runs of each pair in order."""
    names = list(texts)
    sim: Similarities = {}
    runs: dict[tuple[str, str], list[Block]] = {}
    for x, f in enumerate(names):
        for g in names[x + 1 :]:
            sim[f, g], runs[f, g] = pair(texts[f], texts[g])
            sim[g, f] = sim[f, g]
    return sim, runs


def most_central(names: Sequence[str], sim: Mapping[tuple[str, str], float]) -> str:
    """The name with the highest total similarity to the others (the earliest on a tie)."""
    return max(names, key=lambda f: (sum(sim[f, g] for g in names if g != f), -names.index(f)))


def central(witnesses: Sequence[tuple[str, Sequence[str]]]) -> str:
    """The base among ``witnesses`` (name, paragraph texts)."""
    names = [name for name, _ in witnesses]
    sim, _ = similarities({name: grouping_key("".join(pars)) for name, pars in witnesses})
    return most_central(names, sim)
