"""Compare two versions of a story: the public API the CLI and the reader call.

:func:`compare` aligns the paragraphs (:mod:`tui.engine.diff.align`), diffs every
aligned pair character by character (:mod:`tui.engine.diff.chardiff`) and gives
each change a kind (:func:`tui.engine.diff.kinds.classify_in`).  A row joins the
paragraphs of one aligned block with :data:`SEP`, so a column-break split
shows as a ``space`` change where the break was.  ``ignore`` drops changes of
those kinds (:func:`hide`, which a front end can also apply to a comparison
it already has); a pair left with none is ``equal``, and the comparison
counts what was dropped.

``similarity`` is the one similarity newsread reports, in ``diff``,
``variants`` and the reader alike (:func:`tui.engine.variants.central.similarity`:
the letters and digits the two texts have in common, in order, over their
mean length); hiding kinds never changes it.  ``aligned`` counts characters the
other way, as the character diff sees them (equal, or differing only in form).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from tui.engine.diff.align import align
from tui.engine.diff.chardiff import diff
from tui.engine.diff.kinds import KINDS, classify_in
from tui.engine.model import Article
from tui.engine.variants import central

SEP = "\n\n"
OPS = ("equal", "replace", "insert", "delete", "move")


@dataclass(frozen=True)
class Change:
    """One edit; ``a`` and ``b`` are offsets into the row's ``a_text`` and ``b_text``."""

    a: tuple[int, int]
    b: tuple[int, int]
    kind: str


@dataclass(frozen=True)
class Row:
    """Aligned paragraphs: ``a``/``b`` are half-open ranges over the paragraph lists (None: absent).

    A ``move`` row stands where ``a`` has the paragraph; ``moved_from`` is its
    index in ``a`` and ``moved_to`` its index in ``b``.
    """

    op: str
    a: tuple[int, int] | None
    b: tuple[int, int] | None
    a_text: str
    b_text: str
    changes: tuple[Change, ...]
    moved_from: int | None = None
    moved_to: int | None = None

    def where(self, side: str, offset: int) -> tuple[int, int]:
        """Paragraph index and offset inside that paragraph of ``offset`` into ``a_text`` or ``b_text``.

        An offset on the separator between two joined paragraphs maps to the
        end of the first; the end of the text to the end of the last.
        """
        span = self.a if side == "a" else self.b
        if span is None:
            raise ValueError(f"row has no {side} side")
        text = self.a_text if side == "a" else self.b_text
        index, start = span[0], 0
        for part in text.split(SEP)[:-1]:
            if offset <= start + len(part) + len(SEP) - 1:
                break
            index, start = index + 1, start + len(part) + len(SEP)
        return index, min(offset - start, len(text.split(SEP)[index - span[0]]))

    @property
    def edits(self) -> tuple[Change, ...]:
        """The changes inside aligned paragraphs, the ones counted by kind.

        A whole inserted or deleted paragraph is counted as a row of its own,
        not as a ``content`` change (its one change spans the whole text).
        """
        return self.changes if self.op in ("replace", "move") else ()


@dataclass(frozen=True)
class Comparison:
    rows: tuple[Row, ...]
    similarity: float  # central.similarity of the two texts
    stats: dict  # number of rows by op and of changes by kind
    aligned: int = 0  # characters equal, or differing only in form (not content), on both sides
    lengths: tuple[int, int] = (0, 0)  # characters of a's and b's paragraphs
    hidden: dict = field(default_factory=dict)  # changes left out, by kind (only the kinds with some)

    @property
    def differs(self) -> bool:
        return any(r.op != "equal" for r in self.rows)

    @property
    def coverage(self) -> tuple[float, float]:
        """Share of a's and of b's characters that align (containment, for abridged reprints)."""
        return tuple(min(1.0, self.aligned / n) if n else 1.0 for n in self.lengths)


def changes(a_text: str, b_text: str) -> list[Change]:
    """Every change of the character diff of ``a_text`` and ``b_text``, with its kind."""
    return [
        Change((i1, i2), (j1, j2), classify_in(a_text, b_text, i1, i2, j1, j2))
        for tag, i1, i2, j1, j2 in diff(a_text, b_text)
        if tag != "equal"
    ]


def _aligned(a_text: str, found: Sequence[Change]) -> int:
    """Characters of the pair that correspond: equal ones and those differing only in form."""
    equal = len(a_text) - sum(c.a[1] - c.a[0] for c in found)
    formal = sum(min(c.a[1] - c.a[0], c.b[1] - c.b[0]) for c in found if c.kind != "content")
    return equal + formal


def compare(a: Sequence[str], b: Sequence[str], *, ignore: frozenset[str] = frozenset()) -> Comparison:
    """Rows aligning paragraph texts ``a`` with ``b`` (see the module docstring)."""
    check_kinds(ignore)
    rows: list[Row] = []
    aligned = 0
    for op, a0, a1, b0, b1 in align(a, b):
        a_text, b_text = SEP.join(a[a0:a1]), SEP.join(b[b0:b1])
        if op in ("match", "move"):
            found = tuple(changes(a_text, b_text))
            aligned += _aligned(a_text, found)
            row_op = "move" if op == "move" else "replace" if found else "equal"
            moved = (a0, b0) if op == "move" else (None, None)
            rows.append(Row(row_op, (a0, a1), (b0, b1), a_text, b_text, found, *moved))
        else:
            whole = (Change((0, len(a_text)), (0, len(b_text)), "content"),)
            span_a, span_b = ((a0, a1), None) if op == "delete" else (None, (b0, b1))
            rows.append(Row(op, span_a, span_b, a_text, b_text, whole))
    lengths = (sum(map(len, a)), sum(map(len, b)))
    similarity = central.text_similarity("".join(a), "".join(b))
    return hide(Comparison(tuple(rows), similarity, _stats(rows), aligned, lengths), ignore)


def check_kinds(kinds: frozenset[str]) -> None:
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError("unknown change kinds: " + ", ".join(sorted(unknown)))


def hide(cmp: Comparison, kinds: frozenset[str]) -> Comparison:
    """``cmp`` without the changes of ``kinds`` inside aligned paragraphs, and a count of them.

    A front end keeps the comparison made with nothing hidden and hides
    kinds from it as the user toggles them, without comparing again (kinds
    hidden before cannot be shown again from a comparison that hid them).
    """
    check_kinds(kinds)
    if not kinds:
        return cmp
    rows = []
    for r in cmp.rows:
        if r.op not in ("replace", "equal", "move"):
            rows.append(r)
            continue
        kept = tuple(c for c in r.changes if c.kind not in kinds)
        op = "move" if r.op == "move" else "replace" if kept else "equal"
        rows.append(replace(r, op=op, changes=kept))
    hidden = Counter(cmp.hidden) + Counter(c.kind for r in cmp.rows for c in r.edits if c.kind in kinds)
    return replace(cmp, rows=tuple(rows), stats=_stats(rows), hidden=dict(hidden))


def _stats(rows: Sequence[Row]) -> dict:
    ops = Counter(r.op for r in rows)
    kinds = Counter(c.kind for r in rows for c in r.edits)
    return {**{op: ops[op] for op in OPS}, **{k: kinds[k] for k in KINDS}}


def paragraphs(articles: Sequence[Article]) -> list[str]:
    """The shown (repaired) paragraphs of ``articles`` in order: what a row's ranges index."""
    return [p.text for art in articles for p in art.paragraphs]


def compare_articles(a: Sequence[Article], b: Sequence[Article], *, ignore: frozenset[str] = frozenset()) -> Comparison:
    return compare(paragraphs(a), paragraphs(b), ignore=ignore)
