"""Line breaking for Chinese text, measured in terminal cells.

Textual and Rich wrap only at spaces, so a Chinese paragraph would be one
endless word.  Here a line may break between any two wide characters and at
spaces; ASCII words stay whole (unless longer than a line); a closing mark
(``，。、；：！？）」》`` …) never starts a line and an opening one
(``（「《`` …) never ends one — they travel with their neighbour.

Widths come from :func:`rich.cells.cell_len`, the measure Textual paints
with.  Decision on East Asian *ambiguous* characters (``“ ” — …``): they count
as 1 cell, as in Rich, Textual and most terminals' default settings; a
terminal set to draw them 2 cells wide would shift a row, which is why every
row is padded from its measured width rather than assumed (see README).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rich.cells import cell_len, get_character_cell_size

NO_LINE_START = frozenset("，。、；：！？）」》”’』】〕〉…,.!?;:)]}%·")
NO_LINE_END = frozenset("（「《“‘『【〔〈([{")


class _Classes(dict):
    """Character code -> class letter, filled on first sight (a ``str.translate`` table).

    ``S`` space, ``O`` opening mark (never ends a line), ``C`` closing mark
    (never starts one), ``W`` wide, ``N`` narrow (ASCII words are runs of it).
    """

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch.isspace():
            cls = "S"
        elif ch in NO_LINE_END:
            cls = "O"
        elif ch in NO_LINE_START:
            cls = "C"
        elif get_character_cell_size(ch) == 2:
            cls = "W"
        else:
            cls = "N"
        self[code] = cls
        return cls


_CLASSES = _Classes()

# An unbreakable run over the class string: a space run alone, or a token
# (one mark or wide character, or a narrow word) with what must stay with it:
# after an opening mark, any spaces and the next token; before a closing
# mark, any spaces ("word ，" may not break, or the mark would open a line).
_TOKEN = "(?:[OWC]|N+)"
_UNIT = re.compile(f"S+|{_TOKEN}(?:(?<=O)S*{_TOKEN}|(?<=O)S+|S*C)*")


_PART = re.compile("S+|N+|.")  # the pieces of a unit, measured one by one as the old breaker did


def _space_cells(text: str, start: int, end: int) -> int:
    """Cells of a run of spaces: one each, two for the ideographic space (U+3000) a Chinese page indents with."""
    return end - start + text.count("\u3000", start, end)


def _clusters(text: str) -> Iterator[tuple[int, int, int, bool]]:
    """Unbreakable runs as (start, end, cells, is_space); a space counts one cell, an ideographic space two.

    A unit's width is the sum of its pieces' widths (a narrow word measured
    whole, any other character alone): Rich's ``cell_len`` of a longer run
    is not additive (a zero-width joiner swallows the next character).
    """
    for m in _UNIT.finditer(text.translate(_CLASSES)):
        unit = m.group()
        s, e = m.span()
        if unit == "W":  # most of a Chinese text: one wide character
            yield s, e, 2, False
        elif unit[0] == "S":
            yield s, e, _space_cells(text, s, e), True
        elif "S" not in unit and ("N" not in unit or unit.count("N") == len(unit)):
            # one narrow word, or marks and wide characters alone ("《国", "国，"):
            # no character there joins its neighbour, so the whole run measures exactly
            yield s, e, cell_len(text[s:e]), False
        else:
            yield s, e, sum(_part_cells(text, s + p.start(), p.group()) for p in _PART.finditer(unit)), False


def _part_cells(text: str, at: int, part: str) -> int:
    if part[0] == "S":
        return _space_cells(text, at, at + len(part))
    if part[0] == "N":
        return cell_len(text[at : at + len(part)])
    return get_character_cell_size(text[at])


BACKTRACK = 8  # characters a hard break may move back to keep the kinsoku rules (bounded: a run of marks stays linear)


def _may_break(text: str, at: int) -> bool:
    """A hard break before ``text[at]`` keeps the kinsoku rules and splits no narrow word."""
    before, after = text[at - 1], text[at]
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    return not (_CLASSES[ord(before)] == _CLASSES[ord(after)] == "N")


def _split_long(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Hard-break a run wider than a line, character by character, moving a break back a little where that keeps
    a closing mark off the start of a line and an opening one off its end (else the break stays where it fell)."""
    lines, s, used = [], start, 0
    i = start
    while i < end:
        w = get_character_cell_size(text[i])
        if used + w > width and i > s:
            cut = next((j for j in range(i, max(s, i - BACKTRACK), -1) if _may_break(text, j)), i)
            lines.append((s, cut))
            s, used, i = cut, 0, cut
            continue
        used += w
        i += 1
    lines.append((s, end))
    return lines


def wrap_line(text: str, width: int, offset: int = 0) -> list[tuple[int, int]]:
    """Wrap one line (no newline inside); ranges are offset by ``offset``."""
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    start = end = 0
    used = pending = 0
    open_line = False
    for s, e, w, space in _clusters(text):
        if space:
            pending += w if open_line else 0
            continue
        if open_line and used + pending + w > width:
            lines.append((start, end))
            open_line = False
        if not open_line:
            if w > width:
                *full, (start, end) = _split_long(text, s, e, width)
                lines.extend(full)
                used = cell_len(text[start:end])
            else:
                start, end, used = s, e, w
            open_line = True
        else:
            end, used = e, used + pending + w
        pending = 0
    if open_line:
        lines.append((start, end))
    return [(a + offset, b + offset) for a, b in lines] or [(offset, offset)]


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """(start, end) of every display line of ``text`` wrapped to ``width`` cells.

    Newlines are hard breaks and belong to no line; an empty line gives an
    empty range.  Trailing spaces at a break are dropped.
    """
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        out.extend(wrap_line(line, width, pos))
        pos += len(line) + 1
    return out


def clip(text: str, width: int) -> str:
    """``text`` if it fits in ``width`` cells, else as much of it as fits before ``…`` (one cell).

    The cut falls between characters, so a wide character is never halved
    (when only one cell is left before the ellipsis, it stays blank), and
    spaces before the ellipsis are dropped.
    """
    if sum(map(get_character_cell_size, text)) <= width:
        return text
    if width < 1:
        return ""
    used = 0
    for n, ch in enumerate(text):
        used += get_character_cell_size(ch)
        if used > width - 1:
            return text[:n].rstrip() + "…"
    return text


def wrap_hanging(text: str, width: int, indent: int) -> list[tuple[int, int]]:
    """:func:`wrap` of one line whose lines after the first are ``indent`` cells narrower (drawn indented).

    The front end draws the continuation lines after ``indent`` spaces, so a
    wrapped reading stays under its start, clear of the sigla before it.
    """
    lines = wrap_line(text, width)
    if len(lines) < 2 or indent <= 0:
        return lines
    start = lines[1][0]
    return [lines[0], *wrap_line(text[start:], max(1, width - indent), start)]
