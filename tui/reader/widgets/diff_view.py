"""Side-by-side diff of two witnesses: aligned rows, one scroll for both columns.

Each row of a ``Comparison`` is wrapped into both columns with the CJK line
breaker and takes the height of its taller side, so the two columns can
never drift apart.  Changes are coloured by kind; moved paragraphs carry a
mark; `enter` on one jumps to where the other witness has it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.reader.widgets.strips import text_strip
from tui.reader.widgets.virtual import set_virtual_size
from tui.render.safe import visible
from tui.render.wrap import wrap

SIGNS = {"equal": " ", "replace": "~", "insert": "+", "delete": "-", "move": "↕"}
CHANGE_KINDS = ("content", "width", "punct", "space", "markup", "script")


@dataclass(frozen=True)
class DiffLine:
    row: int
    a: tuple[int, int] | None  # range of the row's a_text on this line, None when that side is blank
    b: tuple[int, int] | None
    first: bool  # first display line of its row


def diff_layout(rows, width: int) -> tuple[list[DiffLine], list[int]]:
    """Display lines for ``rows`` with columns ``width`` cells wide, and each row's first line."""
    lines: list[DiffLine] = []
    starts: list[int] = []
    for n, row in enumerate(rows):
        starts.append(len(lines))
        a = wrap(visible(row.a_text), width) if row.a is not None else []
        b = wrap(visible(row.b_text), width) if row.b is not None else []
        for k in range(max(len(a), len(b), 1)):
            lines.append(DiffLine(n, a[k] if k < len(a) else None, b[k] if k < len(b) else None, k == 0))
    return lines, starts


class DiffView(ScrollView, can_focus=True):
    """Two columns, A on the left and B on the right, scrolled together."""

    COMPONENT_CLASSES = {
        "diff--insert",
        "diff--delete",
        "diff--move",
        "diff--gutter",
        "diff--current",
        *(f"diff--{k}" for k in CHANGE_KINDS),
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
    DiffView > .diff--gutter { color: $text-muted; }
    DiffView > .diff--current { background: $accent; color: $background; text-style: bold; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: tuple = ()
        self.lines: list[DiffLine] = []
        self.row_start: list[int] = []
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
        self.lines, self.row_start = diff_layout(self.rows, width)
        set_virtual_size(self, Size(self.scrollable_content_region.width, len(self.lines)))

    def on_resize(self) -> None:
        row = self.top_row()
        self._relayout()
        self.scroll_to_row(row, center=False)

    def top_row(self) -> int:
        y = int(self.scroll_y)
        return self.lines[y].row if 0 <= y < len(self.lines) else 0

    def scroll_to_row(self, row: int, *, center: bool = True) -> None:
        if not self.row_start:
            return
        y = self.row_start[max(0, min(row, len(self.row_start) - 1))]
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
        if index >= len(self.lines):
            return Strip.blank(full, base)
        line = self.lines[index]
        row = self.rows[line.row]
        width = self._width
        gutter_style = self.get_component_rich_style("diff--current" if line.row == self.current else "diff--gutter")
        sign = SIGNS.get(row.op, "?") if line.first else " "
        left = self._side(row, "a", line.a, width, base)
        right = self._side(row, "b", line.b, width, base)
        gutter = text_strip(Text(sign, style=gutter_style), base, 1, self.app.console)
        bar = text_strip(Text(" │ ", style=self.get_component_rich_style("diff--gutter")), base, 3, self.app.console)
        return Strip.join([gutter, left, bar, right]).extend_cell_length(full, base).crop(0, full)

    def _side(self, row, side: str, span: tuple[int, int] | None, width: int, base: Style) -> Strip:
        if span is None:
            return Strip.blank(width, base)
        text_all = visible(row.a_text if side == "a" else row.b_text)
        s, e = span
        text = Text(text_all[s:e], no_wrap=True)
        whole = {"insert": "diff--insert", "delete": "diff--delete", "move": "diff--move"}.get(row.op)
        if whole:
            text.stylize(self.get_component_rich_style(whole))
        for change in row.changes if row.op in ("replace", "move") else ():
            cs, ce = change.a if side == "a" else change.b
            if cs < e and ce > s:
                text.stylize(self.get_component_rich_style(f"diff--{change.kind}"), max(0, cs - s), min(e, ce) - s)
        return text_strip(text, base, width, self.app.console)
