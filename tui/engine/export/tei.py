"""A collation as a TEI P5 document with a parallel-segmentation apparatus.

The format CollateX, Juxta, the Versioning Machine and LERA exchange: a
``teiHeader`` whose ``listWit`` declares every witness, then the base text
with an ``<app>`` at every variation point holding one ``<rdg>`` per group of
witnesses that read alike (an omission is an empty ``<rdg/>``).

Choices a reader of the file needs to know:

* Witness ids are ``w`` + the siglum with characters an XML name cannot hold
  replaced by ``_`` (``w000``); the siglum itself is kept in ``@n``.
* ``@type`` of a ``<rdg>`` says how it differs from the base reading:
  ``orthographic`` (width, script), ``punctuation``, ``layout`` (spacing,
  markup) or ``substantive`` (content); the ``<app>`` takes the strongest
  of its readings' types.
* The lone witness (the one standing against all the others) is marked on its
  reading with ``@cause="lone-witness"``; a witness lacking the whole
  paragraph around a point reads ``<rdg type="lacunose"/>``.
* A paragraph break is ``<lb type="paragraph"/>``, in the text and inside
  readings alike, so a variation point may span paragraphs and the document
  stays well formed.
* Characters XML cannot carry even escaped (C0 controls but tab and newline,
  lone surrogates, U+FFFE/U+FFFF) are replaced by U+FFFD and counted in a
  comment at the top of the body.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import UTC, datetime

from tui.engine.diff.collate import Collation, Point
from tui.engine.diff.compare import SEP
from tui.engine.diff.kinds import classify

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

# Kind of change -> TEI reading type, strongest last.
READING_TYPE = {
    "space": "layout",
    "markup": "layout",
    "width": "orthographic",
    "script": "orthographic",
    "case": "orthographic",
    "ortho": "orthographic",
    "ocr": "orthographic",
    "punct": "punctuation",
    "content": "substantive",
}
_STRENGTH = ("layout", "orthographic", "punctuation", "substantive")

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NOT_NAME = re.compile(r"[^\w.\-]", re.ASCII)

ET.register_namespace("", TEI_NS)


def witness_ids(sigla: Sequence[str]) -> dict[str, str]:
    """Siglum -> an xml:id that is a valid NCName and unique in the document."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for s in sigla:
        base = "w" + _NOT_NAME.sub("_", s)
        wid, n = base, 1
        while wid in taken:
            n += 1
            wid = f"{base}_{n}"
        taken.add(wid)
        out[s] = wid
    return out


def reading_type(base_reading: str, reading: str) -> str:
    return READING_TYPE[classify(base_reading, reading)]


class _Writer:
    """Appends text to an element tree, turning paragraph breaks into ``<lb/>`` and illegal characters into U+FFFD."""

    def __init__(self) -> None:
        self.replaced = 0

    def clean(self, text: str) -> str:
        cleaned, n = _ILLEGAL.subn("\ufffd", text)
        self.replaced += n
        return cleaned

    def text(self, parent: ET.Element, text: str) -> None:
        for k, part in enumerate(text.split(SEP)):
            if k:
                ET.SubElement(parent, _t("lb"), type="paragraph")
            self._append(parent, self.clean(part))

    @staticmethod
    def _append(parent: ET.Element, text: str) -> None:
        if not text:
            return
        if len(parent):
            last = parent[-1]
            last.tail = (last.tail or "") + text
        else:
            parent.text = (parent.text or "") + text


def _t(name: str) -> str:
    return f"{{{TEI_NS}}}{name}"


def _header(
    tei: ET.Element, col: Collation, refs: Sequence[str], ids: dict[str, str], writer: _Writer, stamp: str
) -> None:
    header = ET.SubElement(tei, _t("teiHeader"))
    file_desc = ET.SubElement(header, _t("fileDesc"))
    title = f"Collation of {len(col.witnesses)} witnesses, base {col.base}"
    ET.SubElement(ET.SubElement(file_desc, _t("titleStmt")), _t("title")).text = writer.clean(title)
    ET.SubElement(ET.SubElement(file_desc, _t("publicationStmt")), _t("p")).text = stamp
    list_wit = ET.SubElement(ET.SubElement(file_desc, _t("sourceDesc")), _t("listWit"))
    for siglum, ref in zip(col.witnesses, refs):
        wit = ET.SubElement(list_wit, _t("witness"), {XML_ID: ids[siglum], "n": writer.clean(siglum)})
        wit.text = writer.clean(ref) + (" (base)" if siglum == col.base else "")
    encoding = ET.SubElement(header, _t("encodingDesc"))
    ET.SubElement(encoding, _t("variantEncoding"), method="parallel-segmentation", location="internal")


def _app(body: ET.Element, k: int, point: Point, ids: dict[str, str], writer: _Writer) -> None:
    base_reading = point.readings[0].text
    types = {r.text: reading_type(base_reading, r.text) for r in point.readings[1:]}
    strongest = max(types.values(), key=_STRENGTH.index, default="substantive")
    app = ET.SubElement(body, _t("app"), {XML_ID: f"app{k}", "type": strongest})
    for r in point.readings:
        attrs = {"wit": " ".join("#" + ids[s] for s in r.sigla)}
        if r.text in types and r is not point.readings[0]:
            attrs["type"] = types[r.text]
        if point.lone is not None and r.sigla == (point.lone,):
            attrs["cause"] = "lone-witness"
        writer.text(ET.SubElement(app, _t("rdg"), attrs), r.text)
    if point.absent:
        ET.SubElement(app, _t("rdg"), wit=" ".join("#" + ids[s] for s in point.absent), type="lacunose")


def to_tei(col: Collation, refs: Sequence[str], *, version: str, now: datetime | None = None) -> str:
    """The collation as a complete TEI P5 document (a string, well formed whatever the texts hold)."""
    ids = witness_ids(col.witnesses)
    when = (now or datetime.now(UTC)).strftime("%Y-%m-%d")
    writer = _Writer()
    tei = ET.Element(_t("TEI"))
    _header(tei, col, refs, ids, writer, f"Made by newsread {version} on {when}.")
    body = ET.SubElement(ET.SubElement(ET.SubElement(tei, _t("text")), _t("body")), _t("ab"))
    pos = 0
    for k, point in enumerate(col.points, 1):
        start, end = point.base
        writer.text(body, col.base_text[pos:start])
        _app(body, k, point, ids, writer)
        pos = end
    writer.text(body, col.base_text[pos:])
    if writer.replaced:
        body.insert(0, ET.Comment(f" {writer.replaced} characters XML cannot hold were replaced by U+FFFD "))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(tei, encoding="unicode") + "\n"
