"""The article pane: paragraphs wrapped with the CJK line breaker, painted line by line.

Only the visible rows are rendered (Textual's line API), so a 100,000-character
article scrolls as fast as a short one.  The wrap is computed once per width
and mode; search hits and the current hit are painted over it.  File text is
made visible (control characters) and never parsed as markup.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from rich.cells import get_character_cell_size
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.engine.model import Article
from tui.reader.widgets.strips import text_strip
from tui.reader.widgets.virtual import set_virtual_size
from tui.render.safe import visible
from tui.render.words import next_word_end, previous_word_end
from tui.render.wrap import wrap

SHOWN_MAX = 100_000  # characters of one article laid out in the pane: ~50 ms on the UI thread (see capped)

# Paragraph kinds painted with their own component style; the rest are body text.
_KIND_STYLES = {
    "title": "article--title",
    "heading": "article--heading",
    "subtitle": "article--subtitle",
    "kicker": "article--subtitle",
    "byline": "article--meta",
    "meta": "article--meta",
    "credit": "article--meta",
    "closing": "article--meta",
    "quoted": "article--quoted",
}


@dataclass(frozen=True)
class Block:
    """One paragraph as laid out: its visible text and kind."""

    text: str
    kind: str


@dataclass(frozen=True)
class Line:
    block: int  # index into blocks, -1 for the blank line between paragraphs
    start: int
    end: int


NOTE = -2  # Line.block of the lines of the "not shown" note (not a paragraph: no marks, hits or copies)

Pos = tuple[int, int]  # (block, offset): a place in the text as shown, between two characters


def capped(blocks: list[Block], limit: int, whole: str) -> tuple[list[Block], str]:
    """``blocks`` up to ``limit`` characters (the last one cut), and a note of what was left out ("" if nothing).

    Laying out is linear but not free (about half a microsecond a character
    of Chinese, on the UI thread, again on every resize): a runaway article, a
    whole archive without one heading, must not freeze the reader.
    """
    total = sum(len(b.text) for b in blocks)
    if total <= limit:
        return blocks, ""
    out: list[Block] = []
    room = limit
    for b in blocks:
        if room <= 0:
            break
        out.append(b if len(b.text) <= room else Block(b.text[:room], b.kind))
        room -= len(b.text)
    return (
        out,
        f"… {total - limit:,} more characters are not shown here; `newsread show {whole}` prints the whole article.",
    )


def layout(blocks: list[Block], width: int, note: str = "") -> list[Line]:
    """Wrapped display lines of ``blocks``, a blank line between paragraphs, then the ``note`` if any."""
    lines: list[Line] = []
    for i, block in enumerate(blocks):
        if i:
            lines.append(Line(-1, 0, 0))
        lines.extend(Line(i, s, e) for s, e in wrap(block.text, width))
    if note:
        lines.append(Line(-1, 0, 0))
        lines.extend(Line(NOTE, s, e) for s, e in wrap(note, width))
    return lines


@lru_cache(maxsize=16)
def _wrapped(text: str, width: int) -> tuple[tuple[int, int], ...]:
    """``wrap`` of a short message, kept: every row of the pane paints from it."""
    return tuple(wrap(text, width))


def find_hits(blocks: list[Block], query: str) -> list[tuple[int, int, int]]:
    """(block, start, end) of every case-insensitive occurrence of ``query``."""
    if not query:
        return []
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    return [(i, m.start(), m.end()) for i, b in enumerate(blocks) for m in pattern.finditer(b.text)]


def overlay(text: Text, line: Line, start: int, end: int, style: Style) -> None:
    """Style the part of block range [start, end) that falls on ``line`` (``text`` is the line)."""
    if start < line.end and end > line.start:
        text.stylize(style, max(0, start - line.start), min(line.end, end) - line.start)


class ArticleView(ScrollView, can_focus=True):
    """Scrollable, wrapped view of one article (repaired or raw)."""

    COMPONENT_CLASSES = {
        "article--title",
        "article--heading",
        "article--subtitle",
        "article--meta",
        "article--quoted",
        "article--search",
        "article--search-current",
        "article--empty",
        "article--mark",
        "article--selection",
    }
    ALLOW_SELECT = False  # Textual's own text selection: this view selects passages itself (v, mouse drag)
    DEFAULT_CSS = """
    ArticleView {
        padding: 0 2; border-left: tall $panel; background: $surface;
        overflow-x: hidden; overflow-y: scroll; scrollbar-size-vertical: 1;
    }
    ArticleView:focus { border-left: tall $primary; }
    ArticleView > .article--title { text-style: bold; color: $primary; }
    ArticleView > .article--heading { text-style: bold; color: $accent; }
    ArticleView > .article--subtitle { text-style: italic; color: $secondary; }
    ArticleView > .article--meta { color: $text-muted; }
    ArticleView > .article--quoted { text-style: italic; }
    ArticleView > .article--search { background: $nr-search; color: black; }
    ArticleView > .article--search-current { background: $nr-search-current; color: black; text-style: bold; }
    ArticleView > .article--mark { text-style: underline; color: $nr-mark; }
    ArticleView > .article--empty { color: $text-muted; text-style: italic; }
    ArticleView > .article--selection { text-style: reverse; }
    """

    class Scrolled(Message):
        """The reading position changed (for the status line)."""

    class Selected(Message):
        """The selection started, changed or ended (for the status line)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.raw = False
        self.placeholder = "Loading…"
        self.blocks: list[Block] = []
        self.note = ""  # what was left out of a capped article (see capped)
        self.lines: list[Line] = []
        self.hits: list[tuple[int, int, int]] = []
        self.hit = -1  # index of the current hit
        self.query = ""
        self.marks: list[tuple[int, int, int]] = []  # bookmarked (block, start, end) in repaired mode
        self._block_first: list[int] = []  # first line of every block
        self._width = 0
        self.selection: tuple[Pos, Pos] | None = None  # [start, end) of the selected passage, start < end
        self._drag: Pos | None = None  # where a mouse drag started
        self._dragged = False

    # -- content --------------------------------------------------------
    def show(self, article: Article | None, *, raw: bool | None = None, keep_place: bool = False) -> None:
        """Show ``article`` (None: the placeholder); ``keep_place`` keeps the paragraph at the top."""
        anchor = self.anchor() if keep_place else None
        self.article = article
        if raw is not None:
            self.raw = raw
        if article is None:
            shown = [], ""
        elif self.raw:
            shown = capped([Block(visible(article.raw.strip("\n")), "raw")], SHOWN_MAX, visible(article.id))
        else:
            shown = capped([Block(visible(p.text), p.kind) for p in article.paragraphs], SHOWN_MAX, visible(article.id))
        same = shown == (self.blocks, self.note)  # the folder was re-read: laid out already
        self.blocks, self.note = shown
        self.hits = find_hits(self.blocks, self.query)
        self.hit = -1
        if not same:
            self.select(None)  # its places belong to the text it was made in
        self._relayout(force=not same)
        if anchor is not None:
            self.restore(anchor)
        else:
            self.scroll_to(0, 0, animate=False, immediate=True)

    def _relayout(self, force: bool = False) -> None:
        width = max(10, self.scrollable_content_region.width or self.size.width or 80)
        if not force and width == self._width:
            return
        self._width = width
        self.lines = layout(self.blocks, width, self.note)
        self._block_first = [0] * len(self.blocks)
        for n in range(len(self.lines) - 1, -1, -1):
            if self.lines[n].block >= 0:
                self._block_first[self.lines[n].block] = n
        set_virtual_size(self, Size(width, len(self.lines)))

    def on_resize(self) -> None:
        anchor = self.anchor()
        self._relayout()
        self.restore(anchor)

    # -- position ---------------------------------------------------------
    def first_whole_block(self) -> int:
        """The first paragraph that starts inside the pane (else the one at the top)."""
        y = int(self.scroll_y)
        for n in range(y, min(len(self.lines), y + max(1, self.size.height))):
            line = self.lines[n]
            if line.block >= 0 and self._block_first[line.block] == n:
                return line.block
        return self.top_block()

    def top_block(self) -> int:
        """The paragraph shown at the top of the pane (else the last one above it, as under a note; 0 if none)."""
        y = int(self.scroll_y)
        for line in self.lines[y : y + max(1, self.size.height)]:
            if line.block >= 0:
                return line.block
        return next((line.block for line in reversed(self.lines[:y]) if line.block >= 0), 0)

    def anchor(self) -> tuple[int, int]:
        """(block, offset) of the top line, to restore after a re-wrap."""
        y = int(self.scroll_y)
        if 0 <= y < len(self.lines) and self.lines[y].block >= 0:
            return self.lines[y].block, self.lines[y].start
        return self.top_block(), 0

    def restore(self, anchor: tuple[int, int]) -> None:
        block, offset = anchor
        y = self.line_of(block, offset)
        self.scroll_to(0, y, animate=False, immediate=True)

    def line_of(self, block: int, offset: int) -> int:
        """The display line showing ``offset`` of ``block``."""
        if not self.blocks:
            return 0
        block = min(block, len(self.blocks) - 1)
        y = self._block_first[block]
        while y + 1 < len(self.lines) and self.lines[y + 1].block == block and self.lines[y + 1].start <= offset:
            y += 1
        return y

    def fraction_read(self) -> float:
        """Share of the article at or above the bottom of the pane (1.0 when all shown)."""
        if not self.lines:
            return 1.0
        return min(1.0, (self.scroll_y + self.size.height) / len(self.lines))

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self.post_message(self.Scrolled())

    # -- search -----------------------------------------------------------
    def search(self, query: str, at: tuple[int, int] | None = None) -> int:
        """Highlight ``query``; returns the number of hits and moves to the first one below the top.

        With ``at`` (block, offset) it moves to the hit there instead (the first after it if none starts there).
        """
        self.query = query
        self.hits = find_hits(self.blocks, query)
        self.hit = -1
        self.refresh()
        if self.hits and at is not None:
            self.hit = min(bisect_left(self.hits, (at[0], at[1], -1)), len(self.hits) - 1)
            self._show_hit()
        elif self.hits:
            self.next_hit(forward=True)
        return len(self.hits)

    def next_hit(self, *, forward: bool = True) -> int:
        """Move to the next (or previous) hit, wrapping around; returns its index or -1."""
        if not self.hits:
            return -1
        if self.hit < 0:
            top = int(self.scroll_y)
            lines = [self.line_of(b, s) for b, s, _ in self.hits]
            after = [i for i, y in enumerate(lines) if y >= top]
            self.hit = (
                (after[0] if after else 0)
                if forward
                else ((after[0] - 1) % len(self.hits) if after else len(self.hits) - 1)
            )
        else:
            self.hit = (self.hit + (1 if forward else -1)) % len(self.hits)
        self._show_hit()
        return self.hit

    def _show_hit(self) -> None:
        """Scroll the current hit into view (a third down when it was not) and repaint."""
        b, s, _ = self.hits[self.hit]
        y = self.line_of(b, s)
        if not (self.scroll_y <= y < self.scroll_y + self.size.height):
            self.scroll_to(0, max(0, y - self.size.height // 3), animate=False, immediate=True)
        self.refresh()

    # -- selection ------------------------------------------------------
    def select(self, selection: tuple[Pos, Pos] | None) -> None:
        if selection != self.selection:
            self.selection = selection
            self.refresh()
            self.post_message(self.Selected())

    def select_top(self) -> bool:
        """`v`: select the line at the top of the view (or the first one below it with text)."""
        y = int(self.scroll_y)
        line = next((ln for ln in self.lines[y:] if ln.block >= 0 and ln.end > ln.start), None)
        if line is None:
            return False
        self.select(((line.block, line.start), (line.block, line.end)))
        return True

    def extend_lines(self, count: int) -> None:
        """Move the end of the selection ``count`` display lines down (up if negative), never before its start."""
        start, (block, offset) = self.selection
        y = self.line_of(block, max(0, offset - 1))  # the line of the last selected character
        step = 1 if count > 0 else -1
        for _ in range(abs(count)):
            t = y + step
            while 0 <= t < len(self.lines) and self.lines[t].block < 0:
                t += step
            if not 0 <= t < len(self.lines):
                break
            y = t
        end = (self.lines[y].block, self.lines[y].end)
        if end > start:
            self.select((start, end))
            self._keep_in_view(y)

    def extend_words(self, count: int) -> None:
        """Move the end of the selection ``count`` words on (back if negative), never before its start."""
        start, (block, offset) = self.selection
        for _ in range(abs(count)):
            if count > 0:
                if offset >= len(self.blocks[block].text) and block + 1 < len(self.blocks):
                    block, offset = block + 1, 0
                offset = next_word_end(self.blocks[block].text, offset)
            else:
                back = previous_word_end(self.blocks[block].text, offset)
                if back == 0 and block > start[0]:
                    block, back = block - 1, len(self.blocks[block - 1].text)
                if (block, back) <= start:
                    break
                offset = back
        if (block, offset) > start:
            self.select((start, (block, offset)))
            self._keep_in_view(self.line_of(block, max(0, offset - 1)))

    def selected_text(self) -> str:
        """The selected passage as shown, paragraphs separated by a blank line."""
        (b1, o1), (b2, o2) = self.selection
        if b1 == b2:
            return self.blocks[b1].text[o1:o2]
        middle = [b.text for b in self.blocks[b1 + 1 : b2]]
        return "\n\n".join([self.blocks[b1].text[o1:], *middle, self.blocks[b2].text[:o2]])

    def _keep_in_view(self, y: int) -> None:
        height = self.scrollable_content_region.height
        if y >= self.scroll_y + height:
            self.scroll_to(0, y - height + 1, animate=False, immediate=True)
        elif y < self.scroll_y:
            self.scroll_to(0, y, animate=False, immediate=True)

    def position_at(self, x: int, y: int) -> tuple[Pos, bool] | None:
        """The place under content cell (x, y), and whether a character is there (else: after a line's end)."""
        if not self.blocks:
            return None
        n = max(0, min(len(self.lines) - 1, int(self.scroll_y) + y))
        k = next((k for k in range(n, -1, -1) if self.lines[k].block >= 0), None)  # a blank line: the one above
        if k is None:
            return (0, 0), False
        line = self.lines[k]
        if k == n:
            cells = 0
            for i, ch in enumerate(self.blocks[line.block].text[line.start : line.end]):
                cells += get_character_cell_size(ch)
                if cells > x:
                    return (line.block, line.start + i), True
        return (line.block, line.end), False

    def on_mouse_down(self, event: events.MouseDown) -> None:
        offset = event.get_content_offset(self)
        if event.button != 1 or offset is None:
            return
        self._drag, self._dragged = self.position_at(offset.x, offset.y), False
        if self._drag is not None:
            self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Drag: select from where the button went down to the character under the pointer (either way)."""
        if self._drag is None:
            return
        offset = event.get_content_offset_capture(self)
        if offset.y >= self.scrollable_content_region.height or offset.y < 0:  # past an edge: scroll on
            self.scroll_to(0, self.scroll_y + (1 if offset.y > 0 else -1), animate=False, immediate=True)
        here = self.position_at(max(0, offset.x), max(0, offset.y))
        if here is None or (here == self._drag and not self._dragged):
            return
        self._dragged = True
        (start, _), (end, on_char) = sorted((self._drag, here))
        if on_char:
            end = (end[0], end[1] + 1)
        if end > start:
            self.select((start, end))

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._drag is not None:
            if not self._dragged:
                self.select(None)  # a click
            self._drag = None
            self.release_mouse()

    # -- painting ---------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        _, scroll_y = self.scroll_offset
        index = y + scroll_y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if not self.lines:
            placeholder = _wrapped(self.placeholder, width)
            if y >= len(placeholder):
                return Strip.blank(width, base)
            start, end = placeholder[y]
            text = Text(self.placeholder[start:end], style=self.get_component_rich_style("article--empty"))
            return text_strip(text, base, width, self.app.console)
        if index < len(self.lines) and self.lines[index].block == NOTE:
            line = self.lines[index]
            text = Text(self.note[line.start : line.end], style=self._kind_style("meta"), no_wrap=True)
            return text_strip(text, base, width, self.app.console)
        if index >= len(self.lines) or self.lines[index].block < 0:
            return Strip.blank(width, base)
        line = self.lines[index]
        block = self.blocks[line.block]
        text = Text(block.text[line.start : line.end], style=self._kind_style(block.kind), no_wrap=True)
        if not self.raw:
            mark = self.get_component_rich_style("article--mark")
            for b, s, e in self.marks:
                if b == line.block:
                    overlay(text, line, s, e, mark)
        if self.selection is not None:
            (b1, o1), (b2, o2) = self.selection
            if b1 <= line.block <= b2:
                s, e = (o1 if line.block == b1 else 0), (o2 if line.block == b2 else line.end)
                overlay(text, line, s, e, self.get_component_rich_style("article--selection"))
        first = bisect_left(self.hits, (line.block, -1, -1))  # hits are in (block, start) order
        last = bisect_left(self.hits, (line.block + 1, -1, -1))
        for n in range(first, last):
            _, s, e = self.hits[n]
            overlay(
                text,
                line,
                s,
                e,
                self.get_component_rich_style("article--search-current" if n == self.hit else "article--search"),
            )
        return text_strip(text, base, width, self.app.console)

    def _kind_style(self, kind: str) -> Style:
        name = _KIND_STYLES.get(kind)
        return self.get_component_rich_style(name) if name else Style()
