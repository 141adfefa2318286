"""Split a page into articles: a partition of its lines.

The rule (README, "How pages are split"):

* A story *closes* at a closing dateline, a photo credit, a byline standing
  after body text (a caption's credit), or before a run of 3+ blank lines.
* After a close, the next line starts an article, whatever it is.
* Inside an open story a heading-like line is a section heading, except when
  - the story was opened by a dateline (a wire item carries no sections), or
  - the heading carries an article's furniture below it: after at most three
    more head lines (subtitle, kicker, metadata), a byline, an opening dateline
    or a continuation mark (``(接1版)``) follows — a jump headline mid-page.
* A paragraph starting with a continuation mark (``(上接第一版)``) after body
  text starts an untitled fragment.

Every line belongs to exactly one article; blank lines belong to the article
above and lines before the first article to the first, so concatenating the
articles' ``raw`` gives the text back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tui.engine.ingest import english, reflow
from tui.engine.ingest.formats import HEADING
from tui.engine.ingest.lexicon import Lexicon, current
from tui.engine.ingest.lines import (
    Kind,
    classify,
    is_continuation,
    is_open_dateline,
    markup_prefix,
    strip_continuation,
)
from tui.engine.ingest.paragraphs import build_paragraphs, repair
from tui.engine.model import Article, Paragraph

HEAD_KINDS = (Kind.HEADING, Kind.KICKER, Kind.SUBTITLE, Kind.BYLINE, Kind.METADATA, Kind.CONTINUATION)
CLOSE_BLANKS = 3
UNTITLED_CHARS = 24


@dataclass
class _Story:
    has_body: bool = False
    dateline_opened: bool = False
    closed: bool = False


def split_lines(text: str) -> tuple[list[str], list[int]]:
    """Lines of ``text`` and the offset where each starts (a final newline opens no line)."""
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    return lines, starts


def blank_separated(lines: list[str]) -> bool:
    """True when paragraphs are separated by blank lines (most blocks are one line)."""
    content = sum(1 for ln in lines if ln.strip())
    blocks = sum(1 for i, ln in enumerate(lines) if ln.strip() and (i == 0 or not lines[i - 1].strip()))
    return content > 0 and blocks * 2 >= content and any(not ln.strip() for ln in lines)


def line_kinds(lines: list[str], sep: bool, cues: Mapping[int, str] | None = None) -> list[Kind]:
    """Kind of every line; ``sep``: the page separates paragraphs by blank lines.

    ``cues`` are what a layout format knows of a line (:mod:`.formats`): a
    line it sets as a heading is one, unless its words say otherwise (a
    dateline, a byline, a closing line keep their kind).
    """

    def alone(i: int) -> bool:
        if not sep:
            return True
        return (i == 0 or not lines[i - 1].strip()) and (i + 1 >= len(lines) or not lines[i + 1].strip())

    kinds = [classify(ln, alone=alone(i)) for i, ln in enumerate(lines)]
    for i, cue in (cues or {}).items():
        if cue == HEADING and i < len(kinds) and kinds[i] in (Kind.BODY, Kind.QUOTED):
            kinds[i] = Kind.HEADING
    return kinds


def _has_furniture(i: int, content: list[int], kinds: list[Kind], lines: list[str]) -> bool:
    """Does a byline, opening dateline or continuation mark follow heading ``content[i]``?"""
    for j in content[i + 1 : i + 5]:
        k = kinds[j]
        if k in (Kind.BYLINE, Kind.CONTINUATION) or is_open_dateline(lines[j].strip()):
            return True
        if k not in (Kind.HEADING, Kind.SUBTITLE, Kind.KICKER, Kind.METADATA):
            return False
    return False


def article_starts(lines: list[str], kinds: list[Kind]) -> list[int]:
    """Line indices (0-based) where articles start; the first is always 0."""
    content = [i for i, k in enumerate(kinds) if k is not Kind.BLANK]
    starts: list[int] = []
    story = _Story()
    prev = -1
    for n, i in enumerate(content):
        k, s = kinds[i], lines[i].strip()
        blanks = i - prev - 1 if prev >= 0 else 0
        prev = i
        if not starts or story.closed or blanks >= CLOSE_BLANKS:
            new = True
        elif k is Kind.HEADING and story.has_body:
            new = story.dateline_opened or _has_furniture(n, content, kinds, lines)
        elif k is Kind.KICKER and story.has_body:
            new = _has_furniture(n, content, kinds, lines)
        else:
            new = story.has_body and is_continuation(markup_prefix(s)[0])
        if new:
            starts.append(i if starts else 0)
            story = _Story()
        if k in (Kind.CLOSING, Kind.CREDIT) or (k is Kind.BYLINE and story.has_body):
            story.closed = True
        elif k not in HEAD_KINDS or story.has_body:
            if not story.has_body:
                story.dateline_opened = is_open_dateline(markup_prefix(s)[0])
            story.has_body = True
    return starts or [0]


def _same_headline(a: str, b: str) -> bool:
    return "".join(a.split()) == "".join(b.split())


def head_roles(idx: list[int], kinds: list[Kind], lines: list[str]) -> dict[int, str]:
    """Roles of an article's head lines (title, kicker, subtitle, byline, meta) by line index."""
    roles: dict[int, str] = {}
    title: list[int] = []
    for i in idx:
        k = kinds[i]
        if k is Kind.QUOTED and i == idx[0]:
            k = Kind.HEADING  # a quotation can be a headline (“把心贴近人民”)
        if k not in HEAD_KINDS:
            break
        text, level, _ = markup_prefix(lines[i].strip())
        if k in (Kind.HEADING, Kind.KICKER):
            if not title:
                title.append(i)
                roles[i] = "title"
                continue
            first_text, first_level, _ = markup_prefix(lines[title[0]].strip())
            if _same_headline(text, first_text):
                roles[i] = "meta"  # a repeated headline
            elif (
                len(title) == 1
                and len(roles) == 1
                and (kinds[title[0]] is Kind.KICKER or len(first_text) <= 10 or 0 < first_level < level < 7)
            ):
                roles[title[0]] = "kicker"
                title.append(i)
                roles[i] = "title"
            else:
                roles[i] = "subtitle"
        elif k is Kind.SUBTITLE:
            roles[i] = "subtitle"
        elif k is Kind.BYLINE:
            roles[i] = "byline"
        else:
            roles[i] = "meta"
    return roles


def _title(idx: list[int], roles: dict[int, str], lines: list[str]) -> tuple[str, bool]:
    parts = [markup_prefix(lines[i].strip())[0].strip() for i in idx if roles.get(i) in ("kicker", "title")]
    if parts:
        return " ".join(parts), False
    for i in idx:
        if i not in roles:
            words = strip_continuation(markup_prefix(lines[i].strip())[0]).strip()
            return (words[:UNTITLED_CHARS] + "…" if len(words) > UNTITLED_CHARS else words), True
    return "(empty)", True


def segment(
    text: str,
    relpath: str = "",
    *,
    cues: Mapping[int, str] | None = None,
    starts: Sequence[int] = (),
    lexicon: Lexicon | None = None,
) -> list[Article]:
    """Split LF-normalised ``text`` into articles (see the module docstring).

    ``cues``: per-line cues of a layout format (0-based line: cue); ``starts``:
    the lines where articles start when the file says so (JSON lines records),
    instead of the rule.  A hard-wrapped Latin page (:func:`.reflow.hard_wrapped`)
    is split by the English rule (:mod:`.english`) and reflowed, its cut words
    judged by ``lexicon``: by default the folder's being loaded
    (:func:`.lexicon.using`), else the page's own words.
    """
    lines, offs = split_lines(text)
    if reflow.hard_wrapped(lines):
        return _latin(text, relpath, lines, offs, (cues or {}, starts), lexicon or current() or Lexicon.of([text]))
    sep = blank_separated(lines)
    kinds = line_kinds(lines, sep, cues)
    starts = given_starts(starts, len(lines)) if starts else article_starts(lines, kinds)
    articles = []
    for n, (first, last, a_start, a_end) in enumerate(_extents(text, offs, starts, len(lines))):
        idx = [i for i in range(first, last + 1) if kinds[i] is not Kind.BLANK]
        roles = head_roles(idx, kinds, lines)
        title, untitled = _title(idx, roles, lines)
        raw = text[a_start:a_end]
        raw_pars = build_paragraphs(raw, lines, offs, kinds, idx, roles, a_start, joined_blocks=sep)
        extent = (first, last, a_start, a_end)
        articles.append(_article(relpath, n, (title, untitled), extent, idx, raw, repair(raw_pars)))
    return articles


def given_starts(starts: Sequence[int], n_lines: int) -> list[int]:
    """The article starts a file names (JSON lines records), as line indices from 0."""
    return sorted({0, *(i for i in starts if 0 < i < n_lines)})


def _extents(text: str, offs: list[int], starts: list[int], n_lines: int) -> list[tuple[int, int, int, int]]:
    """(first line, last line, start offset, end offset) of each article."""
    out = []
    for n, first in enumerate(starts):
        last = (starts[n + 1] if n + 1 < len(starts) else n_lines) - 1
        a_start = offs[first] if first < len(offs) else 0
        a_end = offs[starts[n + 1]] if n + 1 < len(starts) else len(text)
        out.append((first, last, a_start, a_end))
    return out


def _article(
    relpath: str,
    n: int,
    titled: tuple[str, bool],
    extent: tuple[int, int, int, int],
    idx: list[int],
    raw: str,
    pars: Sequence[Paragraph],
) -> Article:
    """The ``n``-th article (0-based) of a file, showing paragraphs ``pars``."""
    first, last, a_start, a_end = extent
    title, untitled = titled
    return Article(
        file=relpath,
        index=n + 1,
        title=title,
        untitled=untitled,
        start=a_start,
        end=a_end,
        start_line=(idx[0] if idx else first) + 1,
        end_line=(idx[-1] if idx else last) + 1,
        raw=raw,
        paragraphs=tuple(pars),
    )


def _latin(
    text: str,
    relpath: str,
    lines: list[str],
    offs: list[int],
    layout: tuple[Mapping[int, str], Sequence[int]],
    lexicon: Lexicon,
) -> list[Article]:
    """A hard-wrapped Latin page: English article starts, reflowed paragraphs (no column repair).

    ``layout``: the format's cues (a line it sets as a heading is a head line)
    and the article starts it names, if any.
    """
    cues, given = layout
    ks = english.kinds(lines)
    for i, cue in cues.items():
        if cue == HEADING and i < len(ks) and ks[i] in (english.Line.BODY, english.Line.DECK):
            ks[i] = english.Line.CAPS
    starts = given_starts(given, len(lines)) if given else english.article_starts(lines, ks)
    width = english.column_width(lines, ks)
    articles = []
    for n, extent in enumerate(_extents(text, offs, starts, len(lines))):
        first, last, a_start, _ = extent
        idx = [i for i in range(first, last + 1) if ks[i] is not english.Line.BLANK]
        raw = text[a_start : extent[3]]
        pars = [
            reflow.paragraph(raw, lines, offs, group, a_start, kind, lexicon)
            for group, kind in english.paragraph_groups(idx, ks, lines, width)
        ]
        articles.append(_article(relpath, n, english.title(pars), extent, idx, raw, pars))
    return articles
