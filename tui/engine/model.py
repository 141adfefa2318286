"""The records the core hands out: files, skipped paths, articles, paragraphs.

Plain frozen dataclasses, so the CLI, the UI and the tests share one shape.
Offsets are character offsets into the LF-normalised text; line numbers are
1-based.  For a file in another format (ALTO, hOCR, PAGE, JSON lines, a web
page) the text is the one its reader produced, printed line by printed line:
that text is the file's raw text, and every offset indexes into it.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


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

    @property
    def id(self) -> str:
        return f"{self.file}#{self.index}"

    @property
    def text(self) -> str:
        """Repaired reading text: paragraphs separated by blank lines."""
        return "\n\n".join(p.text for p in self.paragraphs)

    @property
    def chars(self) -> int:
        return sum(len(p.text) for p in self.paragraphs)


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
