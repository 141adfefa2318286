"""Headline cues from type size: a line set much larger than the page's body text is a heading.

The body size is the size most of the page's characters are set in (the
character-weighted median of the lines' sizes).  A line is a heading when its
size is at least ``HEADING_RATIO`` times that, or when it is short and wholly
bold while the body is not.  Lines without a known size get no cue.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

HEADING_RATIO = 1.3
BOLD_LINE_CHARS = 60


@dataclass(frozen=True)
class LineStyle:
    chars: int
    size: float | None  # points, or any unit the page uses consistently
    bold: bool = False


def number(text: str | None) -> float | None:
    """A positive finite number from an attribute (``NaN``, ``12pt``, empty: None)."""
    if not text:
        return None
    try:
        value = float(text.strip().removesuffix("pt"))
    except ValueError:
        return None
    return value if math.isfinite(value) and value > 0 else None


def weighted_median(pairs: list[tuple[float, int]]) -> float | None:
    """The value below which half the weight lies."""
    total = sum(w for _, w in pairs)
    if not total:
        return None
    acc = 0
    for value, weight in sorted(pairs):
        acc += weight
        if acc * 2 >= total:
            return value
    return None


def heading_lines(styles: dict[int, LineStyle]) -> list[int]:
    """Indices of the lines that the type marks as headings (see the module docstring)."""
    body = weighted_median([(s.size, s.chars) for s in styles.values() if s.size])
    bold_chars = sum(s.chars for s in styles.values() if s.bold)
    bold_body = bold_chars * 2 > sum(s.chars for s in styles.values())
    out = []
    for i, s in sorted(styles.items()):
        big = body is not None and s.size is not None and s.size >= HEADING_RATIO * body
        bold = s.bold and not bold_body and s.chars <= BOLD_LINE_CHARS and (body is None or (s.size or body) >= body)
        if big or bold:
            out.append(i)
    return out
