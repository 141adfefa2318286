"""The records the core hands out: files, skipped paths, articles, paragraphs.

Plain frozen dataclasses, so the CLI, the UI and the tests share one shape.
Offsets are character offsets into the LF-normalised text; line numbers are
1-based.  For a file in another format (ALTO, hOCR, PAGE, JSON lines, a web
page) the text is the one its reader produced, printed line by printed line:
that text is the file's raw text, and every offset indexes into it.

Compact: a loaded file's text is held once (``TextFile.text``).  An article
bound to it (:func:`bind`) keeps no text of its own: ``raw`` is sliced from
the file text when read, and its paragraphs are packed as integers
(:func:`pack`) and made again on each read of ``paragraphs``.  A paragraph
made that way rebuilds ``text`` from the file text.  An article or paragraph
that was not bound (made by hand, an excerpt) holds its values as given; both
read and compare the same.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

KINDS = ("title", "kicker", "subtitle", "byline", "meta", "heading", "quoted", "body", "closing", "credit")
_KIND_INDEX = {k: i for i, k in enumerate(KINDS)}
_set = object.__setattr__
_new = object.__new__


class _Held:
    """A dataclass field whose value an instance holds in ``_NAME``, else ``derive(instance)`` gives.

    Installed on the class after :func:`dataclass` made it, so the field keeps
    its place, its ``__init__`` argument and its part in ``==``, ``repr`` and
    ``replace``; setting it (only ``__init__`` does) holds the value given.
    """

    def __init__(self, name: str, derive) -> None:
        self.slot = "_" + name
        self.derive = derive

    def __get__(self, obj, cls=None):
        if obj is None:
            raise AttributeError(self.slot)
        held = getattr(obj, self.slot)
        return self.derive(obj) if held is None else held

    def __set__(self, obj, value) -> None:
        _set(obj, self.slot, value)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph as shown: ``text`` is built from ``pieces`` of the article's raw text.

    ``pieces`` are (start, end) ranges into ``Article.raw``; ``text`` is their
    concatenation, so every character of ``text`` maps back to the raw text
    (markup such as ``# `` or ``**``, the break of a repaired column split and
    a line-end hyphen that reflow dropped are simply not covered by any
    piece).  In a reflowed (``spaced``) paragraph a line break of the pieces
    is shown as a space: the printed lines of one paragraph, joined.
    """

    text: str
    kind: str  # title, kicker, subtitle, byline, meta, heading, quoted, body, closing, credit
    pieces: tuple[tuple[int, int], ...]
    line: int  # file line of the first piece
    spaced: bool = False  # line breaks in the pieces show as spaces (see above)
    _src = None  # when bound: the file text the pieces (from _base, the article's start) index into
    _base = 0

    def rebuilt(self, raw: str) -> str:
        """``text`` rebuilt from the article's raw text: its pieces, line breaks as spaces when ``spaced``."""
        text = "".join(raw[s:e] for s, e in self.pieces)
        return text.replace("\n", " ") if self.spaced else text

    def raw_offset(self, i: int) -> int:
        """Offset in the article's raw text of character ``i`` of ``text`` (``i == len`` allowed)."""
        starts = self._starts()
        if i >= len(self.text):
            return self.pieces[-1][1] if self.pieces else 0
        k = bisect_right(starts, i) - 1
        return self.pieces[k][0] + (i - starts[k])

    def _starts(self) -> list[int]:
        out, pos = [], 0
        for s, e in self.pieces:
            out.append(pos)
            pos += e - s
        return out

    @property
    def raw_start(self) -> int:
        return self.pieces[0][0] if self.pieces else 0

    @property
    def raw_end(self) -> int:
        return self.pieces[-1][1] if self.pieces else 0

    def shown_len(self) -> int:
        """``len(self.text)`` without building the text of a bound paragraph."""
        held = self._text
        return sum(e - s for s, e in self.pieces) if held is None else len(held)

    def _rebuild(self) -> str:
        return _text_of(self._src, self._base, self.pieces, self.spaced)


def _text_of(src: str, base: int, pieces, spaced: bool) -> str:
    """The text of a paragraph made of ``pieces`` of ``src`` from ``base`` (see :class:`Paragraph`)."""
    text = "".join([src[base + s : base + e] for s, e in pieces])
    return text.replace("\n", " ") if spaced else text


Paragraph.text = _Held("text", Paragraph._rebuild)  # type: ignore[assignment]


@dataclass(frozen=True)
class Source:
    """Where a page comes from, as an archive's layout or a record names it (empty when unknown).

    ``witness`` is the short name of the file as a witness in a variant group
    (``sn85058396 1916-04-08 ed-1``; a JSON lines series), used for sigla.
    """

    paper: str = ""  # a paper's id (an LCCN) or a JSON lines series
    date: str = ""  # YYYY-MM-DD
    edition: str = ""  # ed-N
    page: str = ""  # seq-N
    record: str = ""  # a JSON lines record's id
    witness: str = ""

    @property
    def label(self) -> str:
        """Paper, date, edition and page in one line (for lists, headers and citations)."""
        return " ".join(x for x in (self.paper, self.date, self.edition, self.page) if x)


@dataclass(frozen=True)
class Article:
    file: str  # path relative to the folder, with "/" separators
    index: int  # 1-based within the file
    title: str
    untitled: bool
    start: int  # offset of the partition in the file text
    end: int
    start_line: int  # first and last non-blank line (1-based, inclusive)
    end_line: int
    raw: str  # file_text[start:end]; concatenating a file's articles gives the file
    paragraphs: tuple[Paragraph, ...] = field(repr=False)
    source: Source | None = field(default=None, repr=False)
    _src = None  # when bound: the file text; then _packed holds the paragraphs (see bind)
    _packed = None

    @property
    def id(self) -> str:
        return f"{self.file}#{self.index}"

    @property
    def text(self) -> str:
        """Repaired reading text: paragraphs separated by blank lines."""
        if self._packed is not None:  # straight from the integers: no Paragraph made
            src, base = self._src, self.start
            return "\n\n".join(
                [
                    _text_of(src, base, zip(flat[::2], flat[1::2]), spaced)
                    for _, _, spaced, flat in _unpacked(self._packed)
                ]
            )
        return "\n\n".join(p.text for p in self.paragraphs)

    @property
    def chars(self) -> int:
        return sum(p.shown_len() for p in self.paragraphs)

    def _slice(self) -> str:
        return self._src[self.start : self.end]

    def _unpack(self) -> tuple[Paragraph, ...]:
        return unpack(self._packed, self._src, self.start)


Article.raw = _Held("raw", Article._slice)  # type: ignore[assignment]
Article.paragraphs = _Held("paragraphs", Article._unpack)  # type: ignore[assignment]


def pack(paragraphs: tuple[Paragraph, ...]) -> array | None:
    """The paragraphs as integers (kind, line, spaced, number of pieces, the pieces' ends), or None when they
    do not fit: a paragraph whose text is not its pieces' (see :meth:`Paragraph.rebuilt`), an unknown kind."""
    flat: list[int] = []
    for p in paragraphs:
        kind = _KIND_INDEX.get(p.kind)
        if kind is None or (p._text is not None and p._src is None):
            return None
        flat += (kind, p.line, p.spaced, len(p.pieces))
        for piece in p.pieces:
            flat += piece
    try:
        return array("i", flat)
    except OverflowError:
        return None


def unpack(packed: array, src: str, base: int) -> tuple[Paragraph, ...]:
    """The paragraphs :func:`pack` gave, their text read from ``src`` (the file text; the article starts at ``base``)."""
    return tuple(
        bound_paragraph(kind, tuple(zip(flat[::2], flat[1::2])), line, spaced, src, base)
        for kind, line, spaced, flat in _unpacked(packed)
    )


def _unpacked(packed: array) -> Iterator[tuple[str, int, bool, list[int]]]:
    i, n = 0, len(packed)
    while i < n:
        kind, line, spaced, count = packed[i : i + 4]
        end = i + 4 + 2 * count
        yield KINDS[kind], line, bool(spaced), packed[i + 4 : end].tolist()
        i = end


def paragraph_records(a: Article) -> Iterator[tuple[str, int, bool, list[int], str | None]]:
    """(kind, line, spaced, the pieces' ends, text) of each paragraph of ``a``, its text None when it is its
    pieces' (as saved: a bound article's come straight from its integers)."""
    if a._packed is not None:
        for kind, line, spaced, flat in _unpacked(a._packed):
            yield kind, line, spaced, flat, None
        return
    raw = a.raw
    for p in a.paragraphs:
        flat = [x for piece in p.pieces for x in piece]
        yield p.kind, p.line, p.spaced, flat, None if p.text == p.rebuilt(raw) else p.text


def bound_paragraph(kind: str, pieces: tuple, line: int, spaced: bool, src: str, base: int) -> Paragraph:
    """A paragraph whose text is its pieces of ``src`` from ``base``."""
    return _made(Paragraph, _PARAGRAPH_SLOTS, (None, kind, pieces, line, spaced, src, base))


def bound_article(fields: tuple, packed: array, src: str) -> Article:
    """An article bound to ``src`` (its file text): ``fields`` are file, index, title, untitled, start, end,
    start_line, end_line and source; ``packed`` its paragraphs (:func:`pack`)."""
    return _made(Article, _ARTICLE_SLOTS, (*fields[:8], None, None, fields[8], src, packed))


# The attributes of a bound paragraph and article in the order ``__init__`` sets them and then bind(): made
# in that order, every instance shares one key layout (a dict of its own would double its size).
_PARAGRAPH_SLOTS = ("_text", "kind", "pieces", "line", "spaced", "_src", "_base")
_ARTICLE_SLOTS = ("file", "index", "title", "untitled", "start", "end", "start_line", "end_line")
_ARTICLE_SLOTS += ("_raw", "_paragraphs", "source", "_src", "_packed")


def _made(cls: type, names: tuple[str, ...], values: tuple) -> object:
    obj = _new(cls)
    for name, value in zip(names, values):
        _set(obj, name, value)
    return obj


def bind(articles: tuple[Article, ...], text: str) -> None:
    """Make the articles of a file read their text from ``text`` (the file's), dropping the copies they hold.

    An article whose raw text is not its slice of ``text``, or a paragraph
    whose text is not its pieces', keeps what it holds.
    """
    for a in articles:
        if a._src is None and a._raw == text[a.start : a.end]:
            _set(a, "_src", text)
            _set(a, "_raw", None)
        if a._src is None or a._paragraphs is None:
            continue
        held = a._paragraphs
        for p in held:
            if p._src is None and p._text == p.rebuilt(a.raw):
                _set(p, "_src", text)
                _set(p, "_base", a.start)
        packed = pack(held)
        if packed is not None:
            _set(a, "_packed", packed)
            _set(a, "_paragraphs", None)


@dataclass(frozen=True)
class TextFile:
    relpath: str
    path: str
    size: int
    mtime_ns: int
    encoding: str
    text: str
    warning: str | None = None
    articles: tuple[Article, ...] = ()
    format: str = "text"  # text, alto, hocr, page, jsonl, html
    stamp: tuple[int, ...] = ()  # the file's size, times, mode, inode and device when read (scan.stamp_of)


@dataclass(frozen=True)
class Skipped:
    relpath: str
    reason: str
