"""Web pages: the article's main text, title and date, extracted by trafilatura.

trafilatura (the maintained extractor made for news pages) finds the main
text among menus, teasers and comments; this module is imported only when a
web page is read, so the reader starts without it.  The page is decoded by
its declared charset, else like a text file (:mod:`..decode`).  The text is
the title (a heading) and the extracted paragraphs, a blank line between
them; a page is one article, dated by its metadata.

trafilatura takes seconds a megabyte on link-heavy markup (its metadata and
date searches walk the whole tree), so scripts, styles, SVG and comments are
cut first (one linear pass) and a page whose remaining markup is over
``MAX_MARKUP`` characters is refused with a reason rather than read for
a minute.
"""

from __future__ import annotations

import re

from tui.engine.ingest.decode import decode_bytes, unify_newlines
from tui.engine.ingest.formats import HEADING, HTML, Doc, Lines, Refused
from tui.engine.ingest.formats.xmlsafe import check
from tui.engine.model import Source

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
MAX_MARKUP = 1_000_000
_CUT = (
    ("<script", "</script>"),
    ("<style", "</style>"),
    ("<svg", "</svg>"),
    ("<noscript", "</noscript>"),
    ("<!--", "-->"),
)


def without_scripts(text: str) -> str:
    """``text`` less its scripts, styles, SVG and comments (an unclosed one runs to the end); linear."""
    low = text.lower()
    keep, pos = [], 0
    while True:
        found = [(i, end) for start, end in _CUT if (i := low.find(start, pos)) >= 0]
        if not found:
            break
        i, end = min(found)
        keep.append(text[pos:i])
        close = low.find(end, i)
        pos = len(text) if close < 0 else close + len(end)
    keep.append(text[pos:])
    return "".join(keep)


def decode_html(data: bytes) -> tuple[str, str]:
    """(text, encoding): the declared charset when it is known and decodes, else :func:`.decode_bytes`."""
    m = _CHARSET.search(data[:4096])
    if m:
        enc = m.group(1).decode("ascii").lower()
        try:
            return unify_newlines(data.decode(enc)), enc
        except (LookupError, UnicodeDecodeError):
            pass
    decoded = decode_bytes(data)
    return decoded.text, decoded.encoding


def read(data: bytes) -> list[Doc]:
    import trafilatura  # heavy (about 0.2 s): only when a web page is read

    check(data)
    text, encoding = decode_html(data)
    text = without_scripts(text)
    if len(text) > MAX_MARKUP:
        raise Refused(f"web page too large to extract: {len(text):,} characters of markup (limit {MAX_MARKUP:,})")
    doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    if doc is None or not (doc.text or "").strip():
        raise Refused("web page with no main text found")
    out = Lines()
    title = (doc.title or "").strip()
    paragraphs = doc.text.split("\n")
    if title:
        out.add(title, HEADING)
        if paragraphs and " ".join(paragraphs[0].split()) == " ".join(title.split()):
            paragraphs = paragraphs[1:]
    for par in paragraphs:
        out.block()
        out.add(par)
    date = _DATE.match(doc.date or "")
    source = Source(date=date.group()) if date else None
    return [Doc(out.text(), HTML, encoding, tuple(out.cues), starts=(0,), sources=(source,) if source else ())]
