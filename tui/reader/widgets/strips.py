"""Turning a styled line of text into a Textual ``Strip`` of an exact cell width.

Shared by the line-API views (article, diff, collation): they wrap text with
``tui.render.wrap`` themselves and paint one display line at a time.
"""

from __future__ import annotations

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip


def text_strip(text: Text, base: Style, width: int, console: Console) -> Strip:
    """``text`` (one display line) over ``base``, padded or cropped to ``width`` cells."""
    root = base + console.get_style(text.style) if text.style else base  # Text.render leaves the text's own style out
    segments = [Segment(s.text, root + s.style if s.style else root) for s in text.render(console) if s.text != "\n"]
    return Strip(segments).extend_cell_length(width, base).crop(0, width)
