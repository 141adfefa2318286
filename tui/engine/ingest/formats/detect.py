"""Which format a file is in, from its content: the root element and its namespace, or the first record.

The extension only says a file is worth opening; a ``.txt`` holding ALTO is
read as ALTO.  Markup is recognised from the start of the file (after a BOM,
the XML declaration, comments and a DOCTYPE): ``<alto>`` in any namespace
(none, the old CCS one, ALTO v1 to v4) is ALTO, ``<PcGts>`` is PAGE, ``<html>``
is hOCR when its classes or ``ocr-system`` say so and a web page otherwise.  A
first line that is a JSON object makes JSON lines.  Anything else not
starting with markup is plain text; other XML is refused with its root's
name.
"""

from __future__ import annotations

import codecs
import json
import re

from tui.engine.ingest.formats import ALTO, HOCR, HTML, JSONL, PAGE, TEXT

HEAD = 65536
# The doctype's internal subset ends at its first "]" and nothing is given back (possessive): with a lazy
# "\[.*?\]" a 70-byte "<!DOCTYPE [][][]..." without its ">" took minutes (each "[" could end at any later "]").
_PROLOG = re.compile(r"(?:\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]++|\[[^\]]*+\])*+>))*\s*", re.S | re.I)
_ROOT = re.compile(r"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)([^>]*)>?")
_HOCR = re.compile(r"""class\s*=\s*["'][^"']*\bocrx?_(?:page|carea|par|line|word)\b|name\s*=\s*["']ocr-system""", re.I)
_DOCTYPE_HTML = re.compile(r"<!doctype\s+html", re.I)
_MAX_FIRST_LINE = 8 * 1024 * 1024


class NotText(Exception):
    """A file of a kind newsread does not read (its message says which)."""


def head_text(data: bytes) -> str:
    """The start of the file as text, enough to find markup (UTF-16 by BOM, else byte for byte)."""
    head = data[: HEAD * 2]
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(enc, "replace")
    return head[:HEAD].removeprefix(codecs.BOM_UTF8).decode("latin-1")


def root_element(head: str) -> tuple[str, str] | None:
    """(namespace, local name) of the first element, or None when the text does not start with one."""
    m = _ROOT.match(head, _PROLOG.match(head).end())
    if not m:
        return None
    prefix = (m.group(1) or "")[:-1]
    ns = re.search(rf"""\bxmlns{":" + re.escape(prefix) if prefix else ""}\s*=\s*["']([^"']*)["']""", m.group(3))
    return (ns.group(1) if ns else ""), m.group(2)


def _is_record(data: bytes) -> bool:
    end = data.find(b"\n", 0, _MAX_FIRST_LINE)
    line = data[: end if end >= 0 else _MAX_FIRST_LINE].removeprefix(codecs.BOM_UTF8)
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def sniff(data: bytes) -> str:
    """The format of ``data`` (see the module docstring); :class:`NotText` for XML of another kind."""
    head = head_text(data)
    start = head.lstrip()
    if start.startswith("{") and _is_record(data):
        return JSONL
    if not start.startswith("<"):
        return TEXT
    root = root_element(head)
    ns, name = root or ("", "")
    low = name.lower()
    if low == "alto":
        return ALTO
    if name == "PcGts":
        return PAGE
    if low in ("html", "head", "body") or _DOCTYPE_HTML.search(head[: _PROLOG.match(head).end()]):
        return HOCR if _HOCR.search(head) else HTML
    if root is None:
        return TEXT
    raise NotText(f"XML of another kind (root element <{name}>{f' in {ns}' if ns else ''})")
