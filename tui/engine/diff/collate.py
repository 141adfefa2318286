"""Collation of three or more witnesses of one story against a base (CollateX, Juxta).

Every witness is compared with the base (by default the most central one,
:mod:`tui.engine.variants.central`, as grouping names it) with
:func:`tui.engine.diff.compare.compare`;
its changes become edits of the base text.  Overlapping edits of different
witnesses form one variation point, where every witness has a reading (an
omission reads as the empty text).  The consensus takes at each point the
reading most witnesses carry; a reading beats an omission on a tie (OCR and
layout drop far more than they add) and other ties go to the base.

A witness that lacks a whole paragraph of the base (a *lacuna*) reads the
empty text at that paragraph's own points, but is ``absent`` from the points
where the other witnesses differ inside it: it has no say on a character of
a paragraph it does not carry.  A moved paragraph is collated where the base
has it: a move is layout, its text is what counts.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from tui.engine.diff.compare import SEP, Comparison, compare
from tui.engine.variants.central import central


@dataclass(frozen=True)
class Edit:
    """A witness's text in place of base range [start, end)."""

    start: int
    end: int
    text: str
    lacuna: bool = False  # a whole base paragraph the witness lacks


@dataclass(frozen=True)
class Reading:
    text: str
    sigla: tuple[str, ...]


@dataclass(frozen=True)
class Point:
    base: tuple[int, int]  # range in the base text
    readings: tuple[Reading, ...]  # the base's reading first
    lone: str | None  # the one witness standing against all the others, if any
    absent: tuple[str, ...] = ()  # witnesses lacking the whole paragraph around this point


@dataclass(frozen=True)
class Support:
    point: int
    text: str
    sigla: tuple[str, ...]


@dataclass(frozen=True)
class Collation:
    witnesses: tuple[str, ...]
    base: str
    base_text: str
    points: tuple[Point, ...]
    consensus: str
    support: tuple[Support, ...]  # the consensus choice at every point


def collate(
    witnesses: Sequence[tuple[str, Sequence[str]]],
    base: str | None = None,
    *,
    ignore: frozenset[str] = frozenset(),
) -> Collation:
    """Collate ``witnesses`` (siglum, paragraph texts) against ``base`` (default: the most central)."""
    names = [s for s, _ in witnesses]
    if len(set(names)) != len(names) or len(names) < 2:
        raise ValueError("collation needs two or more witnesses with distinct sigla")
    texts = dict(witnesses)
    if base is None:
        base = central(witnesses)
    elif base not in texts:
        raise ValueError(f"no witness {base!r} (witnesses: {', '.join(names)})")
    base_pars = list(texts[base])
    base_text = SEP.join(base_pars)
    edits = {s: edits_of(compare(base_pars, texts[s], ignore=ignore), base_pars) for s in names if s != base}
    lacunae = {s: [(e.start, e.end) for e in own if e.lacuna] for s, own in edits.items()}
    points = tuple(
        _point(base_text, base, names, span, members, lacunae) for span, members in _groups(_split_lacunae(edits))
    )
    support = tuple(_choose(k, p, base) for k, p in enumerate(points))
    return Collation(tuple(names), base, base_text, points, _apply(base_text, points, support), support)


def _starts(pars: Sequence[str]) -> list[int]:
    out, pos = [], 0
    for p in pars:
        out.append(pos)
        pos += len(p) + len(SEP)
    return out


def edits_of(cmp: Comparison, base_pars: Sequence[str]) -> list[Edit]:
    """The comparison's changes as edits of the base text (the ``a`` side it was made against).

    The deleted and inserted paragraphs between two aligned ones make one
    edit; with nothing in their place they take one paragraph separator along.
    """
    starts = _starts(base_pars)
    out: list[Edit] = []
    deleted: list[int] = []
    inserted: list[str] = []
    for row in cmp.rows:
        if row.a is None or row.b is None:
            deleted += range(*row.a) if row.a else []
            inserted += [row.b_text] if row.b else []
            continue
        if deleted or inserted:
            out.append(_gap_edit(base_pars, starts, deleted, inserted, row.a[0]))
            deleted, inserted = [], []
        off = starts[row.a[0]]
        out += [Edit(off + c.a[0], off + c.a[1], row.b_text[c.b[0] : c.b[1]]) for c in row.changes]
    if deleted or inserted:
        out.append(_gap_edit(base_pars, starts, deleted, inserted, len(base_pars)))
    return out


def _gap_edit(base_pars, starts, deleted: list[int], inserted: list[str], before: int) -> Edit:
    """One edit for whole paragraphs deleted (a run of base indices) and inserted before ``before``."""
    n = len(base_pars)
    ends = [s + len(p) for s, p in zip(starts, base_pars)]
    text = SEP.join(inserted)
    if deleted and inserted:
        return Edit(starts[deleted[0]], ends[deleted[-1]], text)
    if deleted:
        i, j = deleted[0], deleted[-1]
        if i:
            return Edit(ends[i - 1], ends[j], "", lacuna=True)
        return Edit(0, starts[j + 1] if j + 1 < n else ends[j], "", lacuna=True)
    if before:
        return Edit(ends[before - 1], ends[before - 1], SEP + text)
    return Edit(0, 0, text + SEP if n else text)


def _split_lacunae(edits: dict[str, list[Edit]]) -> dict[str, list[Edit]]:
    """Cut every lacuna at the edges of the other witnesses' edits inside it (deletions split losslessly)."""
    cuts = {sig: {x for e in own if not e.lacuna for x in (e.start, e.end)} for sig, own in edits.items()}
    out: dict[str, list[Edit]] = {}
    for sig, own in edits.items():
        others = sorted(set().union(*(c for o, c in cuts.items() if o != sig)))
        out[sig] = []
        for e in own:
            if not e.lacuna:
                out[sig].append(e)
                continue
            inner = [x for x in others if e.start < x < e.end]
            bounds = [e.start, *inner, e.end]
            out[sig] += [Edit(s, t, "", lacuna=True) for s, t in itertools.pairwise(bounds)]
    return out


def _joins(span: list[int], e: Edit) -> bool:
    """Whether edit ``e`` (sorted after the group's edits) belongs to the group spanning ``span``.

    Ranges that only touch stay apart; at an insertion point, other insertions
    and ranges starting there join it (a lacuna does not: it has no say there).
    """
    gs, ge = span
    if e.start != ge:
        return e.start < ge
    return gs == ge and (e.start == e.end or not e.lacuna)


def _groups(edits: dict[str, list[Edit]]) -> list[tuple[tuple[int, int], dict[str, list[Edit]]]]:
    """Variation points: overlapping edits of all witnesses, each edit in exactly one point."""
    flat = sorted(((e.start, e.end, sig, e) for sig, own in edits.items() for e in own), key=lambda t: t[:3])
    out: list[tuple[list[int], dict[str, list[Edit]]]] = []
    for s, e, sig, edit in flat:
        if out and _joins(out[-1][0], edit):
            span, members = out[-1]
            span[1] = max(span[1], e)
            members.setdefault(sig, []).append(edit)
        else:
            out.append(([s, e], {sig: [edit]}))
    return [((sp[0], sp[1]), m) for sp, m in out]


def _reading(base_text: str, span: tuple[int, int], edits: Sequence[Edit]) -> str:
    """The base text of ``span`` with the witness's edits (all inside it) applied."""
    parts, pos = [], span[0]
    for e in edits:
        parts += [base_text[pos : e.start], e.text]
        pos = e.end
    parts.append(base_text[pos : span[1]])
    return "".join(parts)


def _inside(span: tuple[int, int], lacuna: tuple[int, int]) -> bool:
    s, e = span
    return lacuna[0] <= s and e <= lacuna[1] and (s < e or lacuna[0] < s < lacuna[1])


def _point(base_text, base, names, span, members: dict[str, list[Edit]], lacunae) -> Point:
    """The readings at one point; a witness whose lacuna holds a point where others vary is absent."""
    varied = {s for s, own in members.items() if any(not e.lacuna for e in own)}
    absent = tuple(
        s for s in names if s != base and varied - {s} and any(_inside(span, lac) for lac in lacunae.get(s, ()))
    )
    by_text: dict[str, list[str]] = {base_text[span[0] : span[1]]: [base]}
    for s in names:
        if s != base and s not in absent:
            by_text.setdefault(_reading(base_text, span, members.get(s, [])), []).append(s)
    readings = tuple(Reading(t, tuple(g)) for t, g in by_text.items())
    lone = None
    if len(names) - len(absent) >= 3 and len(readings) == 2:
        single = [r for r in readings if len(r.sigla) == 1]
        lone = single[0].sigla[0] if len(single) == 1 else None
    return Point(span, readings, lone, absent)


def _choose(k: int, point: Point, base: str) -> Support:
    """Most witnesses; on a tie a reading beats an omission, then the base wins."""

    def rank(r: Reading) -> tuple[int, bool, bool]:
        return len(r.sigla), r.text != "", base in r.sigla

    best = max(point.readings, key=rank)
    return Support(k, best.text, best.sigla)


def _apply(base_text: str, points: Sequence[Point], support: Sequence[Support]) -> str:
    parts, pos = [], 0
    for p, sup in zip(points, support):
        parts += [base_text[pos : p.base[0]], sup.text]
        pos = p.base[1]
    parts.append(base_text[pos:])
    return "".join(parts)
