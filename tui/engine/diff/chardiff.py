"""Character diff inside one aligned pair of paragraphs, cleaned up for reading.

Raw edit scripts are correct but shredded: a replaced clause comes out as a
dozen edits around chance matches of ``的`` or ``党``.  :func:`diff` takes
rapidfuzz's Levenshtein opcodes (bit-parallel, fast at paragraph size) and
then runs the named cleanup passes of :mod:`tui.engine.diff.cleanup`.

Opcodes are plain tuples ``(tag, i1, i2, j1, j2)`` as in :mod:`difflib`.
Inputs longer than :data:`MAX_CHARS` (a page set without blank lines is one
huge paragraph) are never diffed character by character as a whole: they are
cut into sentences, the sentences aligned like paragraphs, and each aligned
pair diffed on its own (:func:`piecewise`).  Beyond :data:`MAX_PIECEWISE` only
the common prefix and suffix are kept and the middle is one replacement.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from tui.engine.diff.align import align
from tui.engine.diff.cleanup import Opcode, cleanup, edit, merge, peel

MAX_CHARS = 20_000  # bound on either side of one character diff
MAX_PIECEWISE = 2_000_000  # bound on either side of a sentence-by-sentence diff
PIECE = 2_000  # longest sentence piece; a longer run without an end is cut there
_SENTENCE = re.compile(r"[^。！？!?\n]*[。！？!?\n]*")


def diff(a: str, b: str) -> list[Opcode]:
    """Cleaned-up opcodes turning ``a`` into ``b``."""
    if a == b:
        return [("equal", 0, len(a), 0, len(b))] if a else []
    if max(len(a), len(b)) > MAX_PIECEWISE:
        return coarse(a, b)
    if max(len(a), len(b)) > MAX_CHARS:
        return piecewise(a, b)
    raw = [tuple(op) for op in Levenshtein.opcodes(a, b)]
    return cleanup(a, b, raw)


def coarse(a: str, b: str) -> list[Opcode]:
    """Common prefix and suffix kept, everything between them one edit (the bounded fallback)."""
    p = 0
    top = min(len(a), len(b))
    while p < top and a[p] == b[p]:
        p += 1
    s = 0
    while s < top - p and a[-1 - s] == b[-1 - s]:
        s += 1
    ops: list[Opcode] = []
    if p:
        ops.append(("equal", 0, p, 0, p))
    ops.append(edit(p, len(a) - s, p, len(b) - s))
    if s:
        ops.append(("equal", len(a) - s, len(a), len(b) - s, len(b)))
    return ops


def sentences(text: str) -> list[str]:
    """``text`` cut after each run of sentence ends, into pieces of at most :data:`PIECE` characters."""
    out: list[str] = []
    for m in _SENTENCE.finditer(text):
        run = m.group()
        out += [run[k : k + PIECE] for k in range(0, len(run), PIECE)]
    return out


def piecewise(a: str, b: str) -> list[Opcode]:
    """Opcodes for a long pair: sentences aligned (:func:`~tui.engine.diff.align.align`), then diffed pair by pair.

    Only monotone ``match`` blocks are diffed; everything between two of them
    is one edit.  Each diffed pair is at most two pieces a side, so every
    character diff stays small.
    """
    pa, pb = sentences(a), sentences(b)
    starts_a, starts_b = _starts(pa), _starts(pb)
    ops: list[Opcode] = []
    ia = ib = 0
    for op, a0, a1, b0, b1 in align(pa, pb):
        if op != "match" or a0 < ia or b0 < ib:
            continue
        ops.append(edit(starts_a[ia], starts_a[a0], starts_b[ib], starts_b[b0]))
        sa, sb = starts_a[a0], starts_b[b0]
        inner = diff(a[sa : starts_a[a1]], b[sb : starts_b[b1]])
        ops += [(tag, i1 + sa, i2 + sa, j1 + sb, j2 + sb) for tag, i1, i2, j1, j2 in inner]
        ia, ib = a1, b1
    ops.append(edit(starts_a[ia], len(a), starts_b[ib], len(b)))
    return peel(a, b, merge(a, b, ops))  # merge fuses neighbouring edits: peel the width swaps off again


def _starts(pieces: list[str]) -> list[int]:
    """Offset of each piece, and the total length last."""
    out, pos = [0], 0
    for p in pieces:
        pos += len(p)
        out.append(pos)
    return out
