"""Side-by-side diff of two witnesses: aligned rows, one scroll for both columns.

The rows are laid out by :mod:`tui.render.sidebyside`, as in `newsread diff`:
each takes the height of its taller side, so the two columns can never
drift apart.  Only the lines on screen are styled; a tag (the row's
operation, a change's kind) is coloured by the ``diff--`` component class of
that name.  Moved paragraphs carry a mark; `enter` on one jumps to where the
other witness has it.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.engine.diff.kinds import KINDS
from tui.reader.widgets.strips import text_strip
from tui.reader.widgets.virtual import set_virtual_size
from tui.render.sidebyside import WHOLE, Layout, layout

SIGNS = {"equal": " ", "replace": "~", "insert": "+", "delete": "-", "move": "↕"}


class DiffView(ScrollView, can_focus=True):
    """Two columns, A on the left and B on the right, scrolled together."""

    COMPONENT_CLASSES = {
        "diff--gutter",
        "diff--current",
        *(f"diff--{tag}" for tag in WHOLE + KINDS),
    }
    DEFAULT_CSS = """
    DiffView { background: $surface; overflow-x: hidden; overflow-y: scroll; scrollbar-size-vertical: 1; }
    DiffView > .diff--insert { background: $nr-insert; }
    DiffView > .diff--delete { background: $nr-delete; }
    DiffView > .diff--move { background: $nr-move; }
    DiffView > .diff--content { background: $nr-replace; text-style: bold; }
    DiffView > .diff--width { background: $nr-minor; }
    DiffView > .diff--punct { background: $nr-minor; }
    DiffView > .diff--space { background: $nr-minor; }
    DiffView > .diff--markup { text-style: underline; color: $secondary; }
    DiffView > .diff--script { background: $nr-minor; text-style: italic; }
    DiffView > .diff--case { background: $nr-minor; }
    DiffView > .diff--ortho { background: $nr-minor; text-style: italic; }
    DiffView > .diff--ocr { background: $nr-minor; text-style: underline; }
    DiffView > .diff--gutter { color: $text-muted; }
    DiffView > .diff--current { background: $accent; color: $background; text-style: bold; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: tuple = ()
        self.side_by_side: Layout = layout((), 0)
        self.current = -1  # the change the cursor is on (row index)
        self.back: int | None = None  # where a move jump came from
        self._width = 0

    def show(self, rows) -> None:
        self.rows = tuple(rows)
        self.current = -1
        self.back = None
        self._relayout(force=True)
        self.scroll_to(0, 0, animate=False, immediate=True)

    def column_width(self) -> int:
        total = self.scrollable_content_region.width or self.size.width or 80
        return max(8, (total - 5) // 2)

    def _relayout(self, force: bool = False) -> None:
        width = self.column_width()
        if not force and width == self._width:
            return
        self._width = width
        self.side_by_side = layout(self.rows, width)
        set_virtual_size(self, Size(self.scrollable_content_region.width, len(self.side_by_side.lines)))

    def on_resize(self) -> None:
        row = self.top_row()
        self._relayout()
        self.scroll_to_row(row, center=False)

    def top_row(self) -> int:
        y = int(self.scroll_y)
        return self.side_by_side.lines[y].row if 0 <= y < len(self.side_by_side.lines) else 0

    def scroll_to_row(self, row: int, *, center: bool = True) -> None:
        if not self.side_by_side.starts:
            return
        y = self.side_by_side.starts[max(0, min(row, len(self.side_by_side.starts) - 1))]
        if center:
            y = max(0, y - self.size.height // 3)
        self.scroll_to(0, y, animate=False, immediate=True)

    def step_change(self, forward: bool = True) -> int:
        """Move to the next (previous) row that is not equal; returns it or -1."""
        changed = [n for n, r in enumerate(self.rows) if r.op != "equal"]
        if not changed:
            return -1
        here = self.current if self.current >= 0 else (self.top_row() - (1 if forward else 0))
        later = [n for n in changed if (n > here if forward else n < here)]
        if later:
            self.current = later[0] if forward else later[-1]
        else:
            self.current = changed[0] if forward else changed[-1]
        self.scroll_to_row(self.current)
        self.refresh()
        return self.current

    def move_target(self, row: int) -> int | None:
        """For a moved paragraph (shown where A has it), the row where B has it; else None."""
        if not 0 <= row < len(self.rows) or self.rows[row].op != "move":
            return None
        to = self.rows[row].moved_to
        later = [n for n, r in enumerate(self.rows) if r.op != "move" and r.b is not None and r.b[0] > to]
        return later[0] if later else len(self.rows) - 1

    def jump_move(self) -> int:
        """On a moved paragraph, go to where B has it; pressed again, come back.  Returns the row or -1."""
        target = self.move_target(self.current)
        if target is None:
            if self.back is None:
                return -1
            target, self.back = self.back, None
        else:
            self.back = self.current
        self.current = target
        self.scroll_to_row(target)
        self.refresh()
        return target

    # -- painting ---------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        index = y + int(self.scroll_y)
        full = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self.side_by_side.lines):
            return Strip.blank(full, base)
        line = self.side_by_side.lines[index]
        row = self.rows[line.row]
        width = self._width
        gutter_style = self.get_component_rich_style("diff--current" if line.row == self.current else "diff--gutter")
        sign = SIGNS.get(row.op, "?") if line.first else " "
        left, right = self.side_by_side.texts(line, self._style, self._style)
        gutter = text_strip(Text(sign, style=gutter_style), base, 1, self.app.console)
        bar = text_strip(Text(" │ ", style=self.get_component_rich_style("diff--gutter")), base, 3, self.app.console)
        return (
            Strip.join([gutter, self._column(left, width, base), bar, self._column(right, width, base)])
            .extend_cell_length(full, base)
            .crop(0, full)
        )

    def _style(self, tag: str) -> Style:
        return self.get_component_rich_style(f"diff--{tag}")

    def _column(self, text: Text | None, width: int, base: Style) -> Strip:
        return Strip.blank(width, base) if text is None else text_strip(text, base, width, self.app.console)
