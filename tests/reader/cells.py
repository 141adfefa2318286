"""A Pilot screenshot read back cell by cell: what the user sees, colours as drawn.

Textual exports a screenshot as Rich's SVG: one ``<rect>`` per background
run and one ``<text>`` per run of same-styled characters, placed on a grid
of 12.2 x 24.4 px cells.  Reading colours back from it (not from the theme's
variables) is what catches a style that is computed right and drawn wrong.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from rich.cells import cell_len

from tui.reader.themes import contrast

CELL_W, LINE_H = 12.2, 24.4
_CLASS = re.compile(r"\.(terminal-[\w-]+) \{ fill: (#[0-9a-fA-F]{6})([^}]*)\}")
_RECT = re.compile(r'<rect fill="(#[0-9a-fA-F]{6})" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="[\d.]+" shape')
_TEXT = re.compile(r'<text class="(terminal-[\w-]+)" x="([\d.]+)" y="([\d.]+)" textLength="[\d.]+"[^>]*>([^<]*)</text>')
_SIZE = re.compile(
    r'<clipPath id="terminal-[\w-]*clip-terminal">\s*<rect x="0" y="0" width="([\d.]+)" height="([\d.]+)"'
)


@dataclass
class Cell:
    char: str = " "
    fg: str = ""
    bg: str = ""
    bold: bool = False


def read_cells(svg: str) -> list[list[Cell]]:
    """The screen as rows of cells; the right half of a wide character is a cell with ``char`` ""."""
    width, height = (float(v) for v in _SIZE.search(svg).groups())
    cols, rows = round(width / CELL_W), round(height / LINE_H)
    grid = [[Cell() for _ in range(cols)] for _ in range(rows)]
    classes = {name: (fill.lower(), "bold" in rest) for name, fill, rest in _CLASS.findall(svg)}
    for fill, x, y, w in _RECT.findall(svg):
        row, col = round((float(y) - 1.5) / LINE_H), round(float(x) / CELL_W)
        for c in range(col, min(cols, col + round(float(w) / CELL_W))):
            if 0 <= row < rows:
                grid[row][c].bg = fill.lower()
    for name, x, y, content in _TEXT.findall(svg):
        row, col = round((float(y) - 20) / LINE_H), round(float(x) / CELL_W)
        fg, bold = classes.get(name, ("", False))
        for ch in html.unescape(content).replace("\xa0", " "):
            if not 0 <= row < rows or col >= cols:
                break
            grid[row][col] = Cell(ch, fg, grid[row][col].bg, bold)
            if cell_len(ch) == 2 and col + 1 < cols:
                grid[row][col + 1] = Cell("", fg, grid[row][col + 1].bg, bold)
            col += max(1, cell_len(ch))
    return grid


def row_text(row: list[Cell]) -> str:
    return "".join(c.char for c in row)


def glyph_contrast(row: list[Cell], start: int, end: int) -> float:
    """The lowest contrast of a printed (non-blank) character between columns ``start`` and ``end``."""
    printed = [c for c in row[start:end] if c.char.strip() and c.fg and c.bg]
    assert printed, f"nothing printed in columns {start}-{end}: {row_text(row)!r}"
    return min(contrast(c.fg, c.bg) for c in printed)


def find(row: list[Cell], text: str) -> int:
    """The column where ``text`` starts in ``row`` (-1 if it is not there); wide characters take two columns."""
    columns = [n for n, c in enumerate(row) if c.char]
    at = "".join(c.char for c in row).find(text)
    return columns[at] if at >= 0 else -1
