"""A line-API view whose last column is a change-density strip: where the changes are along the whole text.

The diff and the collation draw it beside their scrollbar, as Juxta draws
its histogram: each cell stands for a slice of the text
(:func:`tui.render.density.density`), and a click on it scrolls there.  The
view says what the strip is drawn over (:meth:`StripView.strip_tags`): the
diff its lines, the collation the base text, character by character.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.scroll_view import ScrollView

from tui.reader.widgets.looks import STRONGEST, looks
from tui.render.density import density


class StripView(ScrollView):
    """A scroll view that keeps its last content column for the density strip."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.bars: list[tuple[str, str | None]] = []

    def strip_tags(self) -> Sequence[str | None]:
        """What the strip stands for, top to bottom, each unit with its strongest change (None: unchanged)."""
        raise NotImplementedError

    def strip_clicked(self, cell: int, height: int) -> None:
        """Go to the part of the text the strip's ``cell`` (of ``height``) stands for: here, the view's lines."""
        lines = self.virtual_size.height
        self.scroll_to(y=max(0, cell * lines // height - height // 3), animate=False, immediate=True)

    def text_width(self) -> int:
        """Cells left for the text: the content region less the strip."""
        return max(1, self.scrollable_content_region.width - 1)

    def update_density(self) -> None:
        """Measure the strip again (after a new layout or a resize, which repaint the view anyway)."""
        self.bars = density(self.strip_tags(), self.scrollable_content_region.height, STRONGEST)

    def density_segment(self, y: int, base: Style) -> Segment:
        """The strip's cell on screen row ``y``, over ``base`` (the view's style)."""
        if not 0 <= y < len(self.bars):
            return Segment(" ", base)
        bar, tag = self.bars[y]
        return Segment(bar, base + looks(self.app)[1][tag] if tag else base)

    def on_click(self, event: events.Click) -> None:
        """A click on the strip scrolls to that part of the text."""
        offset = event.get_content_offset(self)
        height = self.scrollable_content_region.height
        if offset is not None and offset.x == self.text_width() and 0 <= offset.y < height:
            self.strip_clicked(offset.y, height)
