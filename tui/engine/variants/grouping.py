"""Which articles, or passages of articles, are variants of one story, and how close each copy is to the base.

The pipeline, one step per function:

1. :func:`prepare`: each article's normalised text (:func:`.shingles.match_key`)
   and its sampled shingles (:mod:`.shingles`).
2. :func:`candidate_pairs`: an inverted index over the shingles, as flat
   integer arrays (:mod:`.postings`); shingles found in more than ``max_df``
   articles that are boilerplate (mastheads, standing lines: the articles
   carrying them share little else) are dropped, those of a story carried by
   many papers kept.  A pair of articles from two files is a *story* candidate when it shares
   enough of the smaller side's rarer shingles, and a *passage* candidate when
   it shares at least ``passages.MIN_SEEDS`` shingles at all.
3. :func:`find_links`: a story candidate is aligned whole (:mod:`.overlap`)
   and kept when the aligned text is at least ``MIN_ALIGNED`` characters and
   covers at least half of the shorter side (containment: an abridged reprint
   or one half of a jump-page story counts; a short one-paragraph item must
   also cover half of the longer side).  Every other candidate, and a story
   candidate that fails, is searched for shared passages of at least
   ``passages.MIN_PASSAGE`` characters (:mod:`.passages`: local alignment).
   Each kept pair links a span of one article to a span of the other.
4. :func:`.clusters.components`: the links' spans made into groups (spans of
   one article that are one region join; a mis-segmented article holding two
   stories does not weld them); groups holding two or more files.
5. :func:`build_group`: each member is an article, or the passage of it the
   group shares (with some context); witnesses (a file's members in the
   group, in file order), the base witness and each member's ``similarity``
   and ``coverage``.

:func:`.groupcache.find_groups` runs it on a folder, and saves the result.
All lengths and scores are counted in normalised characters.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tui.engine.excerpt import excerpt
from tui.engine.model import Article, Paragraph
from tui.engine.variants import passages
from tui.engine.variants.clusters import Link, UnionFind, components
from tui.engine.variants.overlap import aligned_chars, alignment
from tui.engine.variants.scores import Scores, score_witnesses
from tui.engine.variants.shingles import first_positions, match_key, match_keys, shingle_hashes
from tui.engine.variants.sigla import sigla
from tui.engine.variants.spans import CONTEXT, KeyOffsets, text_span

MIN_ALIGNED = 100
MIN_CONTAINMENT = 0.5
CANDIDATE_SHARE = 0.25  # of the smaller side's sampled shingles, before alignment
MIN_SHARED = 3
RARE_QUANTILE = 0.7
MAX_DF = 64  # above this, a shingle is judged boilerplate or story (:mod:`.postings`)
SHORT_ITEM = 300  # a one-paragraph item shorter than this must be a copy, not a quotation
WHOLE = 0.8  # a span covering this share of its article stands for all of it
MOSTLY = 2 / 3  # a member whose stretch covers this share of its article is the whole article
KEEP = 0.7  # share of the shorter of a witness and the base they must share, in a group of three or more
ROUNDS = 3
CHUNK = 256  # articles keyed at once (:func:`.shingles.match_keys`), a few ms: the GIL is free between chunks
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
    coverage: float  # share of the member's own characters aligned with the base (base: with any other)
    span: tuple[int, int] | None = None  # the passage, as offsets into the article's text; None: the whole article


@dataclass(frozen=True)
class Witness:
    siglum: str
    file: str
    articles: tuple[Article, ...]  # a passage member's article is cut to its passage (:func:`.excerpt.excerpt`)


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
    grams: bytes  # the distinct hashes of its sampled shingles, packed (:func:`.shingles.shingle_hashes`)
    text_paragraphs: int  # paragraphs of body text ending a sentence


def is_text_paragraph(p: Paragraph) -> bool:
    """Body text that ends a sentence (a headline too long to be classed as one does not)."""
    return p.kind not in HEAD_KINDS and p.text.rstrip(CLOSERS).endswith(SENTENCE_ENDS)


def prepare(articles: Sequence[Article], progress: Progress | None = None) -> list[Item]:
    items: list[Item] = []
    for start in range(0, len(articles), CHUNK):
        chunk = articles[start : start + CHUNK]
        for a, norm in zip(chunk, match_keys([a.text for a in chunk])):
            grams = shingle_hashes(norm) if len(norm) >= MIN_ALIGNED else b""
            items.append(Item(a, norm, grams, sum(map(is_text_paragraph, a.paragraphs))))
        if progress:
            progress(len(items), len(articles))
    return items


@dataclass(frozen=True)
class Candidates:
    stories: set[tuple[int, int]]  # pairs (i, j), i < j, sharing enough of their rarer shingles
    passages: set[tuple[int, int]]  # pairs sharing enough shingles for a passage
    common: frozenset[int]  # boilerplate shingles (found in more than max_df articles that share little else)

    def pairs(self) -> list[tuple[int, int]]:
        return sorted(self.stories | self.passages)


def candidate_pairs(items: Sequence[Item], max_df: int = MAX_DF) -> Candidates:
    """Pairs of articles in different files worth aligning, from the inverted index.

    Story candidates: each article looks only at its rarer shingles, those
    found in no more articles than its ``RARE_QUANTILE`` shingle (and not
    boilerplate).  A copy's own text is rare (found in as many articles
    as there are copies), so it is looked at, while the sentences that many
    articles share cost nothing for an article whose own text is unique.  A
    pair is a candidate when the partner holds at least ``CANDIDATE_SHARE``
    of those rarer shingles, seen from either side.

    Passage candidates: articles of at least ``passages.MIN_PASSAGE``
    characters sharing ``passages.MIN_SEEDS`` or more shingles that are not
    boilerplate, however much else either holds.
    """
    from tui.engine.variants import postings  # numpy: loaded when grouping runs, not when the reader starts

    files: dict[str, int] = {}
    found = postings.candidates(
        [it.grams for it in items],
        [files.setdefault(it.article.file, len(files)) for it in items],
        [len(it.norm) >= passages.MIN_PASSAGE for it in items],
        max_df,
        (RARE_QUANTILE, MIN_SHARED, CANDIDATE_SHARE, passages.MIN_SEEDS),
    )
    return Candidates(found.stories, found.passages, found.common)


def is_variant(a: Item, b: Item, aligned: int) -> bool:
    """The containment rule of the module docstring."""
    short, long_ = sorted((a, b), key=lambda it: len(it.norm))
    if aligned < MIN_ALIGNED or aligned < MIN_CONTAINMENT * len(short.norm):
        return False
    if short.text_paragraphs <= 1 and len(short.norm) < SHORT_ITEM:
        return aligned >= MIN_CONTAINMENT * len(long_.norm)
    return True


def story_links(a: Item, b: Item, i: int, j: int) -> list[Link]:
    """The links of a pair that passes :func:`is_variant`, or none.

    One link between the stretches the alignment covers; or, where it
    falls into two or more separate passages (two editions of a page that
    differ by a story in the middle), one link a passage, so each story
    pairs with its own copy.
    """
    blocks = alignment(a.norm, b.norm)
    if not is_variant(a, b, aligned_chars(blocks, len(a.norm), len(b.norm))):
        return []
    apart = [p for p in passages.joined(passages.pieces(blocks)) if p[4] >= passages.MIN_PASSAGE]
    if len(apart) > 1:
        return [Link(i, j, (p[0], p[1]), (p[2], p[3])) for p in apart]
    where = passages.extent(blocks)
    return [] if where is None else [Link(i, j, (where[0], where[1]), (where[2], where[3]))]


def _whole(span: tuple[int, int], it: Item) -> bool:
    return span[1] - span[0] >= WHOLE * len(it.norm)


def find_links(items: Sequence[Item], progress: Progress | None = None, max_df: int = MAX_DF) -> list[Link]:
    """Every candidate verified (:func:`story_links`, else :func:`.passages.shared_passages`), in pair order.

    A pair already joined by links that each cover (nearly) the whole of
    both their articles is not aligned again: it would add nothing.
    """
    cands = candidate_pairs(items, max_df)
    pairs = cands.pairs()
    whole = UnionFind(len(items))
    positions: dict[int, dict[int, int]] = {}

    def pos(i: int) -> dict[int, int]:
        if i not in positions:
            positions[i] = first_positions(items[i].norm)
        return positions[i]

    links: list[Link] = []
    for n, (i, j) in enumerate(pairs, 1):
        a, b = items[i], items[j]
        if whole.find(i) != whole.find(j):
            found = story_links(a, b, i, j) if (i, j) in cands.stories else []
            if found:
                links += found
                if len(found) == 1 and _whole(found[0].span_a, a) and _whole(found[0].span_b, b):
                    whole.union(i, j)
            elif min(len(a.norm), len(b.norm)) >= passages.MIN_PASSAGE:
                for p in passages.shared_passages(a.norm, b.norm, pos(i), pos(j), cands.common):
                    links.append(Link(i, j, (p[0], p[1]), (p[2], p[3])))
        if progress and (n % 64 == 0 or n == len(pairs)):
            progress(n, len(pairs))
    return links


def variant_components(
    items: Sequence[Item], progress: Progress | None = None, max_df: int = MAX_DF
) -> list[dict[int, tuple[int, int]]]:
    """The groups as item -> normalised span, those spanning two or more files, in corpus order."""
    links = find_links(items, progress, max_df)
    comps = components(links, [it.article.file for it in items], [it.article.index for it in items])
    comps = [c for c in comps if len({items[i].article.file for i in c}) > 1]
    return sorted(({i: c[i] for i in sorted(c)} for c in comps), key=list)


def member_article(
    it: Item, span: tuple[int, int], offsets: Callable[[], KeyOffsets]
) -> tuple[Article, tuple[int, int] | None]:
    """The article a member shows: the whole of it, or (when ``span``, normalised, covers less than
    ``MOSTLY`` of it) that passage in whole sentences.

    ``offsets`` gives the article's :class:`.spans.KeyOffsets` (made once an article, however many passages).
    """
    if span[1] - span[0] >= MOSTLY * len(it.norm) or (span[0] <= CONTEXT and span[1] >= len(it.norm) - CONTEXT):
        return it.article, None  # most of it, or all but a headline (:func:`.spans.text_span`): the article
    shown = text_span(it.article, span[0], span[1], offsets())
    return (it.article, None) if shown is None else (excerpt(it.article, *shown), shown)


Shown = list[tuple[int, Item, Article, tuple[int, int] | None]]  # members: item index, item, what it shows, span


def scored(shown: Shown) -> Scores:
    witnesses: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for place, (_, it, article, cut) in enumerate(shown):
        witnesses[it.article.file].append((place, it.norm if cut is None else match_key(article.text)))
    return score_witnesses(witnesses)


def settle(shown: Shown) -> list[tuple[Shown, Scores]]:
    """A component split until, in a group of three or more witnesses, each shares with the base
    ``KEEP`` of the shorter of the two; the witnesses left out try again among themselves (``ROUNDS`` times)."""
    out = []
    for _ in range(ROUNDS):
        if len({m[1].article.file for m in shown}) < 2:
            break
        scores = scored(shown)
        base = scores.length[scores.base]
        keep = {f for f, n in scores.shared.items() if n >= KEEP * min(scores.length[f], base)}
        if len(scores.length) < 3 or len(keep) == len(scores.length):
            out.append((shown, scores))
            break
        kept = [m for m in shown if m[1].article.file in keep]
        if len(keep) > 1:
            out.append((kept, scored(kept)))
        shown = [m for m in shown if m[1].article.file not in keep]
    return out


def build_group(gid: str, shown: Shown, scores: Scores) -> Group:
    """A group from its members (in corpus order) and their scores."""
    first: dict[str, Article] = {}
    for _, it, _, _ in shown:
        first.setdefault(it.article.file, it.article)
    names = dict(zip(first, sigla(list(first), [a.source for a in first.values()])))
    witnesses: dict[str, list[Article]] = defaultdict(list)
    for _, it, article, _ in shown:
        witnesses[it.article.file].append(article)
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
                coverage=round(scores.coverage[place], 4),
                span=cut,
            )
            for place, (_, it, _, cut) in enumerate(shown)
        ),
        witnesses=tuple(Witness(names[f], f, tuple(arts)) for f, arts in witnesses.items()),
    )


def whole_articles_group(gid: str, articles: Sequence[Article]) -> Group:
    """A group of whole articles named from outside (passim's clusters), scored as grouping scores its own."""
    shown: Shown = [(k, it, it.article, None) for k, it in enumerate(prepare(articles))]
    return build_group(gid, shown, scored(shown))


def group_items(items: Sequence[Item], progress: Progress | None = None, max_df: int = MAX_DF) -> list[Group]:
    """The groups of :func:`variant_components`, each settled (:func:`settle`), in corpus order."""
    offsets: dict[int, KeyOffsets] = {}

    def offsets_of(i: int) -> Callable[[], KeyOffsets]:
        def made() -> KeyOffsets:
            if i not in offsets:
                offsets[i] = KeyOffsets(items[i].article.text, len(items[i].norm))
            return offsets[i]

        return made

    settled = []
    for comp in variant_components(items, progress, max_df):
        settled += settle([(i, items[i], *member_article(items[i], span, offsets_of(i))) for i, span in comp.items()])
    settled.sort(key=lambda group: [m[0] for m in group[0]])
    return [build_group(f"g{n}", shown, scores) for n, (shown, scores) in enumerate(settled, 1)]
