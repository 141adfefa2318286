"""PAGE XML (the 2013 and 2019 schemas, any PRImA namespace): regions in reading order, lines as printed.

Regions follow the ``ReadingOrder`` (its groups flattened, ``index`` order);
regions it does not name follow in document order.  A ``TextRegion``'s text
is its own ``TextEquiv/Unicode`` when it has one (its lines are the Unicode's
lines), else its ``TextLine``s' (a line's words when the line has none).  Of
several ``TextEquiv``s the one with the lowest ``index`` wins.  A region of
type ``heading`` (or a Transkribus ``structure {type:heading;}``) gives heading
cues; each region ends with a blank line.
"""

from __future__ import annotations

import re

from tui.engine.ingest.formats import HEADING, PAGE, Doc, Lines
from tui.engine.ingest.formats.xmlsafe import declared_encoding, parse

# One brace's content only ("[^{}]"): with "[^}]" every "structure{" of an attribute without "}" scanned to its end.
_STRUCTURE = re.compile(r"structure\s*\{[^{}]*\btype\s*:\s*([\w-]+)")


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(el, name: str) -> list:
    return [c for c in el if _local(c.tag) == name]


def equiv(el) -> str | None:
    """The text of ``el``'s own TextEquiv with the lowest index (None when it has none)."""
    best = None
    for n, te in enumerate(_children(el, "TextEquiv")):
        uni = _children(te, "Unicode")
        if not uni:
            continue
        try:
            rank = int(te.get("index", n))
        except ValueError:
            rank = n
        if best is None or rank < best[0]:
            best = (rank, "".join(uni[0].itertext()))
    return best[1] if best else None


def reading_order(root) -> list[str]:
    """Region ids in the ReadingOrder's sequence (nested groups flattened)."""
    out: list[str] = []

    def walk(group) -> None:
        def key(c):
            try:
                return int(c.get("index", 0))
            except ValueError:
                return 0

        for c in sorted((c for c in group if isinstance(c.tag, str)), key=key):
            if c.get("regionRef"):
                out.append(c.get("regionRef"))
            walk(c)

    for ro in root.iter("{*}ReadingOrder"):
        walk(ro)
        break
    return out


def _region_type(region) -> str:
    m = _STRUCTURE.search(region.get("custom") or "")
    return (region.get("type") or (m.group(1) if m else "")).lower()


def _region_lines(region) -> list[str]:
    text = equiv(region)
    if text is not None and text.strip():
        return text.split("\n")
    lines = []
    for line in _children(region, "TextLine"):
        t = equiv(line)
        if t is None:
            t = " ".join(w for w in (equiv(w) for w in _children(line, "Word")) if w)
        lines.append(t)
    return lines


def read(data: bytes) -> list[Doc]:
    root = parse(data)
    regions = [r for r in root.iter("{*}TextRegion")]
    by_id = {r.get("id"): r for r in regions}
    ordered = [by_id[i] for i in dict.fromkeys(reading_order(root)) if i in by_id]
    seen = {id(r) for r in ordered}
    ordered += [r for r in regions if id(r) not in seen]
    out = Lines()
    for region in ordered:
        cue = HEADING if _region_type(region) == "heading" else ""
        for line in _region_lines(region):
            out.add(line, cue)
        out.block()
    return [Doc(out.text(), PAGE, declared_encoding(data), tuple(out.cues))]
