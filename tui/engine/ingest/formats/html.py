"""Web pages: the article's main text, title and date, extracted by trafilatura.

trafilatura (the maintained extractor made for news pages) finds the main
text among menus, teasers and comments; this module is imported only when a
web page is read, so the reader starts without it.  The page is decoded by
its declared charset, else like a text file (:mod:`..decode`).  The text is
the title (a heading) and the extracted paragraphs, a blank line between
them; a page is one article, dated by its metadata.
"""

from __future__ import annotations

import re

from tui.engine.ingest.decode import decode_bytes, normalise_newlines
from tui.engine.ingest.formats import HEADING, HTML, Doc, Lines, Refused
from tui.engine.ingest.formats.xmlsafe import check
from tui.engine.model import Source

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def decode_html(data: bytes) -> tuple[str, str]:
    """(text, encoding): the declared charset when it is known and decodes, else :func:`.decode_bytes`."""
    m = _CHARSET.search(data[:4096])
    if m:
        enc = m.group(1).decode("ascii").lower()
        try:
            return normalise_newlines(data.decode(enc)), enc
        except (LookupError, UnicodeDecodeError):
            pass
    decoded = decode_bytes(data)
    return decoded.text, decoded.encoding


def read(data: bytes) -> list[Doc]:
    import trafilatura  # heavy (about 0.2 s): only when a web page is read

    check(data)
    text, encoding = decode_html(data)
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
