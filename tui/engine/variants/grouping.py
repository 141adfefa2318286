"""Which articles are variants of one story, and how close each copy is to the base.

The pipeline, one step per function:

1. :func:`prepare`: each article's normalised text and sampled 5-gram shingles
   (:mod:`.shingles`).
2. :func:`candidate_pairs`: an inverted index over the shingles; shingles found
   in more than ``max_df`` articles (mastheads, boilerplate) are dropped, and a
   pair of articles from two files is a candidate when it shares enough of the
   smaller side's shingles.
3. :func:`verify`: every candidate is aligned (:mod:`.overlap`), and kept when
   the aligned text is at least ``MIN_ALIGNED`` characters and covers at least
   half of the shorter side (containment: an abridged reprint or one half of a
   jump-page story counts).  A short one-paragraph item must also cover half of
   the longer side, so it groups only with another copy of itself.
4. Union-find over the verified pairs; groups holding two or more files.
5. :func:`build_group`: witnesses (a file's articles in the group, in file
   order), the base witness (highest mean similarity to the others) and each
   member's ``similarity`` and ``coverage``.

:func:`.groupcache.find_groups` runs it on a folder, and saves the result.
All lengths and scores are counted in normalised characters.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain

from tui.engine.model import Article, Paragraph
from tui.engine.variants.central import most_central, similarities
from tui.engine.variants.overlap import aligned_chars, alignment, covered
from tui.engine.variants.shingles import grouping_key, shingles
from tui.engine.variants.sigla import sigla

MIN_ALIGNED = 100
MIN_CONTAINMENT = 0.5
CANDIDATE_SHARE = 0.25  # of the smaller side's sampled shingles, before alignment
MIN_SHARED = 3
RARE_QUANTILE = 0.7
MAX_DF = 64
SHORT_ITEM = 300  # a one-paragraph item shorter than this must be a copy, not a quotation
HEAD_KINDS = frozenset({"title", "kicker", "subtitle", "byline", "meta", "credit"})
SENTENCE_ENDS = tuple("。！？!?…")
CLOSERS = "”’」』)）]】 "

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Member:
    article_id: str
    file: str
    title: str
    siglum: str
    similarity: float  # of this member's witness to the base witness (1.0 for the base)
    coverage: float  # share of the article's own characters aligned with the base (base: with any other)


@dataclass(frozen=True)
class Witness:
    siglum: str
    file: str
    articles: tuple[Article, ...]


@dataclass(frozen=True)
class Group:
    id: str
    base: str  # siglum of the base witness
    members: tuple[Member, ...]
    witnesses: tuple[Witness, ...]


@dataclass(frozen=True)
class Item:
    """One article as the grouping sees it."""

    article: Article
    norm: str
    grams: frozenset[int]
    text_paragraphs: int  # paragraphs of body text ending a sentence


def is_text_paragraph(p: Paragraph) -> bool:
    """Body text that ends a sentence (a headline too long to be classed as one does not)."""
    return p.kind not in HEAD_KINDS and p.text.rstrip(CLOSERS).endswith(SENTENCE_ENDS)


def prepare(articles: Sequence[Article], progress: Progress | None = None) -> list[Item]:
    items = []
    for n, a in enumerate(articles, 1):
        norm = grouping_key(a.text)
        grams = shingles(norm) if len(norm) >= MIN_ALIGNED else frozenset()
        items.append(Item(a, norm, grams, sum(map(is_text_paragraph, a.paragraphs))))
        if progress and (n % 256 == 0 or n == len(articles)):
            progress(n, len(articles))
    return items


def shingle_index(items: Sequence[Item]) -> tuple[Counter, dict[int, list[int]]]:
    """Document frequency of every shingle, and the items holding each shared one."""
    df: Counter = Counter()
    for it in items:  # one short C call per article: a single call over all would hold the GIL for 0.25 s
        df.update(it.grams)
    shared = {h for h, n in df.items() if n > 1}
    index: dict[int, list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        for h in it.grams & shared:
            index[h].append(i)
    return df, index


def candidate_pairs(items: Sequence[Item], max_df: int = MAX_DF) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, of articles in different files sharing enough shingles.

    Each article looks only at its rarer shingles: those found in no more
    articles than its ``RARE_QUANTILE`` shingle (and in at most ``max_df``).
    A copy's own text is rare (found in as many articles as there are
    copies), so it is looked at, while the sentences that many articles share
    cost nothing for an article whose own text is unique.  A pair is a
    candidate when the partner holds at least ``CANDIDATE_SHARE`` of those
    rarer shingles, seen from either side.
    """
    df, index = shingle_index(items)
    out: set[tuple[int, int]] = set()
    for i, it in enumerate(items):
        if not it.grams:
            continue
        dfs = sorted(map(df.__getitem__, it.grams))
        cut = min(dfs[int(len(dfs) * RARE_QUANTILE)], max_df)
        if cut < 2:
            continue
        rare = [index[h] for h in it.grams & index.keys() if df[h] <= cut]
        need = max(MIN_SHARED, CANDIDATE_SHARE * sum(d <= cut for d in dfs))
        for j, n in Counter(chain.from_iterable(rare)).items():
            if n >= need and items[j].article.file != it.article.file:
                out.add((i, j) if i < j else (j, i))
    return sorted(out)


def is_variant(a: Item, b: Item, aligned: int) -> bool:
    """The containment rule of the module docstring."""
    short, long_ = sorted((a, b), key=lambda it: len(it.norm))
    if aligned < MIN_ALIGNED or aligned < MIN_CONTAINMENT * len(short.norm):
        return False
    if short.text_paragraphs <= 1 and len(short.norm) < SHORT_ITEM:
        return aligned >= MIN_CONTAINMENT * len(long_.norm)
    return True


def verify(a: Item, b: Item) -> bool:
    return is_variant(a, b, aligned_chars(alignment(a.norm, b.norm), len(a.norm), len(b.norm)))


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

    def components(self) -> list[list[int]]:
        comp: dict[int, list[int]] = defaultdict(list)
        for x in range(len(self.parent)):
            comp[self.find(x)].append(x)
        return [c for c in comp.values() if len(c) > 1]


def variant_components(
    items: Sequence[Item], progress: Progress | None = None, max_df: int = MAX_DF
) -> list[list[int]]:
    """Indices of the items of each verified component, in corpus order."""
    pairs = candidate_pairs(items, max_df)
    uf = UnionFind(len(items))
    for n, (i, j) in enumerate(pairs, 1):
        if uf.find(i) != uf.find(j) and verify(items[i], items[j]):
            uf.union(i, j)
        if progress and (n % 64 == 0 or n == len(pairs)):
            progress(n, len(pairs))
    return [c for c in uf.components() if len({items[i].article.file for i in c}) > 1]


@dataclass(frozen=True)
class Scores:
    """What :func:`score_witnesses` measures, keyed by article id and file."""

    base: str  # file of the base witness
    similarity: dict[str, float]  # file -> similarity of its witness to the base
    coverage: dict[str, float]  # article id -> share of its characters aligned


def _concat(members: Sequence[Item]) -> tuple[str, list[tuple[int, int]]]:
    spans, pos = [], 0
    for it in members:
        spans.append((pos, pos + len(it.norm)))
        pos += len(it.norm)
    return "".join(it.norm for it in members), spans


def score_witnesses(witnesses: dict[str, list[Item]]) -> Scores:
    """Similarity of every pair of witnesses; the most central is the base (:mod:`.central`)."""
    files = list(witnesses)
    texts = {f: _concat(witnesses[f]) for f in files}
    sim, blocks = similarities({f: text for f, (text, _) in texts.items()})
    for (f, g), bl in list(blocks.items()):
        blocks[g, f] = [(bj, ai, size) for ai, bj, size in bl]
    base = most_central(files, sim)
    coverage: dict[str, float] = {}
    for f in files:
        text, spans = texts[f]
        others = [g for g in files if g != f] if f == base else [base]
        mask = covered([b for g in others for b in blocks[f, g]], len(text))
        for it, (s, e) in zip(witnesses[f], spans):
            coverage[it.article.id] = (sum(mask[s:e]) / (e - s)) if e > s else 0.0
    similarity = {f: 1.0 if f == base else sim[f, base] for f in files}
    return Scores(base, similarity, coverage)


def build_group(gid: str, members: Sequence[Item]) -> Group:
    witnesses: dict[str, list[Item]] = defaultdict(list)
    for it in members:
        witnesses[it.article.file].append(it)
    scores = score_witnesses(witnesses)
    names = dict(zip(witnesses, sigla(list(witnesses), [its[0].article.source for its in witnesses.values()])))
    return Group(
        id=gid,
        base=names[scores.base],
        members=tuple(
            Member(
                article_id=it.article.id,
                file=it.article.file,
                title=it.article.title,
                siglum=names[it.article.file],
                similarity=round(scores.similarity[it.article.file], 4),
                coverage=round(scores.coverage[it.article.id], 4),
            )
            for it in members
        ),
        witnesses=tuple(Witness(names[f], f, tuple(it.article for it in its)) for f, its in witnesses.items()),
    )


def group_items(items: Sequence[Item], progress: Progress | None = None, max_df: int = MAX_DF) -> list[Group]:
    comps = variant_components(items, progress, max_df)
    return [build_group(f"g{n}", [items[i] for i in comp]) for n, comp in enumerate(sorted(comps), 1)]
