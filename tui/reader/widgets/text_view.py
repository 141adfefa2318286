"""A scrollable list of styled paragraphs, wrapped with the CJK line breaker.

Used for the collation view: the caller builds rich ``Text`` blocks (already
made visible and never parsed as markup), each with a hanging indent (a
wrapped reading stays under its start); this paints only the rows shown.
The density strip stands for a text of the caller's (the collation's base
text): a tag per character, and the block a click there goes to.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.geometry import Size
from textual.strip import Strip

from tui.reader.widgets.density import StripView
from tui.reader.widgets.strips import text_strip
from tui.reader.widgets.virtual import set_virtual_size
from tui.render.wrap import wrap_hanging


class TextView(StripView, can_focus=True):
    DEFAULT_CSS = "TextView { background: $surface; padding: 0 0 0 1; overflow-x: hidden; overflow-y: scroll; scrollbar-size-vertical: 1; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.blocks: list[Text] = []
        self.indents: list[int] = []  # cells each block's wrapped lines are indented by
        self.story: Sequence[str | None] = ()  # what the density strip stands for, a tag per character
        self.jumps: Sequence[int] = ()  # the block a click on the strip goes to, per character of the story
        self.lines: list[tuple[int, int, int]] = []  # (block, start, end)
        self.block_start: list[int] = []
        self._width = 0

    def show(
        self,
        blocks: list[Text],
        indents: Sequence[int] = (),
        story: Sequence[str | None] = (),
        jumps: Sequence[int] = (),
    ) -> None:
        self.blocks = blocks
        self.indents = list(indents) or [0] * len(blocks)
        self.story, self.jumps = story, jumps
        self._relayout(force=True)

    def _relayout(self, force: bool = False) -> None:
        width = max(10, self.text_width() - 1)  # a space before the strip
        if not force and width == self._width:
            return
        self._width = width
        self.lines, self.block_start = [], []
        for n, block in enumerate(self.blocks):
            self.block_start.append(len(self.lines))
            indent = min(self.indents[n], width // 3)
            self.lines.extend((n, s, e) for s, e in wrap_hanging(block.plain, width, indent))
        set_virtual_size(self, Size(width, len(self.lines)))
        self.update_density()

    def strip_tags(self) -> Sequence[str | None]:
        return self.story

    def strip_clicked(self, cell: int, height: int) -> None:
        if self.jumps:
            block = self.jumps[min(len(self.jumps) - 1, cell * len(self.jumps) // height)]
            self.scroll_to(0, self.block_start[block], animate=False, immediate=True)

    def on_resize(self) -> None:
        self._relayout()
        self.update_density()

    def render_line(self, y: int) -> Strip:
        index = y + int(self.scroll_y)
        width = self.text_width()
        base = self.rich_style
        strip = Strip([self.density_segment(y, base)])
        if index >= len(self.lines):
            return Strip.join([Strip.blank(width, base), strip])
        n, s, e = self.lines[index]
        text = self.blocks[n][s:e]
        if self.block_start[n] != index:  # a continuation line: under the start of its text
            text = Text(" " * min(self.indents[n], self._width // 3)) + text
        return Strip.join([text_strip(text, base, width, self.app.console), strip])
