"""Make a bookmark from a passage, and find its passage again in the files as they are now.

Re-anchoring tries, in order, and stops at the first that holds:

1. ``position``: the recorded offsets still hold the quote, in the bookmark's
   file (found by its relative path, else by its content hash: a renamed file);
2. ``exact``: the quote occurs in that file, compared after folding full-width
   and half-width forms, curly and straight quotes and line breaks together
   (:func:`anchor_key`, one character for one, so offsets stay valid); among several
   occurrences the one whose prefix, suffix and place fit best wins;
3. ``fuzzy``: the best window found by rapidfuzz in that file, scored
   ``score = 0.6 * quote + 0.15 * prefix + 0.15 * suffix + 0.1 * nearness``
   (each 0..1: the quote's is one minus its edits over the longer of quote
   and window, the context's the Indel similarity of the folded strings,
   nearness falling linearly with distance from the recorded place over the
   file's length);
   accepted when ``score >= FUZZY_ACCEPT`` (0.8) and ``quote >= QUOTE_ACCEPT``
   (0.75).  Three OCR-style substitutions in a 40-character quote score about
   0.92 on the quote;
4. ``variant``: steps 2-3 in the other witnesses of the bookmark's story, from
   the grouping (``via_variant`` is set);
5. ``elsewhere``: the quote occurs exactly in another file of the folder (the
   text moved, or the file was renamed and edited);
6. otherwise the bookmark is orphaned: kept, and tried again next time.

A bookmark belongs to an open folder when it was made in that folder (so an
orphan stays listed there), when its relative path exists in it (even if the
passage is gone: it is listed as orphaned), when its content hash matches a
file (renamed), or when its quote is found in a file (a moved or renamed
folder keeps its bookmarks).

Fuzzy search is bounded: the region around the recorded place is searched
first, then the file cut into overlapping chunks a few times the quote's
length; rapidfuzz aligns the quote in each (its cost is chunk x quote), and
the best windows are refined by at most +-3 characters per edge.  A quote
longer than ``LONG_QUOTE`` would make that quadratic in its length, so it is
found by its head and tail (64-character probes) and scored by eight probes
spread over it: linear in the quote and the file.  Quotes are at most
``MAX_QUOTE`` characters (:mod:`tui.engine.bookmarks.bookmark`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from tui.engine.bookmarks.bookmark import (
    CONTEXT,
    Bookmark,
    folder_key,
    new_id,
    now,
    quote_too_long,
    text_hash,
)
from tui.engine.ingest.load import Corpus
from tui.engine.model import Article, Paragraph, TextFile
from tui.engine.textfold import anchor_table

FUZZY_ACCEPT = 0.8
QUOTE_ACCEPT = 0.75
WEIGHTS = (0.6, 0.15, 0.15, 0.1)  # quote, prefix, suffix, nearness
REFINE = 3  # characters each edge of a fuzzy window may move
MAX_OCCURRENCES = 200  # exact hits scored per file; the rest are passed over
PROBE = 64  # characters in one probe of a long quote
PROBES = 8  # probes spread over a long quote to score a window
LONG_QUOTE = 4 * PROBE  # longer quotes are searched by probes (linear), not whole (quadratic)


_ANCHOR_TABLE = anchor_table()


def anchor_key(text: str) -> str:
    """``text`` with look-alike punctuation and widths made equal; same length, so offsets carry over."""
    return text.translate(_ANCHOR_TABLE)


@dataclass(frozen=True)
class Anchor:
    """Where a bookmark's passage is now: offsets in ``article.raw``."""

    article: Article = field(repr=False)
    start: int
    end: int
    method: str  # position, exact, fuzzy, variant, elsewhere
    score: float

    @property
    def ref(self) -> str:
        return self.article.id

    @property
    def via_variant(self) -> bool:
        return self.method == "variant"


@dataclass(frozen=True)
class Placed:
    """A bookmark of the open folder with its anchor (None: orphaned)."""

    bookmark: Bookmark
    anchor: Anchor | None

    @property
    def orphaned(self) -> bool:
        return self.anchor is None


# making bookmarks ------------------------------------------------------


def make_bookmark(corpus: Corpus, article: Article, start: int, end: int, note: str = "") -> Bookmark:
    """A bookmark on ``article.raw[start:end]`` with its quote context and file hash."""
    tf = corpus.file(article.file)
    if tf is None or not 0 <= start < end <= len(article.raw):
        raise ValueError(f"no passage {start}-{end} in {article.id}")
    if too_long := quote_too_long(end - start):
        raise ValueError(too_long)
    fs, fe = article.start + start, article.start + end
    return Bookmark(
        id=new_id(),
        folder=folder_key(corpus.root),
        file=article.file,
        article=article.id,
        title=article.title,
        article_start=article.start,
        start=start,
        end=end,
        exact=tf.text[fs:fe],
        prefix=tf.text[max(0, fs - CONTEXT) : fs],
        suffix=tf.text[fe : fe + CONTEXT],
        file_hash=text_hash(tf.text),
        created=now(),
        note=note,
    )


def paragraph_span(paragraph: Paragraph) -> tuple[int, int]:
    """The raw-text span of a paragraph as shown (what ``m`` bookmarks without a selection)."""
    return paragraph.raw_start, paragraph.raw_end


def quote_span(article: Article, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` is in the article's raw text: as typed, folded, or inside a repaired paragraph."""
    quote = quote.strip()
    if not quote:
        return None
    for hay, needle in ((article.raw, quote), (anchor_key(article.raw), anchor_key(quote))):
        i = hay.find(needle)
        if i >= 0:
            return i, i + len(needle)
    for p in article.paragraphs:
        i = anchor_key(p.text).find(anchor_key(quote))
        if i >= 0:
            return p.raw_offset(i), p.raw_offset(i + len(quote) - 1) + 1
    return None


def text_spans(article: Article, start: int, end: int) -> list[tuple[int, int, int]]:
    """Where a raw span shows in the reading text: (paragraph index, start, end) per paragraph it covers."""
    out = []
    for n, p in enumerate(article.paragraphs):
        pos = 0
        first = last = None
        for s, e in p.pieces:
            lo, hi = max(s, start), min(e, end)
            if lo < hi:
                first = pos + lo - s if first is None else first
                last = pos + hi - s
            pos += e - s
        if first is not None:
            out.append((n, first, last))
    return out


# scoring ---------------------------------------------------------------


def _similarity(a: str, b: str) -> float:
    if not a:
        return 1.0
    return fuzz.ratio(anchor_key(a), anchor_key(b)) / 100


def _context(text: str, s: int, e: int, b: Bookmark, expected: int) -> tuple[float, float, float]:
    """Prefix, suffix and nearness scores of a window ``text[s:e]``."""
    p = _similarity(b.prefix, text[max(0, s - len(b.prefix)) : s])
    q = _similarity(b.suffix, text[e : e + len(b.suffix)])
    near = 1 - min(1.0, abs(s - expected) / max(len(text), 1))
    return p, q, near


def _score(quote: float, ctx: tuple[float, float, float]) -> float:
    wq, wp, ws, wn = WEIGHTS
    return wq * quote + wp * ctx[0] + ws * ctx[1] + wn * ctx[2]


# searching one stretch of a file ---------------------------------------


def _exact(text: str, folded: str, lo: int, hi: int, b: Bookmark, expected: int) -> tuple[int, int, float] | None:
    needle = anchor_key(b.exact)
    best, i = None, folded.find(needle, lo, hi)
    for _ in range(MAX_OCCURRENCES):
        if i < 0:
            break
        score = _score(1.0, _context(text, i, i + len(needle), b, expected))
        if best is None or score > best[2]:
            best = (i, i + len(needle), score)
        i = folded.find(needle, i + 1, hi)
    return best


def _refine(folded: str, needle: str, s: int, e: int, lo: int, hi: int) -> tuple[int, int, float]:
    """Move each edge of a window by up to REFINE characters to the closest edit distance.

    Levenshtein (a substitution costs one) with ties going to the length
    nearest the quote's: an OCR slip at the quote's edge stays inside it.
    The similarity returned is one minus the edits over the longer of quote
    and window, so a window cut short of its slips does not score higher.
    """
    windows = (
        (max(lo, s + ds), min(hi, e + de)) for ds in range(-REFINE, REFINE + 1) for de in range(-REFINE, REFINE + 1)
    )
    edits, _, (s, e) = min(
        (Levenshtein.distance(needle, folded[s2:e2]), abs(e2 - s2 - len(needle)), (s2, e2))
        for s2, e2 in windows
        if s2 < e2
    )
    return s, e, 1 - edits / max(len(needle), e - s)


def _regions(lo: int, hi: int, n: int, expected: int) -> list[tuple[int, int]]:
    """Where to align a quote of ``n`` characters: around its saved place first, then chunk by chunk.

    rapidfuzz gives the best alignment of each region only, so a near copy of
    the passage elsewhere in a chunk (a repeated heading) would hide the place
    itself; the region around the saved place sees that place on its own.
    Chunks overlap by the quote and its margins, so a quote across a cut is
    still seen whole.
    """
    out = [(max(lo, expected - n - 2 * REFINE), min(hi, expected + 2 * n + 2 * REFINE))]
    chunk = max(8 * n, 2048)
    start = lo
    while start < hi:
        end = min(hi, start + chunk)
        out.append((start, end))
        if end == hi:
            break
        start = end - n - 2 * REFINE
    return [(s, e) for s, e in out if s < e]


def _alignments(needle: str, folded: str, lo: int, hi: int, expected: int) -> Iterator[tuple[int, int]]:
    """The best window for ``needle`` in each of its regions (see _regions) that reaches QUOTE_ACCEPT."""
    for start, end in _regions(lo, hi, len(needle), expected):
        al = fuzz.partial_ratio_alignment(needle, folded[start:end], score_cutoff=QUOTE_ACCEPT * 100)
        if al is not None:
            yield start + al.dest_start, start + al.dest_end


def _fuzzy(text: str, folded: str, lo: int, hi: int, b: Bookmark, expected: int) -> tuple[int, int, float] | None:
    needle = anchor_key(b.exact)
    if len(needle) > LONG_QUOTE:
        return _fuzzy_long(text, folded, lo, hi, b, expected)
    best = None
    for s0, e0 in _alignments(needle, folded, lo, hi, expected):
        s, e, quote = _refine(folded, needle, s0, e0, lo, hi)
        if quote >= QUOTE_ACCEPT:
            score = _score(quote, _context(text, s, e, b, expected))
            if score >= FUZZY_ACCEPT and (best is None or score > best[2]):
                best = (s, e, score)
    return best


def _fuzzy_long(text: str, folded: str, lo: int, hi: int, b: Bookmark, expected: int) -> tuple[int, int, float] | None:
    """A long quote: its head's best places, its tail where the quote's length puts it, then a score by probes.

    Aligning a whole quote costs about its length squared per window (minutes
    for a few thousand characters); aligning a PROBE-character piece costs the
    length searched, so this is linear.  The window runs from the head's start
    to the tail's end, each edge refined as a short quote's is; a quote whose
    head or tail changed past QUOTE_ACCEPT is left to the other steps (the
    variant and elsewhere searches are exact).
    """
    needle = anchor_key(b.exact)
    n = len(needle)
    head, tail = needle[:PROBE], needle[-PROBE:]
    best = None
    for s0, e0 in _alignments(head, folded, lo, hi, expected):
        s = _refine(folded, head, s0, e0, lo, hi)[0]
        t = _tail(tail, folded, s + n, s, hi)
        if t is None:
            continue
        e = _refine(folded, tail, *t, lo, hi)[1]
        quote = _probed(needle, folded, s, e)
        if quote >= QUOTE_ACCEPT:
            score = _score(quote, _context(text, s, e, b, expected))
            if score >= FUZZY_ACCEPT and (best is None or score > best[2]):
                best = (s, e, score)
    return best


def _tail(tail: str, folded: str, end: int, lo: int, hi: int) -> tuple[int, int] | None:
    """The window of ``tail`` nearest ``end``: looked for close by first, then as far as a quarter of the quote."""
    for reach in (PROBE, (end - lo) // 4 + PROBE):  # QUOTE_ACCEPT lets a quarter change, so the length too
        t_lo, t_hi = max(lo, end - len(tail) - reach), min(hi, end + reach)
        al = fuzz.partial_ratio_alignment(tail, folded[t_lo:t_hi], score_cutoff=QUOTE_ACCEPT * 100)
        if al is not None:
            return t_lo + al.dest_start, t_lo + al.dest_end
    return None


def _probed(needle: str, folded: str, s: int, e: int) -> float:
    """How well ``folded[s:e]`` holds ``needle`` (0..1), estimated in linear time.

    PROBES pieces spread over the quote are each looked for near their place
    in the window (scaled to its length); their mean score is weighed by how
    close the window's length is to the quote's.
    """
    n, m = len(needle), e - s
    if m <= 0:
        return 0.0
    reach = PROBE + m // PROBES  # how far a piece may have drifted from its scaled place
    total = 0.0
    for k in range(PROBES):
        o = k * (n - PROBE) // (PROBES - 1)
        at = s + o * m // n
        total += fuzz.partial_ratio(needle[o : o + PROBE], folded[max(s, at - reach) : min(e, at + PROBE + reach)])
    return total / 100 / PROBES * min(n, m) / max(n, m)


# the anchorer ----------------------------------------------------------


def _article_at(tf: TextFile, fs: int, fe: int) -> tuple[Article, int, int] | None:
    for a in tf.articles:
        if a.start <= fs < a.end:
            return a, fs - a.start, min(fe, a.end) - a.start
    return None


class Anchorer:
    """Re-anchors bookmarks against one loaded folder (and its story groups, if known).

    ``groups`` gives the grouping's ``Group`` objects (anything with
    ``witnesses``, each with ``articles``); it is called only when a bookmark
    is not found in its own file, since grouping a large folder costs time.
    Folded file texts are kept, so placing many bookmarks folds each file once.
    """

    def __init__(self, corpus: Corpus, groups: Callable[[], Sequence[Any]] | None = None) -> None:
        self.corpus = corpus
        self._groups_fn = groups
        self._groups: list[Any] | None = None
        self._folded: dict[str, str] = {}
        self._by_hash: dict[str, TextFile] | None = None
        self._longest = max((len(f.text) for f in corpus.files), default=0)
        self._root = folder_key(corpus.root)

    @property
    def groups(self) -> list[Any]:
        if self._groups is None:
            self._groups = list(self._groups_fn()) if self._groups_fn else []
        return self._groups

    def _fold(self, tf: TextFile) -> str:
        if tf.relpath not in self._folded:
            self._folded[tf.relpath] = anchor_key(tf.text)
        return self._folded[tf.relpath]

    def own_files(self, b: Bookmark) -> list[TextFile]:
        """The bookmark's file here: by relative path, then by content hash (a renamed file)."""
        if self._by_hash is None:
            self._by_hash = {text_hash(f.text): f for f in self.corpus.files}
        found = {f.relpath: f for f in (self.corpus.file(b.file), self._by_hash.get(b.file_hash)) if f is not None}
        return list(found.values())

    def _in_file(
        self, tf: TextFile, b: Bookmark, lo: int, hi: int, expected: int
    ) -> tuple[str, int, int, float] | None:
        folded = self._fold(tf)
        hit = _exact(tf.text, folded, lo, hi, b, expected)
        if hit:
            return ("exact", *hit)
        hit = _fuzzy(tf.text, folded, lo, hi, b, expected)
        return ("fuzzy", *hit) if hit else None

    def _make(self, tf: TextFile, method: str, fs: int, fe: int, score: float) -> Anchor | None:
        at = _article_at(tf, fs, fe)
        return Anchor(at[0], at[1], at[2], method, score) if at else None

    def anchor(self, b: Bookmark) -> Anchor | None:
        """Where the bookmark's passage is now, or None (orphaned)."""
        if len(b.exact) * QUOTE_ACCEPT > self._longest:
            return None  # longer than any file here could hold, even changed (a quote imported before the cap)
        expected = b.article_start + b.start
        own = self.own_files(b)
        for tf in own:
            if tf.text[expected : expected + len(b.exact)] == b.exact:
                return self._make(tf, "position", expected, expected + len(b.exact), 1.0)
        for tf in own:
            hit = self._in_file(tf, b, 0, len(tf.text), expected)
            if hit:
                return self._make(tf, *hit)
        return self._in_variant(b, own) or self._elsewhere(b, own)

    def _story_ids(self, b: Bookmark, own: list[TextFile]) -> set[str]:
        """The bookmark's article, and whatever article of its file now stands at its place."""
        expected = b.article_start + b.start
        found = (_article_at(tf, expected, expected + 1) for tf in own)
        return {b.article} | {at[0].id for at in found if at}

    def _in_variant(self, b: Bookmark, own: list[TextFile]) -> Anchor | None:
        """The best match in the other witnesses of the bookmark's story: exact before fuzzy, then by score."""
        ids = self._story_ids(b, own)
        own_paths = {tf.relpath for tf in own} | {b.file}
        best: tuple[tuple[bool, float], TextFile, tuple[str, int, int, float]] | None = None
        for group in self.groups:
            if not any(a.id in ids for w in group.witnesses for a in w.articles):
                continue
            for w in group.witnesses:
                arts = [a for a in w.articles if a.file not in own_paths]
                tf = self.corpus.file(arts[0].file) if arts else None
                if tf is None:
                    continue
                lo, hi = min(a.start for a in arts), max(a.end for a in arts)
                hit = self._in_file(tf, b, lo, hi, lo + b.start)
                if hit and (best is None or (hit[0] == "exact", hit[3]) > best[0]):
                    best = ((hit[0] == "exact", hit[3]), tf, hit)
        return self._make(best[1], "variant", *best[2][1:]) if best else None

    def _elsewhere(self, b: Bookmark, own: list[TextFile]) -> Anchor | None:
        needle = anchor_key(b.exact)
        own_paths = {tf.relpath for tf in own}
        for tf in self.corpus.files:
            if tf.relpath in own_paths:
                continue
            i = self._fold(tf).find(needle)
            if i >= 0:
                return self._make(tf, "elsewhere", i, i + len(needle), 1.0)
        return None

    def belongs(self, b: Bookmark, anchor: Anchor | None) -> bool:
        """Made in this folder; or its file is here (by path, then hash); or its passage is found here."""
        return b.folder == self._root or bool(self.own_files(b)) or anchor is not None

    def iter_place(self, bookmarks: Iterable[Bookmark]) -> Iterator[Placed]:
        """The bookmarks that belong to this folder, each with its anchor, one at a time."""
        for b in bookmarks:
            anchor = self.anchor(b)
            if self.belongs(b, anchor):
                yield Placed(b, anchor)

    def place(self, bookmarks: Iterable[Bookmark]) -> list[Placed]:
        """The bookmarks that belong to this folder, each with its anchor."""
        return list(self.iter_place(bookmarks))


def place(
    bookmarks: Iterable[Bookmark], corpus: Corpus, groups: Callable[[], Sequence[Any]] | None = None
) -> list[Placed]:
    return Anchorer(corpus, groups).place(bookmarks)
