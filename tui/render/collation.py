"""Variation points as lines: each point in the context of its base, then every witness's reading.

`newsread collate` prints these lines and the reader's collation view styles
them, so both show the same context (:data:`CONTEXT` characters of the base
either side), the same marks for a line break (``↵``) and an omission, and
the same flags (``lone``, ``consensus``).  A line is a list of ``(text, tag)``
pieces, its text already made visible; a tag says what a piece is, never its
colour, and the empty tag is plain text.
"""

from __future__ import annotations

from tui.engine.diff.collate import Collation
from tui.render.safe import visible

CONTEXT = 8  # characters of the base shown either side of a variation point

Piece = tuple[str, str]


def one_line(text: str) -> str:
    """``text`` on one line, safe to print: line breaks shown as ``↵``."""
    return visible(text.replace("\n", "↵"))


def shown(reading: str) -> str:
    """A reading on one line; an omission (the empty reading) says so."""
    return one_line(reading) if reading else "(omitted)"


def sigla_text(sigla) -> str:
    """The sigla of a reading, a space between them; sigla with spaces of their own (``sn85058396
    1916-04-08 ed-1``) a comma and a space, so each is told from the next."""
    return visible((", " if any(" " in s for s in sigla) else " ").join(sigla))


def plain(line: list[Piece]) -> str:
    return "".join(text for text, _ in line)


def point_lines(col: Collation, k: int) -> tuple[list[Piece], list[list[Piece]]]:
    """The ``k``-th point (0-based): its head line, the base reading in context, and the lines under it.

    Under the head come each reading with its sigla and flags, then the
    witnesses lacking the paragraph; each front end indents them its way.
    """
    point, support = col.points[k], col.support[k]
    s, e = point.base
    base = col.base_text
    head = [
        (f"{k + 1}. ", "number"),
        (one_line(base[max(0, s - CONTEXT) : s]), "context"),
        ("[", ""),
        (shown(base[s:e]), "base"),
        ("]", ""),
        (one_line(base[e : e + CONTEXT]), "context"),
    ]
    lines = []
    for r in point.readings:
        flags = [f for f, on in (("lone", point.lone in r.sigla), ("consensus", r.sigla == support.sigla)) if on]
        line = [(sigla_text(r.sigla) + ": ", "sigla"), (shown(r.text), "reading")]
        if flags:
            line.append((f"  ({', '.join(flags)})", "lone" if "lone" in flags else "flags"))
        lines.append(line)
    if point.absent:
        lines.append([("lacking the paragraph: ", "absent"), (sigla_text(point.absent), "sigla")])
    return head, lines
