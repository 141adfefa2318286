"""hOCR (Tesseract, ocropy and others): printed lines from ``ocr_line`` and its kin.

A line is an element of class ``ocr_line`` (or ``ocrx_line``, ``ocr_header``,
``ocr_caption``, ``ocr_textfloat``); its text is its ``ocrx_word``s joined by one
space, or its own text when it has no words (ocropy).  A new paragraph or
block (``ocr_par``, ``ocr_carea``, a heading element) starts after a blank line.
A line inside ``<h1>``-``<h6>`` is a heading; so is a line whose ``x_size``
(in its ``title``) marks it as set large (:mod:`.cues`).
"""

from __future__ import annotations

import re

from lxml import etree

from tui.engine.ingest.formats import HEADING, HOCR, Doc, Lines, Refused
from tui.engine.ingest.formats.cues import LineStyle, heading_lines, number
from tui.engine.ingest.formats.xmlsafe import check

LINE_CLASSES = frozenset({"ocr_line", "ocrx_line", "ocr_header", "ocr_caption", "ocr_textfloat"})
BLOCK_CLASSES = frozenset({"ocr_par", "ocr_carea", "ocr_page", "ocr_column", "ocr_chapter", "ocr_section"})
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_X_SIZE = re.compile(r"\bx_size\s+([\d.]+)")


def parse_html(data: bytes) -> etree._Element:
    """An HTML document parsed without network access or huge-tree limits lifted; :class:`Refused` otherwise."""
    check(data)
    parser = etree.HTMLParser(no_network=True, huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except (etree.LxmlError, ValueError) as e:
        raise Refused(f"malformed HTML: {e}") from None
    if root is None:
        raise Refused("no HTML element")
    deep = [e.message for e in parser.error_log if "depth" in e.message.lower()]
    if deep:  # the parser recovers by dropping what lies deeper: say so instead of showing a page with holes
        raise Refused(f"malformed HTML: {deep[0]}")
    return root


def _classes(el) -> set[str]:
    cls = el.get("class") if isinstance(el.tag, str) else None
    return set(cls.split()) if cls else set()


def _block_of(el):
    """The nearest enclosing paragraph, block or heading: lines under another one start a new block."""
    for anc in el.iterancestors():
        if anc.tag in HEADING_TAGS or _classes(anc) & BLOCK_CLASSES:
            return anc
    return None


def text_of(el) -> str:
    """The element's text with its whitespace runs as single spaces."""
    return " ".join("".join(el.itertext()).split())


def _line_text(el) -> str:
    words = [text_of(w) for w in el.iter() if "ocrx_word" in _classes(w)]
    return " ".join(w for w in words if w) if words else text_of(el)


def read(data: bytes) -> list[Doc]:
    root = parse_html(data)
    out = Lines()
    styles: dict[int, LineStyle] = {}
    headings: list[int] = []
    block = None
    for el in root.iter():
        if not _classes(el) & LINE_CLASSES:
            continue
        here = _block_of(el)
        if here is not block:
            out.block()
            block = here
        i = out.add(_line_text(el))
        if i is None:
            continue
        size = _X_SIZE.search(el.get("title") or "")
        styles[i] = LineStyle(len(out.lines[i]), number(size.group(1)) if size else None)
        if here is not None and here.tag in HEADING_TAGS:
            headings.append(i)
    cues = tuple((i, HEADING) for i in sorted(set(headings) | set(heading_lines(styles))))
    return [Doc(out.text(), HOCR, (root.getroottree().docinfo.encoding or "utf-8").lower(), cues)]
