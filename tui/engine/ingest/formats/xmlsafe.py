"""XML parsed without trusting the file: no entity is expanded, no DTD or network fetch, no huge tree.

A document that declares entities (billion laughs, an external entity such as
``file:///etc/passwd``) is refused before it reaches the parser, with a
reason; OCR formats never need one.  The parser itself runs with entity
resolution, DTD loading and the network off and libxml2's size and depth
limits on (``huge_tree=False``: at most 256 levels), so a 10,000-deep
document or a truncated one is refused with the parser's own message.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from io import BytesIO

from lxml import etree

from tui.engine.ingest.formats import Refused

SAFE = {"resolve_entities": False, "no_network": True, "huge_tree": False, "load_dtd": False}
_ENTITY = "<!ENTITY"
_ENTITY_MARKS = tuple(_ENTITY.encode(enc) for enc in ("ascii", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")) + (
    _ENTITY.lower().encode(),
)


def check(data: bytes) -> None:
    """Refuse a document declaring entities (searched in the raw bytes: no decoding, no parsing)."""
    if any(mark in data for mark in _ENTITY_MARKS):
        raise Refused("declares XML entities (<!ENTITY>): refused, none expanded or read")


def _message(e: Exception) -> str:
    return f"malformed XML: {e}" if isinstance(e, etree.XMLSyntaxError) else f"unreadable XML: {e}"


def parse(data: bytes) -> etree._Element:
    """The root of a whole document, parsed safely; :class:`Refused` otherwise."""
    check(data)
    try:
        return etree.fromstring(data, etree.XMLParser(**SAFE, remove_comments=True, remove_pis=True))
    except (etree.LxmlError, ValueError) as e:
        raise Refused(_message(e)) from None


def iterparse(data: bytes, tags: tuple[str, ...], events=("end",)) -> Iterator[tuple[str, etree._Element]]:
    """``lxml.etree.iterparse`` over ``tags``, parsed safely; :class:`Refused` otherwise (also mid-way)."""
    check(data)
    try:
        yield from etree.iterparse(BytesIO(data), events=events, tag=tags, **SAFE, remove_comments=True)
    except (etree.LxmlError, ValueError) as e:
        raise Refused(_message(e)) from None


def declared_encoding(data: bytes) -> str:
    """The encoding an XML document declares (UTF-16 by its BOM), ``utf-8`` when it declares none."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = data[:200]
    start = head.find(b"encoding=")
    if head.lstrip(codecs.BOM_UTF8).startswith(b"<?xml") and start > 0:
        quote = head[start + 9 : start + 10]
        end = head.find(quote, start + 10)
        if quote in (b'"', b"'") and end > 0:
            return head[start + 10 : end].decode("ascii", "replace").lower()
    return "utf-8"
