"""Stories from links between spans of articles: which spans of one article are one passage, and the groups.

Every verified pair of articles (:mod:`.grouping`) gives one or more
*links*, each joining a span of one article to a span of the other (offsets
in normalised characters): for a whole story, the stretch its alignment
covers on each side; for a shared passage, the two copies of the passage.
Each end of a link is a *node*.  Groups are the connected components of the
nodes, where the two ends of a link are connected, and two nodes of one
article are connected when

- they are the same region: they overlap by at least ``SAME`` of the shorter
  span and the longer is at most ``MAX_RATIO`` times as long (an abridged
  copy within the whole story, not a report within a page), or, when either
  is composite (below), they overlap by ``SAME_COMPOSITE`` of their union
  (two links covering the same two stories); or
- they continue each other: their partners are consecutive articles of one
  file (a story the layout split in two, each half found in one copy that
  carries it whole).

A span is *composite* when it holds two spans of other links (each at least
``MIN_PART`` characters long, a passage, and at least ``SAME`` inside it) that lie apart (overlapping by at most ``SLACK``
characters) and are not the parts of one story split over consecutive
articles of one file: a mis-segmented article carrying two stories, or two
parts of a story that some copies carry apart, or the pair of editions of
such an article, do not weld what the papers carry apart into one group;
each part is a group of its own, and so is the span carrying both.

A member of a group is an article and the hull of its nodes in the group;
an article can be a member of several groups, one for each story it holds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from tui.engine.variants.passages import MIN_PASSAGE

SAME = 0.5
SAME_COMPOSITE = 0.8
SLACK = 100
MAX_RATIO = 4
MIN_PART = MIN_PASSAGE  # a span shorter than a passage is no story of its own

Span = tuple[int, int]


@dataclass(frozen=True)
class Link:
    a: int  # item indices, a < b
    b: int
    span_a: Span
    span_b: Span


class UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, x: int, y: int) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[max(rx, ry)] = min(rx, ry)


@dataclass(frozen=True)
class Node:
    item: int
    span: Span
    partner: int  # the item at the link's other end


def _overlap(p: Span, q: Span) -> int:
    return min(p[1], q[1]) - max(p[0], q[0])


def _inside(q: Span, w: Span) -> bool:
    """At least ``SAME`` of ``q`` lies in ``w``."""
    return _overlap(q, w) >= SAME * (q[1] - q[0])


def composite(spans: Sequence[Span], partners: Sequence[tuple[int, int]]) -> list[bool]:
    """Which of one article's spans hold two passages that are not one story.

    ``partners`` gives each span's partner as (run, article number), a run
    being a stretch of consecutive articles of one file: two spans that lie
    apart are one story only when their partners are different articles of
    one run (the parts of a story split over articles).
    """
    parts = [q for q in spans if q[1] - q[0] >= MIN_PART]
    if not parts or min(q[1] for q in parts) > max(q[0] for q in parts) + SLACK:
        return [False] * len(spans)  # no part starts after another ends: none lie apart (one story in many papers)
    out = []
    for w in spans:
        inside = sorted(
            (q, partners[k]) for k, q in enumerate(spans) if q is not w and q[1] - q[0] >= MIN_PART and _inside(q, w)
        )
        out.append(_two_stories(inside))
    return out


def _two_stories(inside: list[tuple[Span, tuple[int, int]]]) -> bool:
    """A sweep in order of start: does a span start after another ended (give or take ``SLACK``)
    without the two being parts of one run?"""
    ending = sorted(range(len(inside)), key=lambda k: inside[k][0][1])
    done = 0
    in_run: dict[int, int] = defaultdict(int)
    at: dict[tuple[int, int], int] = defaultdict(int)
    for span, (run, n) in inside:
        while done < len(ending) and inside[ending[done]][0][1] <= span[0] + SLACK:
            other = inside[ending[done]][1]
            in_run[other[0]] += 1
            at[other] += 1
            done += 1
        if done - in_run[run] + at[run, n] > 0:
            return True
    return False


def _same_region(p: Span, q: Span, composite_p: bool, composite_q: bool) -> bool:
    ov = _overlap(p, q)
    if ov <= 0:
        return False
    union = max(p[1], q[1]) - min(p[0], q[0])
    if composite_p or composite_q:
        return ov >= SAME_COMPOSITE * union
    short, long_ = sorted((p[1] - p[0], q[1] - q[0]))
    return ov >= SAME * short and long_ <= MAX_RATIO * short


def components(links: Sequence[Link], files: Sequence[str], index: Sequence[int]) -> list[dict[int, Span]]:
    """The groups: for each, item -> hull of its spans; ``files``/``index`` give each item's file and article number."""
    nodes: list[Node] = []
    for link in links:
        nodes += [Node(link.a, link.span_a, link.b), Node(link.b, link.span_b, link.a)]
    uf = UnionFind(len(nodes))
    for k in range(0, len(nodes), 2):
        uf.union(k, k + 1)
    by_item: dict[int, list[int]] = defaultdict(list)
    for k, node in enumerate(nodes):
        by_item[node.item].append(k)
    for ks in by_item.values():
        _join_within(ks, nodes, uf, files, index)
    comps: dict[int, dict[int, Span]] = defaultdict(dict)
    for k, node in enumerate(nodes):
        members = comps[uf.find(k)]
        s, e = members.get(node.item, node.span)
        members[node.item] = (min(s, node.span[0]), max(e, node.span[1]))
    return list(comps.values())


def _join_within(ks: list[int], nodes: list[Node], uf: UnionFind, files: Sequence[str], index: Sequence[int]) -> None:
    """Connect the nodes of one article that are one region or continue each other."""
    ks = sorted(ks, key=lambda k: nodes[k].span)
    spans = [nodes[k].span for k in ks]
    partners = [(files[nodes[k].partner], index[nodes[k].partner]) for k in ks]
    runs = _runs(partners)
    mixed = composite(spans, [(runs[p], p[1]) for p in partners])
    for x in range(len(ks)):
        for y in range(x + 1, len(ks)):
            if spans[y][0] >= spans[x][1]:
                break
            if uf.find(ks[x]) != uf.find(ks[y]) and _same_region(spans[x], spans[y], mixed[x], mixed[y]):
                uf.union(ks[x], ks[y])
    first: dict[tuple[str, int], int] = {}
    for k, p in zip(ks, partners):
        first.setdefault(p, k)
    for (f, i), k in first.items():
        if (f, i + 1) in first:
            uf.union(k, first[f, i + 1])


def _runs(partners: Sequence[tuple[str, int]]) -> dict[tuple[str, int], int]:
    """A number for every stretch of consecutive articles of one file among ``partners``."""
    out: dict[tuple[str, int], int] = {}
    for f, i in sorted(set(partners)):
        out[f, i] = out.get((f, i - 1), len(out))
    return out
