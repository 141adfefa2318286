"""The reading screen: file list, article pane, search bar and status line."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Static, Tree

from tui.engine.model import Article
from tui.reader import bindings
from tui.reader.widgets.article_view import ArticleView
from tui.reader.widgets.file_list import FileList
from tui.render.safe import visible


class ReaderScreen(Screen):
    """Read articles; every key is a binding with an id (see keymap.toml)."""

    AUTO_FOCUS = "#files"
    DEFAULT_CSS = """
    ReaderScreen #header { height: 1; background: $primary-muted; color: $text; padding: 0 1; }
    ReaderScreen #status { height: 1; background: $panel; color: $text-muted; padding: 0 1; }
    ReaderScreen #searchbar { dock: bottom; display: none; height: 3; }
    ReaderScreen #searchbar.-shown { display: block; }
    ReaderScreen FileList { width: 38; }
    ReaderScreen.-narrow FileList { width: 24; }
    """
    BINDINGS = bindings.READER

    def __init__(self) -> None:
        super().__init__()
        self.article: Article | None = None
        self.progress = ""
        self.built = False
        self.placed = 0.0  # place() as of the last scroll, for saving after the widgets are gone
        self.where = ""  # file and encoding shown in the header

    def compose(self) -> ComposeResult:
        # The first frame is one line, so the window appears at once; the layout follows.
        yield Static(Text(f"newsread · opening {visible(str(self.app.folder))}…"), id="splash")

    def on_mount(self) -> None:
        self.call_after_refresh(self._build)

    async def _build(self) -> None:
        await self.query_one("#splash").remove()
        panes = Horizontal(
            FileList(id="files"),
            Vertical(
                ArticleView(id="article"),
                Input(placeholder="search this article (enter: find, escape: cancel)", id="searchbar"),
            ),
        )
        await self.mount(Static(id="header"), panes, Static(id="status"))
        # Focus before the Footer exists: it composes once, for the file list's keys,
        # instead of again (dozens of widgets restyled) when loading ends.
        self.files.focus()
        await self.mount(Footer())
        self.built = True
        self.set_header()
        self.app.reader_ready()

    @property
    def pane(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def files(self) -> FileList:
        return self.query_one(FileList)

    def on_resize(self) -> None:
        self.set_class(self.size.width < 90, "-narrow")

    # -- opening ------------------------------------------------------------
    def open_article(self, article: Article, *, focus: bool = False, position: float | None = None) -> None:
        """Show ``article``, remember the place we leave, mark it read."""
        self.app.leave_article()
        self.article = article
        self.pane.show(article)
        self.show_marks()
        if position:
            self.call_after_refresh(self._scroll_fraction, position)
        self.files.show_article(article)
        self.app.entered_article(article)
        tf = self.app.corpus.file(article.file) if self.app.corpus else None
        where = [article.file, *([article.source.label] if article.source and article.source.label else [])]
        kind = f"{tf.format}, {tf.encoding}" if tf and tf.format != "text" else (tf.encoding if tf else "?")
        self.set_header(" · ".join([*where, kind]))
        if focus:
            self.pane.focus()
        self.update_status()

    def set_header(self, where: str = "") -> None:
        """The top line: app, folder, and the open article's file and encoding."""
        self.where = visible(where)
        line = Text.assemble(("newsread", "bold"), " · ", visible(self.app.folder.name or str(self.app.folder)))
        if where:
            line.append(" · " + self.where, style="bold")
        self.query_one("#header", Static).update(line, layout=False)

    def _scroll_fraction(self, fraction: float) -> None:
        self.pane.scroll_to(0, round(fraction * max(0, len(self.pane.lines) - 1)), animate=False, immediate=True)
        self.update_status()

    def place(self) -> float:
        """Where we are in the article, as a fraction of its lines (stored between runs)."""
        lines = len(self.pane.lines)
        return self.pane.scroll_y / max(1, lines - 1) if lines > 1 else 0.0

    @on(Tree.NodeSelected, "#files")
    def _selected(self, event: Tree.NodeSelected) -> None:
        if isinstance(event.node.data, Article):
            self.open_article(event.node.data, focus=True)

    @on(ArticleView.Scrolled)
    def _scrolled(self) -> None:
        self.placed = self.place()
        self.update_status()

    def update_status(self) -> None:
        parts = []
        order = self.app.order
        if self.article is not None and self.article.id in self.app.position_of:
            n = self.app.position_of[self.article.id] + 1
            parts.append(f"article {n} of {len(order)} · {round(self.pane.fraction_read() * 100)}% read")
            if self.pane.raw:
                parts.append("raw")
        elif self.app.corpus is not None:
            parts.append(f"{len(order)} articles")
        if self.pane.query:
            pos = self.pane.hit + 1 if self.pane.hit >= 0 else 0
            parts.append(f"/{visible(self.pane.query)} {pos}/{len(self.pane.hits)}")
        if self.progress:
            parts.append(self.progress)
        self.query_one("#status", Static).update(Text("  ·  ".join(parts)), layout=False)

    # -- reading keys ---------------------------------------------------------
    def action_scroll(self, lines: int) -> None:
        self.pane.scroll_to(y=self.pane.scroll_y + lines, animate=False, immediate=True)

    def action_page(self, direction: int) -> None:
        step = max(1, self.pane.scrollable_content_region.height - 1)
        self.pane.scroll_to(y=self.pane.scroll_y + direction * step, animate=False, immediate=True)

    def action_edge(self, bottom: int) -> None:
        self.pane.scroll_to(y=self.pane.max_scroll_y if bottom else 0, animate=False, immediate=True)

    def action_step(self, delta: int) -> None:
        order = self.app.order
        if not order:
            return
        if self.article is None or self.article.id not in self.app.position_of:
            target = 0 if delta > 0 else len(order) - 1
        else:
            target = self.app.position_of[self.article.id] + delta
            if not 0 <= target < len(order):
                self.notify("last article" if delta > 0 else "first article", timeout=2)
                return
        self.open_article(order[target])

    def action_next_unread(self) -> None:
        order = self.app.order
        start = self.app.position_of.get(self.article.id, -1) if self.article else -1
        read = self.files.read
        for k in range(1, len(order) + 1):
            a = order[(start + k) % len(order)]
            if a.id not in read:
                self.open_article(a)
                return
        self.notify("no unread articles", timeout=2)

    def action_toggle_raw(self) -> None:
        if self.article is not None:
            self.pane.show(self.article, raw=not self.pane.raw, keep_place=True)
            self.update_status()

    def action_copy(self) -> None:
        """Copy the paragraph at the top of the pane with its citation."""
        a = self.article
        if a is None or not a.paragraphs:
            return
        if self.pane.raw:
            _, offset = self.pane.anchor()
            offset += len(a.raw) - len(a.raw.lstrip("\n"))
            p = next((p for p in a.paragraphs if p.raw_end > offset), a.paragraphs[-1])
        else:
            p = a.paragraphs[min(self.pane.top_block(), len(a.paragraphs) - 1)]
        source = f"{a.source.label}, " if a.source and a.source.label else ""
        cite = f"{p.text}\n— {a.title}, {source}{a.file}, line {p.line}"
        self.app.copy_to_clipboard(cite)
        self.notify(f"copied paragraph (line {p.line})", timeout=2)

    # -- search ---------------------------------------------------------------
    def action_search(self) -> None:
        bar = self.query_one("#searchbar", Input)
        bar.add_class("-shown")
        bar.value = self.pane.query
        bar.focus()

    @on(Input.Submitted, "#searchbar")
    def _search(self, event: Input.Submitted) -> None:
        self._close_search()
        count = self.pane.search(event.value)
        if event.value and not count:
            self.notify(f"not found: {visible(event.value)}", timeout=2, markup=False)
        self.update_status()

    def _close_search(self) -> None:
        self.query_one("#searchbar", Input).remove_class("-shown")
        self.pane.focus()

    def action_clear_search(self) -> None:
        if self.query_one("#searchbar", Input).has_class("-shown"):
            self._close_search()
        elif self.pane.query:
            self.pane.search("")
            self.update_status()

    def action_hit(self, direction: int) -> None:
        if not self.pane.hits:
            self.notify("no search (press /)", timeout=2)
            return
        self.pane.next_hit(forward=direction > 0)
        self.update_status()

    def search_for(self, query: str) -> None:
        """Highlight ``query`` in the open article (from the corpus search)."""
        self.pane.search(query)
        self.update_status()

    def action_corpus_search(self) -> None:
        self.app.open_corpus_search()

    def action_bookmark(self) -> None:
        if self.article is None or not self.article.paragraphs:
            self.notify("open an article first", timeout=2)
            return
        self.app.bookmark_paragraph(self.article, self.pane.first_whole_block())

    def action_bookmarks(self) -> None:
        self.app.open_bookmarks()

    def show_marks(self) -> None:
        """Underline the bookmarked passages of the open article."""
        self.pane.marks = self.app.marks_in(self.article) if self.article else []
        self.pane.refresh()

    def action_diff(self) -> None:
        self.app.open_diff(self.article)

    def action_collate(self) -> None:
        self.app.open_collation(self.article)
