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

from rich.cells import cell_len, get_character_cell_size

NO_LINE_START = frozenset("，。、；：！？）」》”’』】〕〉…,.!?;:)]}%·")
NO_LINE_END = frozenset("（「《“‘『【〔〈([{")


def _clusters(text: str) -> list[tuple[int, int, int, bool]]:
    """Unbreakable runs as (start, end, cells, is_space)."""
    raw: list[list] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        w = get_character_cell_size(ch)
        if ch.isspace():
            j = i
            while j < n and text[j].isspace() and text[j] != "\n":
                j += 1
            raw.append([i, j, j - i, True])
            i = j
        elif w == 2 or ch in NO_LINE_START or ch in NO_LINE_END:
            raw.append([i, i + 1, w, False])
            i += 1
        else:
            j = i
            while j < n and not text[j].isspace() and get_character_cell_size(text[j]) < 2 and text[j] not in NO_LINE_START and text[j] not in NO_LINE_END:
                j += 1
            raw.append([i, j, cell_len(text[i:j]), False])
            i = j
    out: list[list] = []
    glue_next = False
    for c in raw:
        start_char = text[c[0]] if c[1] > c[0] else ""
        if c[3] and out and not out[-1][3] and text[out[-1][1] - 1] in NO_LINE_END:
            out[-1][1] = c[1]  # "（ word": no break after an opening mark
            out[-1][2] += c[2]
            continue
        if out and not c[3] and not out[-1][3] and (glue_next or start_char in NO_LINE_START):
            out[-1][1] = c[1]
            out[-1][2] += c[2]
        elif len(out) > 1 and out[-1][3] and start_char in NO_LINE_START:
            # "word ，": the space may not break, or the mark would open a line
            space = out.pop()
            out[-1][1] = c[1]
            out[-1][2] += space[2] + c[2]
        else:
            out.append(list(c))
        glue_next = not c[3] and c[1] - c[0] == 1 and start_char in NO_LINE_END
    return [tuple(c) for c in out]  # type: ignore[misc]


def _split_long(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Hard-break a run wider than a line, character by character."""
    lines, s, used = [], start, 0
    for i in range(start, end):
        w = get_character_cell_size(text[i])
        if used + w > width and i > s:
            lines.append((s, i))
            s, used = i, 0
        used += w
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
