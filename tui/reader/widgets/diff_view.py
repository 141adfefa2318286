"""Side-by-side diff of two witnesses: aligned rows, one scroll for both columns.

The rows are laid out by :mod:`tui.render.sidebyside`, as in `newsread diff`:
each takes the height of its taller side, so the two columns can never
drift apart.  Only the lines on screen are styled; a tag (the row's
operation, a change's kind) is drawn as :mod:`tui.reader.widgets.looks` says.  A moved paragraph is drawn where each side has it, with a note
on the other side (``↳ moved to row 14``); `enter` on either half jumps to
the other.  `z` folds runs of equal paragraphs to one line.  The cursor is an
entry's place (:attr:`tui.render.sidebyside.Entry.at`), the row number the
user reads, so it survives folding and unfolding.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.strip import Strip

from tui.reader.widgets.density import StripView
from tui.reader.widgets.looks import STRONGEST, looks
from tui.reader.widgets.strips import text_strip
from tui.reader.widgets.virtual import set_virtual_size
from tui.render.sidebyside import MARKS, Entry, Layout, entries, folds, layout


class DiffView(StripView, can_focus=True):
    """Two columns, A on the left and B on the right, scrolled together."""

    COMPONENT_CLASSES = {"diff--gutter", "diff--current"}
    DEFAULT_CSS = """
    DiffView { background: $surface; overflow-x: hidden; overflow-y: scroll; scrollbar-size-vertical: 1; }
    DiffView > .diff--gutter { color: $text-muted; }
    DiffView > .diff--current { background: $accent; color: $background; text-style: bold; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: tuple = ()
        self.all: tuple[Entry, ...] = ()  # every entry, unfolded: ``all[at]``
        self.folded = False
        self.side_by_side: Layout = layout((), 0)
        self.current = -1  # the entry the cursor is on (its place, ``at``)
        self._width = 0
        self._tags: list[str | None] = []

    def show(self, rows, *, keep_place: bool = False) -> None:
        """Show ``rows``; ``keep_place`` keeps the cursor and the entry at the top (the same rows, kinds hidden)."""
        top = self.top_entry() if keep_place else 0
        self.rows = tuple(rows)
        self.all = entries(self.rows)
        if not keep_place or self.current >= len(self.all):
            self.current = -1
        self._relayout(force=True)
        self.scroll_to_entry(top, center=False)

    def toggle_fold(self) -> bool:
        """Fold (unfold) the runs of equal paragraphs; returns whether they are folded now."""
        top = self.top_entry()
        self.folded = not self.folded
        self._relayout(force=True)
        self.scroll_to_entry(self.current if self.current >= 0 else top, center=self.current >= 0)
        return self.folded

    def column_width(self) -> int:
        """Cells of each column: the text width less the gutter mark and the bar between the columns."""
        return max(8, (self.text_width() - 4) // 2)

    def _relayout(self, force: bool = False) -> None:
        width = self.column_width()
        if not force and width == self._width:
            return
        self._width = width
        shown = folds(self.rows, self.all) if self.folded else self.all
        self.side_by_side = laid = layout(self.rows, width, shown=shown)
        rank = {tag: k for k, tag in enumerate(STRONGEST)}
        self._tags = []  # each display line's strongest change (kept: the strip is redrawn on every resize)
        for line in laid.lines:
            tags = [t for t in laid.line_tags(line) if t in rank]
            self._tags.append(min(tags, key=rank.__getitem__) if tags else None)
        set_virtual_size(self, Size(self.scrollable_content_region.width, len(laid.lines)))
        self.update_density()

    def strip_tags(self) -> Sequence[str | None]:
        """Each display line's strongest change: a kind where a change lies on it, else its row's operation."""
        return self._tags

    def on_resize(self) -> None:
        top = self.top_entry()
        self._relayout()
        self.update_density()
        self.scroll_to_entry(top, center=False)

    def top_entry(self) -> int:
        """The place of the entry at the top of the view."""
        y = int(self.scroll_y)
        laid = self.side_by_side
        return laid.shown[laid.lines[y].entry].at if 0 <= y < len(laid.lines) else 0

    def scroll_to_entry(self, at: int, *, center: bool = True) -> None:
        if not self.side_by_side.lines:
            return
        y = self.side_by_side.line_of(max(0, min(at, len(self.all) - 1)))
        if center:
            y = max(0, y - self.size.height // 3)
        self.scroll_to(0, y, animate=False, immediate=True)

    def changed(self) -> list[int]:
        """The places of the entries that are not equal (both halves of a move)."""
        return [e.at for e in self.all if self.rows[e.row].op != "equal"]

    def step_change(self, forward: bool = True) -> int:
        """Move to the next (previous) entry that is not equal; returns its place or -1."""
        changed = self.changed()
        if not changed:
            return -1
        here = self.current if self.current >= 0 else (self.top_entry() - (1 if forward else 0))
        later = [n for n in changed if (n > here if forward else n < here)]
        if later:
            self.current = later[0] if forward else later[-1]
        else:
            self.current = changed[0] if forward else changed[-1]
        self.scroll_to_entry(self.current)
        self.refresh()
        return self.current

    def jump_move(self) -> int:
        """On either half of a moved paragraph, go to the other half (the paragraph itself); returns it or -1."""
        if not 0 <= self.current < len(self.all) or self.all[self.current].part not in ("from", "to"):
            return -1
        self.current = self.all[self.current].other
        self.scroll_to_entry(self.current)
        self.refresh()
        return self.current

    # -- painting ---------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        index = y + int(self.scroll_y)
        full = self.scrollable_content_region.width
        base = self.rich_style
        strip = Strip([self.density_segment(y, base)])
        if index >= len(self.side_by_side.lines):
            return Strip.join([Strip.blank(full - 1, base), strip])
        line = self.side_by_side.lines[index]
        entry = self.side_by_side.shown[line.entry]
        row = self.rows[line.row]
        width = self._width
        current = entry.part != "fold" and entry.at == self.current
        gutter_style = self.get_component_rich_style("diff--current" if current else "diff--gutter")
        sign = MARKS.get(row.op, "?") if line.first and entry.part != "fold" else " "
        left, right = self.side_by_side.texts(line, self._style, self._style)
        bar = Segment(" │ ", base + self.get_component_rich_style("diff--gutter"))
        parts = [
            Strip([Segment(sign, base + gutter_style)], 1),
            self._column(left, width, base),
            Strip([bar], 3),
            self._column(right, width, base),
        ]
        room = full - 1 - (2 * width + 4)  # the columns, their gutter and bar fill all but a cell or so
        if room > 0:
            parts.append(Strip.blank(room, base))
        if room < 0:  # a view narrower than two columns of eight: cut at the strip
            parts = [Strip.join(parts).crop(0, full - 1)]
        return Strip.join([*parts, strip])

    def _style(self, tag: str) -> Style | None:
        return looks(self.app)[0].get(tag)

    def _column(self, text: Text | None, width: int, base: Style) -> Strip:
        return Strip.blank(width, base) if text is None else text_strip(text, base, width, self.app.console)
