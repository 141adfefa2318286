"""The bookmarks panel's list: three lines a bookmark, drawn only for the rows on screen.

An ``OptionList`` measures every option when it is filled, so 100,000
bookmarks took seconds to open and to filter; here a row is laid out when it
is painted (and kept while it stays near the screen), so the cost follows the
screen's height, not the number of bookmarks.  Text from files and notes is
``Text`` with control characters made visible, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.engine.bookmarks.anchor import Placed
from tui.engine.bookmarks.bookmark import fit_cells
from tui.reader import bindings
from tui.reader.widgets.strips import text_strip
from tui.reader.widgets.virtual import set_virtual_size
from tui.render.safe import visible

ROW = 3  # lines per bookmark: where it is and its title, the quote, the note
CACHED_ROWS = 256  # rows kept laid out (a few screens)


def _line(text: str, cells: int) -> str:
    """``text`` on one line of at most ``cells`` cells, control characters visible, an ellipsis if cut.

    Only a head of the text is looked at: a title or a quote can be a whole file.
    """
    head = text[: 8 * cells + 64]
    flat = visible(" ".join(head.split()))
    shown = fit_cells(flat, cells)
    if len(shown) == len(flat) and len(head) == len(text):
        return shown
    return fit_cells(flat, cells - 1) + "…"


def row_lines(p: Placed, width: int) -> list[Text]:
    """The three lines of one bookmark, cut to ``width`` cells."""
    b, a = p.bookmark, p.anchor
    head = Text(no_wrap=True)
    if a is None:
        head.append("ORPHANED ", style="bold red")
        head.append(_line(b.article, max(width // 2, 1)), style="dim")
    else:
        head.append(_line(a.ref, max(width // 2, 1)), style="bold")
        if a.via_variant:
            head.append("  (in a variant)", style="italic yellow")
    head.append("  " + _line(b.title, max(width - head.cell_len - 2, 1)))
    quote = Text("  " + _line(b.exact, max(width - 2, 1)), style="dim" if a is None else "", no_wrap=True)
    note = Text("  ✎ " + _line(b.note, max(width - 4, 1)), style="italic", no_wrap=True) if b.note else Text()
    return [head, quote, note]


class MarkList(ScrollView, can_focus=True):
    """Bookmarks, one per ROW lines; page keys and Home/End move (the panel's arrows too); Enter or a click chooses."""

    COMPONENT_CLASSES = {"mark-list--cursor", "mark-list--empty"}
    DEFAULT_CSS = """
    MarkList { background: $surface; }
    MarkList > .mark-list--cursor { background: $block-cursor-blurred-background; }
    MarkList:focus > .mark-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    MarkList > .mark-list--empty { color: $text-muted; }
    """
    BINDINGS = bindings.MARK_LIST

    highlighted: reactive[int] = reactive(0, always_update=True, init=False)

    class Chosen(Message):
        """Enter or a click on a bookmark."""

        def __init__(self, mark_list: MarkList, index: int) -> None:
            super().__init__()
            self.mark_list = mark_list
            self.index = index

        @property
        def control(self) -> MarkList:
            return self.mark_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: Sequence[Placed] = []
        self.empty = "No bookmarks."
        self._rows: dict[int, list[Text]] = {}
        self._width = 0

    def show(self, entries: Sequence[Placed], highlighted: int = 0, empty: str = "No bookmarks.") -> None:
        """List ``entries`` (not copied), the cursor on ``highlighted``."""
        self.entries = entries
        self.empty = empty
        self._rows.clear()
        set_virtual_size(self, Size(self.scrollable_content_region.width, max(len(entries), 1) * ROW))
        self.highlighted = max(0, min(highlighted, len(entries) - 1))

    def forget(self, index: int) -> None:
        """Lay row ``index`` out again when next painted (its note changed)."""
        self._rows.pop(index, None)
        self.refresh()

    def validate_highlighted(self, index: int) -> int:
        return max(0, min(index, len(self.entries) - 1))

    def watch_highlighted(self, index: int) -> None:
        if self.entries:
            self.scroll_to_region(Region(0, index * ROW, 1, ROW), animate=False, force=True, immediate=True)
        self.refresh()

    def lines_of(self, index: int) -> list[Text]:
        """Row ``index`` as painted at the current width."""
        width = self.scrollable_content_region.width or 80
        if width != self._width:
            self._rows.clear()
            self._width = width
        if index not in self._rows:
            if len(self._rows) >= CACHED_ROWS:
                self._rows.clear()
            self._rows[index] = row_lines(self.entries[index], width)
        return self._rows[index]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        row, line = divmod(self.scroll_offset.y + y, ROW)
        if not self.entries:
            text = Text(self.empty if row == line == 0 else "", style=self.get_component_rich_style("mark-list--empty"))
            return text_strip(text, base, width, self.app.console)
        if row >= len(self.entries):
            return Strip.blank(width, base)
        style = base + self.get_component_rich_style("mark-list--cursor") if row == self.highlighted else base
        return text_strip(self.lines_of(row)[line], style, width, self.app.console)

    def on_resize(self) -> None:
        self._rows.clear()
        set_virtual_size(self, Size(self.scrollable_content_region.width, max(len(self.entries), 1) * ROW))

    def action_move(self, step: int) -> None:
        self.highlighted += step

    def action_page(self, direction: int) -> None:
        self.highlighted += direction * max(1, self.scrollable_content_region.height // ROW)

    def action_move_to(self, index: int) -> None:
        self.highlighted = index if index >= 0 else len(self.entries) - 1

    def action_choose(self) -> None:
        if self.entries:
            self.post_message(self.Chosen(self, self.highlighted))

    def on_click(self, event: events.Click) -> None:
        row = (event.y + self.scroll_offset.y) // ROW
        if 0 <= row < len(self.entries):
            self.highlighted = row
            self.post_message(self.Chosen(self, row))
