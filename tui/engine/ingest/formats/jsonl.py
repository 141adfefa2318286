"""JSON lines in passim's shape: one record an article (``id``, ``series``, ``text``, optional ``title``, ``date``).

A record's ``series`` (a paper) plays the part of a file: each series is a
virtual file ``FILE/SERIES`` of its own, so two papers in one file are two
witnesses.  A series' text is its records' titles and texts, one after the
other with a blank line between; every record starts an article.  Lines that
are not records with a text are counted in the file's warning.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

from tui.engine.ingest.decode import decode_bytes
from tui.engine.ingest.formats import HEADING, JSONL, Doc, Lines
from tui.engine.model import Source

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _field(record: dict, key: str) -> str:
    value = record.get(key)
    return str(value).strip() if isinstance(value, str | int | float) and not isinstance(value, bool) else ""


def records(text: str) -> tuple[list[dict], int]:
    """The records with a text, and how many non-blank lines were not such records."""
    good, bad = [], 0
    for line in text.split("\n"):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except ValueError:
            bad += 1
            continue
        if isinstance(rec, dict) and isinstance(rec.get("text"), str) and rec["text"].strip():
            good.append(rec)
        else:
            bad += 1
    return good, bad


def _series_doc(name: str, recs: list[dict], encoding: str, warning: str | None) -> Doc:
    out = Lines()
    starts: list[int] = []
    sources: list[Source] = []
    for rec in recs:
        out.block()
        first = len(out.lines)
        title = _field(rec, "title")
        if title:
            out.add(title, HEADING)
        for line in rec["text"].replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            if out.add(line) is None:
                out.block()
        if len(out.lines) > first:
            date = _DATE.match(_field(rec, "date"))
            starts.append(first)
            sources.append(
                Source(paper=name, date=date.group() if date else "", record=_field(rec, "id"), witness=name)
            )
    return Doc(
        out.text(),
        JSONL,
        encoding,
        cues=tuple(out.cues),
        starts=tuple(starts),
        sources=tuple(sources),
        name=name,
        warning=warning,
    )


def read(data: bytes) -> list[Doc]:
    decoded = decode_bytes(data)
    recs, bad = records(decoded.text)
    warning = f"{bad} line{'s' if bad != 1 else ''} not a record with a text, left out" if bad else None
    by_series: dict[str, list[dict]] = defaultdict(list)
    for rec in recs:
        by_series[_field(rec, "series")].append(rec)
    return [_series_doc(name, group, decoded.encoding, warning) for name, group in by_series.items()]
