"""A bookmark, and its W3C Web Annotation form for export and import.

A bookmark is a quote selector (``exact`` with ``prefix``/``suffix`` context)
plus a position selector, in the model of the W3C Web Annotation data model
and Hypothesis: the position says where the passage was, the quote lets it be
found again after the file changed (see :mod:`tui.engine.bookmarks.anchor`).  ``start`` and
``end`` are character offsets in the article's raw text; ``article_start`` is
where that article began in the file, so ``article_start + start`` is the
offset in the file (what a W3C TextPositionSelector holds on export).

A quote is at most ``MAX_QUOTE`` characters (checked when a bookmark is made
and when one is imported): re-anchoring and showing a bookmark cost time in
its quote's length, and a quote pasted from a whole book has no use.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.cells import cell_len

CONTEXT = 32  # characters of prefix and suffix kept around the quote
MAX_QUOTE = 50_000  # characters in a quote (a long paragraph of OCR text is a few thousand)
MAX_CONTEXT = 256  # characters of an imported prefix or suffix kept (ours are CONTEXT long)
W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
EXTENSION = "newsread"  # key of our own fields inside an exported annotation


class AnnotationError(ValueError):
    """An import file that is not W3C Web Annotation JSON newsread can use."""


@dataclass(frozen=True)
class Bookmark:
    id: str  # 32 hex digits
    folder: str  # the folder it was made in (resolved path)
    file: str  # path of the file relative to the folder
    article: str  # article id, relpath#N
    title: str
    article_start: int  # offset of the article in the file
    start: int  # offsets of the quote in the article's raw text
    end: int
    exact: str
    prefix: str
    suffix: str
    file_hash: str  # sha256 of the file's text
    created: str  # ISO 8601, UTC
    note: str = ""

    def with_note(self, note: str) -> Bookmark:
        return replace(self, note=note)

    def excerpt(self, cells: int) -> str:
        """The quote on one line, cut to ``cells`` terminal cells (CJK counts two) with an ellipsis."""
        text = " ".join(self.exact.split())
        fitted = fit_cells(text, cells)
        if len(fitted) == len(text):
            return text
        return fit_cells(fitted, cells - 1) + "…"


def fit_cells(text: str, cells: int) -> str:
    """The longest start of ``text`` at most ``cells`` terminal cells wide.

    A bisection over a head of the text a few times ``cells`` long, doubled
    while it all fits (zero-width characters): the cost follows the part
    kept, not the text's length.
    """
    size = 4 * max(cells, 0) + 16
    while True:
        head = text[:size]
        lo, hi = 0, len(head)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if cell_len(head[:mid]) <= cells:
                lo = mid
            else:
                hi = mid - 1
        if lo < len(head) or len(head) == len(text):
            return head[:lo]
        size *= 2


def quote_too_long(length: int) -> str | None:
    """Why a quote of ``length`` characters cannot be a bookmark, or None."""
    if length > MAX_QUOTE:
        return f"a quote of {length:,} characters is too long to bookmark (at most {MAX_QUOTE:,})"
    return None


def folder_key(folder: str | os.PathLike) -> str:
    """How a folder is named in the store: its real path, so a symlink or ./ finds the same state."""
    return str(Path(folder).resolve())


def text_hash(text: str) -> str:
    """Content hash of a file's decoded text: finds the file again after a rename."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def new_id() -> str:
    return uuid.uuid4().hex


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def to_annotation(b: Bookmark) -> dict[str, Any]:
    """One bookmark as a W3C Web Annotation (``motivation: bookmarking``)."""
    source = Path(b.folder, b.file)
    ann: dict[str, Any] = {
        "@context": W3C_CONTEXT,
        "id": f"urn:uuid:{uuid.UUID(hex=b.id)}",
        "type": "Annotation",
        "motivation": "bookmarking",
        "created": b.created,
        "target": {
            "source": source.as_uri() if source.is_absolute() else b.file,
            "selector": [
                {"type": "TextQuoteSelector", "exact": b.exact, "prefix": b.prefix, "suffix": b.suffix},
                {"type": "TextPositionSelector", "start": b.article_start + b.start, "end": b.article_start + b.end},
            ],
        },
        EXTENSION: {
            "folder": b.folder,
            "file": b.file,
            "article": b.article,
            "title": b.title,
            "articleStart": b.article_start,
            "sha256": b.file_hash,
        },
    }
    if b.note:
        ann["body"] = {"type": "TextualBody", "value": b.note, "format": "text/plain", "purpose": "commenting"}
    return ann


def to_collection(bookmarks: list[Bookmark]) -> dict[str, Any]:
    """An AnnotationCollection holding every bookmark on one page."""
    return {
        "@context": W3C_CONTEXT,
        "type": "AnnotationCollection",
        "label": "newsread bookmarks",
        "total": len(bookmarks),
        "first": {"type": "AnnotationPage", "items": [to_annotation(b) for b in bookmarks]},
    }


def _selector(target: dict, kind: str) -> dict:
    sel = target.get("selector", [])
    for s in sel if isinstance(sel, list) else [sel]:
        if isinstance(s, dict) and s.get("type") == kind:
            return s
    return {}


def _id_of(ann: dict, b_fields: tuple) -> str:
    """Our id from the annotation's urn:uuid, else a digest of its content (re-import adds nothing)."""
    raw = str(ann.get("id", ""))
    try:
        return uuid.UUID(raw.removeprefix("urn:uuid:")).hex
    except ValueError:
        return hashlib.sha256(repr((raw, *b_fields)).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _body_note(ann: dict) -> str:
    bodies = ann.get("body", [])
    for body in bodies if isinstance(bodies, list) else [bodies]:
        if isinstance(body, dict) and body.get("type") == "TextualBody" and isinstance(body.get("value"), str):
            return body["value"]
    return ""


MAX_OFFSET = 2**53  # JSON's safe integers; SQLite holds them


def _offset(value: Any) -> int:
    """A character offset from JSON: a whole number from 0 to MAX_OFFSET."""
    try:
        n = int(value)
    except (TypeError, ValueError, OverflowError):
        raise AnnotationError(f"an offset that is not a number: {str(value)[:20]}") from None
    if not 0 <= n <= MAX_OFFSET:
        raise AnnotationError(f"an offset out of range: {str(n)[:20]}")
    return n


def from_annotation(ann: Any, folder: Path) -> Bookmark:
    """A bookmark from one annotation; ``folder`` stands in when the annotation names none."""
    if not isinstance(ann, dict) or not isinstance(ann.get("target"), dict):
        raise AnnotationError("an annotation without a target")
    target = ann["target"]
    quote, pos = _selector(target, "TextQuoteSelector"), _selector(target, "TextPositionSelector")
    if not isinstance(quote.get("exact"), str) or not quote["exact"]:
        raise AnnotationError("an annotation without a TextQuoteSelector")
    if too_long := quote_too_long(len(quote["exact"])):
        raise AnnotationError(too_long)
    ext = ann.get(EXTENSION) if isinstance(ann.get(EXTENSION), dict) else {}
    file = ext.get("file") or str(target.get("source", "")).rsplit("/", 1)[-1]
    art_start = _offset(ext.get("articleStart", 0))
    start = _offset(pos.get("start", art_start)) - art_start
    end = _offset(pos.get("end", start + art_start + len(quote["exact"]))) - art_start
    if start < 0 or end < start:
        raise AnnotationError(f"a TextPositionSelector from {start + art_start} to {end + art_start}")
    fields = (
        str(ext.get("folder") or folder),
        str(file),
        str(ext.get("article", "")),
        str(ext.get("title", "")),
        art_start,
        start,
        end,
        quote["exact"],
        str(quote.get("prefix", ""))[-MAX_CONTEXT:],  # the context next to the quote is what re-anchors it
        str(quote.get("suffix", ""))[:MAX_CONTEXT],
        str(ext.get("sha256", "")),
        str(ann.get("created") or now()),
    )
    return Bookmark(_id_of(ann, fields[:10]), *fields, note=_body_note(ann))


def from_collection(data: Any, folder: Path) -> list[Bookmark]:
    """Bookmarks from an AnnotationCollection, an AnnotationPage, a list or one annotation."""
    if isinstance(data, dict) and data.get("type") == "AnnotationCollection":
        data = data.get("first", {})
    if isinstance(data, dict) and data.get("type") == "AnnotationPage":
        data = data.get("items", [])
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise AnnotationError("not W3C Web Annotation JSON")
    out = []
    for n, ann in enumerate(data, 1):
        try:
            out.append(from_annotation(ann, folder))
        except AnnotationError as e:
            raise AnnotationError(f"annotation {n}: {e}") from None
    return out
