"""The cleanup passes of a character diff: from a correct but shredded edit script to one a reader can follow.

In the spirit of diff-match-patch's semantic cleanup, one job per pass, each
taking and giving :mod:`difflib`-style opcodes ``(tag, i1, i2, j1, j2)``:

- :func:`merge` merges edits (but not a lone punctuation swap) separated by a
  shred of one or two equal characters, or by an equality no longer than the
  edits on both sides of it (a replaced clause becomes one replacement; a
  lone OCR swap stays a one-character replace);
- :func:`slide` slides an insertion or deletion to a ``，。；`` boundary when
  that is lossless;
- :func:`peel` peels a width swap (``，`` against ``,``) off either end of a
  replacement, so it keeps its own kind and ``--ignore width`` can drop it.

:func:`cleanup` runs the three in that order.
"""

from __future__ import annotations

from tui.engine.diff.kinds import is_punct, width_char

Opcode = tuple[str, int, int, int, int]

SHRED = 2  # equal runs this short between two edits are always merged
BOUNDARY = frozenset("，。；！？,.;!?、：:\n")


def cleanup(a: str, b: str, ops: list[Opcode]) -> list[Opcode]:
    """All the passes: merge the shreds, slide to boundaries, peel width swaps."""
    return peel(a, b, slide(a, b, merge(a, b, ops)))


def edit(i1: int, i2: int, j1: int, j2: int) -> Opcode:
    tag = "replace" if i1 < i2 and j1 < j2 else "delete" if i1 < i2 else "insert"
    return (tag, i1, i2, j1, j2)


def fuse(ops: list[Opcode]) -> list[Opcode]:
    """Adjacent edits joined into one; empty opcodes dropped."""
    out: list[Opcode] = []
    for op in ops:
        if op[1] == op[2] and op[3] == op[4]:
            continue
        if out and op[0] != "equal" and out[-1][0] != "equal":
            prev = out.pop()
            op = edit(prev[1], op[2], prev[3], op[4])
        out.append(op)
    return out


def _size(op: Opcode) -> int:
    return max(op[2] - op[1], op[4] - op[3])


def _formal(a: str, b: str, op: Opcode) -> bool:
    """A small edit of punctuation or spacing only (``，`` against ``,``): kept apart so its kind shows."""
    seg = a[op[1] : op[2]] + b[op[3] : op[4]]
    return _size(op) <= SHRED and all(is_punct(ch) or ch.isspace() for ch in seg)


def merge(a: str, b: str, ops: list[Opcode]) -> list[Opcode]:
    """Swallow equalities that are shreds between two edits, in one pass.

    A stack keeps the result so far; each new edit is merged leftwards for as
    long as the equality before it qualifies (a merged edit is larger, so it
    may now swallow the equality before that).  Linear in the number of
    opcodes.  Formal edits (see :func:`_formal`) are never merged with their
    neighbours.
    """
    out: list[Opcode] = []
    for op in fuse(ops):
        if op[0] != "equal":
            while len(out) >= 2 and _swallows(a, b, out[-2], out[-1], op):
                before = out[-2]
                del out[-2:]
                op = edit(before[1], op[2], before[3], op[4])
            if out and out[-1][0] != "equal":
                prev = out.pop()
                op = edit(prev[1], op[2], prev[3], op[4])
        out.append(op)
    return out


def _swallows(a: str, b: str, before: Opcode, eq: Opcode, after: Opcode) -> bool:
    """Whether equality ``eq`` between edits ``before`` and ``after`` is a shred to merge away."""
    if eq[0] != "equal" or before[0] == "equal" or _formal(a, b, before) or _formal(a, b, after):
        return False
    n = eq[2] - eq[1]
    return n <= SHRED or (n <= _size(before) and n <= _size(after))


def _score(text: str, at: int) -> int:
    """How good a place ``at`` is for an edit boundary: after punctuation, at an end, else not."""
    if at <= 0 or at >= len(text):
        return 2
    return 1 if text[at - 1] in BOUNDARY else 0


def slide(a: str, b: str, ops: list[Opcode]) -> list[Opcode]:
    """Shift pure insertions and deletions between equalities to the best lossless place."""
    ops = list(ops)
    for k in range(1, len(ops) - 1):
        prev, op, nxt = ops[k - 1], ops[k], ops[k + 1]
        if prev[0] != "equal" or nxt[0] != "equal" or op[0] not in ("insert", "delete"):
            continue
        text, s, e = (b, op[3], op[4]) if op[0] == "insert" else (a, op[1], op[2])
        lo_limit = s - (prev[2] - prev[1])
        hi_limit = e + (nxt[2] - nxt[1])
        best, best_score = 0, _score(text, s) + _score(text, e)
        d = 0  # slide left while the char before the edit equals its last char
        while s + d - 1 >= lo_limit and text[s + d - 1] == text[e + d - 1]:
            d -= 1
            sc = _score(text, s + d) + _score(text, e + d)
            if sc > best_score:
                best, best_score = d, sc
        d = 0
        while e + d < hi_limit and text[s + d] == text[e + d]:
            d += 1
            sc = _score(text, s + d) + _score(text, e + d)
            if sc > best_score:
                best, best_score = d, sc
        if best:
            ops[k - 1] = (prev[0], prev[1], prev[2] + best, prev[3], prev[4] + best)
            ops[k] = (op[0], op[1] + best, op[2] + best, op[3] + best, op[4] + best)
            ops[k + 1] = (nxt[0], nxt[1] + best, nxt[2], nxt[3] + best, nxt[4])
    return fuse(ops)


def _swap(a: str, b: str, i: int, j: int) -> bool:
    """Characters that differ only in width."""
    return a[i] != b[j] and width_char(a[i]) == width_char(b[j])


def peel(a: str, b: str, ops: list[Opcode]) -> list[Opcode]:
    """Split width swaps off the ends of every replacement into one-character replacements."""
    out: list[Opcode] = []
    for op in ops:
        tag, i1, i2, j1, j2 = op
        if tag != "replace":
            out.append(op)
            continue
        head: list[Opcode] = []
        tail: list[Opcode] = []
        while i2 - i1 > 1 and j2 - j1 > 1 and _swap(a, b, i1, j1):
            head.append(("replace", i1, i1 + 1, j1, j1 + 1))
            i1, j1 = i1 + 1, j1 + 1
        while i2 - i1 > 1 and j2 - j1 > 1 and _swap(a, b, i2 - 1, j2 - 1):
            tail.insert(0, ("replace", i2 - 1, i2, j2 - 1, j2))
            i2, j2 = i2 - 1, j2 - 1
        out += head + [edit(i1, i2, j1, j2)] + tail
    return out
