"""A scrollable list of styled paragraphs, wrapped with the CJK line breaker.

Used for the collation view: the caller builds rich ``Text`` blocks (already
made visible and never parsed as markup); this paints only the rows shown.
"""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.reader.widgets.strips import text_strip
from tui.reader.widgets.virtual import set_virtual_size
from tui.render.wrap import wrap


class TextView(ScrollView, can_focus=True):
    DEFAULT_CSS = "TextView { background: $surface; padding: 0 1; overflow-x: hidden; overflow-y: scroll; scrollbar-size-vertical: 1; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.blocks: list[Text] = []
        self.lines: list[tuple[int, int, int]] = []  # (block, start, end)
        self.block_start: list[int] = []
        self._width = 0

    def show(self, blocks: list[Text]) -> None:
        self.blocks = blocks
        self._relayout(force=True)

    def _relayout(self, force: bool = False) -> None:
        width = max(10, self.scrollable_content_region.width or self.size.width or 80)
        if not force and width == self._width:
            return
        self._width = width
        self.lines, self.block_start = [], []
        for n, block in enumerate(self.blocks):
            self.block_start.append(len(self.lines))
            self.lines.extend((n, s, e) for s, e in wrap(block.plain, width))
        set_virtual_size(self, Size(width, len(self.lines)))

    def on_resize(self) -> None:
        self._relayout()

    def render_line(self, y: int) -> Strip:
        index = y + int(self.scroll_y)
        width = self.scrollable_content_region.width
        if index >= len(self.lines):
            return Strip.blank(width, self.rich_style)
        n, s, e = self.lines[index]
        return text_strip(self.blocks[n][s:e], self.rich_style, width, self.app.console)
