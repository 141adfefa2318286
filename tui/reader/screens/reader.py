"""The reading screen: file list, article pane, search bar and status line."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static, Tree
from textual.worker import get_current_worker

from tui.engine.ingest.load import Corpus
from tui.engine.model import Article
from tui.reader import bindings
from tui.reader.clipboard import copy_out
from tui.reader.library import Library
from tui.reader.widgets.article_view import ArticleView
from tui.reader.widgets.file_list import FileList
from tui.reader.widgets.footer import KeyFooter
from tui.render.safe import visible

BUILD_WAIT = 0.3  # seconds the splash waits for the folder before the layout comes without it


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
    TYPED = bindings.reading_actions(bindings.READER)  # keys that type into an input instead, when one has focus

    class Ready(Message):
        """The screen is on: the folder can be read for it."""

    class Shown(Message):
        """The folder's articles are on screen (the app groups them after this frame)."""

    class CompareWanted(Message):
        """The user asked to compare the witnesses of ``article``'s story: ``kind`` is "diff" or "collate"."""

        def __init__(self, article: Article | None, kind: str) -> None:
            super().__init__()
            self.article = article
            self.kind = kind

    class BookmarksChanged(Message):
        """The bookmarks panel closed: notes may have been edited or bookmarks deleted."""

    def __init__(self, library: Library, keymap: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.library = library
        self.keymap = keymap or {}  # keymap.toml, for the key hints of the screens opened from here
        self.article: Article | None = None
        self.progress = ""
        self.built = False
        self.building = False
        self.waiting: tuple | None = None  # a folder read before the layout was built: shown once it is
        self.placed = 0.0  # place() as of the last scroll, for saving after the widgets are gone
        self.where = ""  # file and encoding shown in the header
        self.search_index = None  # F's index of the folder (find.FolderIndex), made on the first F

    def compose(self) -> ComposeResult:
        # The first frame is one line, so the window appears at once; the layout follows.
        yield Static(Text(f"newsread · opening {visible(str(self.library.folder))}…"), id="splash")

    def on_mount(self) -> None:
        """Have the folder read now, and lay out when it is (one layout, painted once, with the list in it).

        A folder that takes longer than BUILD_WAIT gets the layout then, with
        the progress on the status line.
        """
        self.post_message(self.Ready())
        self.set_timer(BUILD_WAIT, self._build)

    async def _build(self) -> None:
        if self.building:
            return
        self.building = True
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
        await self.mount(KeyFooter())
        self.built = True
        self.set_header()
        self.update_status()
        if self.waiting is not None:
            self.show_folder(*self.waiting)

    @property
    def pane(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def files(self) -> FileList:
        return self.query_one(FileList)

    def on_resize(self) -> None:
        self.set_class(self.size.width < 90, "-narrow")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool:
        """Reading keys act on the article whatever has focus, except in the search bar, where they are typed.

        j k w b extend a selection while there is one, and scroll (or nothing) otherwise.
        """
        if action in ("extend_line", "extend_word") and not (self.built and self.pane.selection):
            return False
        return not (action in self.TYPED and isinstance(self.focused, Input))

    @property
    def live(self) -> bool:
        """Not being taken down (a worker's late result has nowhere to go otherwise)."""
        return self.is_running and (bool(self.query("#article")) if self.built else bool(self.query("#splash")))

    # -- the folder ---------------------------------------------------------
    def show_folder(
        self, read: set[str], opening: tuple[Article, float | None] | None = None, listing: tuple = ()
    ) -> None:
        """Show the library's (re)loaded corpus, keeping the open article and place, else ``opening`` it.

        ``listing``: a first glance's files in list order, read (text files) or only named (paths).
        """
        if not self.built:
            self.waiting = (read, opening, listing)
            self.call_later(self._build)
            return
        self.waiting = None
        current = self.article
        anchor = self.pane.anchor() if current else None
        self.files.fill(self.library.corpus, listing)
        self.files.set_read(read | self.files.read)
        if current is not None:
            again = self.library.again(current)
            if again is not None:
                self.article = None  # nothing to leave: the place was kept in ``anchor``
                self.open_article(again)
                self.pane.restore(anchor)
        elif opening is not None:
            self.open_article(opening[0], focus=True, position=opening[1])
        elif not self.library.order:
            self._placeholder("No articles in this folder.")
        else:
            self._placeholder("Select an article (enter), or press J for the first one.")
            self.files.show_article(self.library.order[0])
            self.files.focus()
        self.update_status()
        self.post_message(self.Shown())

    def _placeholder(self, text: str) -> None:
        self.pane.placeholder = text
        self.pane.refresh()

    def show_groups(self) -> None:
        """The stories are grouped: badge every article with its number of witnesses."""
        self.files.set_badges(self.library.badges())

    def show_progress(self, text: str) -> None:
        """What the background work is doing, on the status line ("" when done)."""
        self.progress = text
        if self.built:
            self.update_status()

    # -- opening ------------------------------------------------------------
    def open_article(self, article: Article, *, focus: bool = False, position: float | None = None) -> None:
        """Show ``article``, remember the place we leave, mark it read."""
        self._leave()
        self.article = article
        self.pane.show(article)
        self.show_marks()
        if position:
            self.call_after_refresh(self._scroll_fraction, position)
        self.files.show_article(article)
        self.files.mark_read(article.id)
        self.library.opened(article)
        tf = self.library.text_file(article)
        where = [article.file, *([article.source.label] if article.source and article.source.label else [])]
        kind = f"{tf.format}, {tf.encoding}" if tf and tf.format != "text" else (tf.encoding if tf else "?")
        self.set_header(" · ".join([*where, kind]))
        if focus:
            self.pane.focus()
        self.update_status()

    def _leave(self) -> None:
        """Remember where we were in the open article (before another opens, or the reader closes)."""
        if self.article is not None:
            self.library.left(self.article.id, self.placed)

    def on_unmount(self) -> None:
        self._leave()

    def set_header(self, where: str = "") -> None:
        """The top line: app, folder, and the open article's file and encoding."""
        self.where = visible(where)
        folder = self.library.folder
        line = Text.assemble(("newsread", "bold"), " · ", visible(folder.name or str(folder)))
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
        order = self.library.order
        n = self.library.position(self.article)
        if n is not None:
            parts.append(f"article {n + 1} of {len(order)} · {round(self.pane.fraction_read() * 100)}% read")
            if self.pane.raw:
                parts.append("raw")
        elif self.library.loaded:
            parts.append(f"{len(order)} articles" + (" so far" if self.library.partial else ""))
        if self.pane.query:
            pos = self.pane.hit + 1 if self.pane.hit >= 0 else 0
            parts.append(f"/{visible(self.pane.query)} {pos}/{len(self.pane.hits)}")
        if self.pane.selection:
            chars = len(self.pane.selected_text())
            parts.append(
                f"selected {chars} characters: "
                + bindings.hint(self.app, self.keymap, ("reader.bookmark", "mark"), ("reader.copy", "copy"))
                + " · esc drop"
            )
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
        if not self.library.order:
            return
        target = self.library.step(self.article, delta)
        if target is None:
            ends = "last article" if delta > 0 else "first article"
            self.notify(f"{ends} read so far" if self.library.partial else ends, timeout=2)
            return
        self.open_article(target)

    def action_next_unread(self) -> None:
        target = self.library.next_unread(self.article, self.files.read)
        if target is None:
            self.notify("no unread articles", timeout=2)
            return
        self.open_article(target)

    def action_toggle_sidebar(self) -> None:
        """`\\`: hide the file list (the article takes the width) or show it again."""
        files = self.files
        files.display = not files.display
        if not files.display and self.focused is files:
            self.pane.focus()

    def action_toggle_raw(self) -> None:
        if self.article is not None:
            self.pane.show(self.article, raw=not self.pane.raw, keep_place=True)
            self.update_status()

    def action_copy(self) -> None:
        """Copy the selection, else the paragraph at the top of the pane, with its citation."""
        a = self.article
        if a is None or not a.paragraphs:
            return
        if self.pane.selection:
            start, _ = self._selected_span()
            text, what = self.pane.selected_text(), "selection"
        else:
            if self.pane.raw:
                start = self._raw_offset(self.pane.anchor())
            else:
                start = a.paragraphs[min(self.pane.top_block(), len(a.paragraphs) - 1)].raw_start
            paragraph = self._paragraph_at(start)
            start, text, what = paragraph.raw_start, paragraph.text, "paragraph"
        line = self._line_at(start)
        source = f"{a.source.label}, " if a.source and a.source.label else ""
        copy_out(self, f"{text}\n— {a.title}, {source}{visible(a.file)}, line {line}", f"{what} (line {line})")

    def _raw_offset(self, pos: tuple[int, int]) -> int:
        """Offset in the article's raw text of a place in the pane (as shown: repaired or raw)."""
        a, (block, offset) = self.article, pos
        if self.pane.raw:
            return offset + len(a.raw) - len(a.raw.lstrip("\n"))
        return a.paragraphs[block].raw_offset(offset)

    def _selected_span(self) -> tuple[int, int]:
        """[start, end) of the selection in the article's raw text."""
        start, (block, offset) = self.pane.selection
        return self._raw_offset(start), self._raw_offset((block, offset - 1)) + 1

    def _paragraph_at(self, offset: int):
        return next((p for p in self.article.paragraphs if p.raw_end > offset), self.article.paragraphs[-1])

    def _line_at(self, offset: int) -> int:
        """The file line of raw offset ``offset``."""
        p = self._paragraph_at(offset)
        return p.line + self.article.raw.count("\n", p.raw_start, max(p.raw_start, offset))

    # -- selecting ------------------------------------------------------------
    def action_select(self) -> None:
        if self.article is None or not self.pane.select_top():
            self.notify("nothing to select here", timeout=2)

    def action_extend_line(self, count: int) -> None:
        self.pane.extend_lines(count)

    def action_extend_word(self, count: int) -> None:
        self.pane.extend_words(count)

    @on(ArticleView.Selected)
    def _selection_changed(self) -> None:
        self.refresh_bindings()
        self.update_status()

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
        if self.pane.selection:
            self.pane.select(None)
        elif self.query_one("#searchbar", Input).has_class("-shown"):
            self._close_search()
        elif self.pane.query:
            self.search_for("")

    def action_hit(self, direction: int) -> None:
        if not self.pane.hits:
            self.notify("no search (press /)", timeout=2)
            return
        self.pane.next_hit(forward=direction > 0)
        self.update_status()

    def search_for(self, query: str) -> None:
        """Highlight ``query`` in the open article."""
        self.pane.search(query)
        self.update_status()

    def action_corpus_search(self) -> None:
        from tui.reader.screens.find import FindScreen, FolderIndex

        corpus = self.library.corpus
        if corpus is not None:
            if self.search_index is None:
                self.search_index = FolderIndex()
            if self.search_index.ready(corpus) is None:
                self.index_folder(corpus)
            self.app.push_screen(FindScreen(corpus, self.search_index), self._found)

    @work(thread=True, group="search-index")
    def index_folder(self, corpus: Corpus) -> None:
        """Bring the folder's search index up to ``corpus``; F reads the articles until it is (stopped between
        two files when the reader closes: the next F goes on from there)."""
        worker = get_current_worker()
        self.search_index.sync(corpus, lambda: worker.is_cancelled)

    def _found(self, result: tuple[str, str, int] | None) -> None:
        """Open the article of the hit chosen in `F`, at that hit (``n``/``N`` go on from it)."""
        from tui.reader.screens.find import paragraph_at

        article = self.library.article(result[0]) if result else None
        if article is not None:
            self.open_article(article, focus=True)
            self.pane.search(result[1], at=None if self.pane.raw else paragraph_at(article, result[2]))
            self.update_status()

    # -- bookmarks ------------------------------------------------------------
    def action_bookmark(self) -> None:
        """Ask for a note, then bookmark the selection, else the first paragraph in view."""
        from tui.engine.bookmarks.anchor import paragraph_span
        from tui.engine.bookmarks.bookmark import quote_too_long
        from tui.reader.screens.bookmarks import NoteScreen

        article = self.article
        if article is None or not article.paragraphs:
            self.notify("open an article first", timeout=2)
            return
        problem = self.library.cannot_bookmark()
        if problem:
            self.notify(problem, severity="warning", markup=False)
            return
        corpus = self.library.corpus  # the text shown: the folder may be re-read while the note is typed
        if self.pane.selection:
            (start, end), quote = self._selected_span(), self.pane.selected_text()
        else:
            paragraph = article.paragraphs[self.pane.first_whole_block()]
            (start, end), quote = paragraph_span(paragraph), paragraph.text
        line = self._line_at(start)
        if too_long := quote_too_long(end - start):
            self.notify(f"{too_long}: this passage cannot be bookmarked", severity="warning")
            return

        def save(note: str | None) -> None:
            if note is None:
                return
            if problem := self.library.add_bookmark(corpus, article, start, end, note):
                self.notify(visible(problem), severity="warning", markup=False)
            else:
                self.pane.select(None)
                self.show_marks()
                self.notify(visible(f"bookmarked {article.id}, line {line}"), timeout=2, markup=False)

        self.app.push_screen(NoteScreen(quote), save)

    def action_bookmarks(self) -> None:
        """The bookmarks panel; choosing one opens its passage."""
        from tui.reader.screens.bookmarks import BookmarksScreen

        store = self.library.store
        if store is None:
            self.notify("bookmarks are not available yet", timeout=2)
            return
        self.library.state.flush()
        self.app.push_screen(BookmarksScreen(list(self.library.placed), store, self.keymap), self._jump_to_mark)

    def _jump_to_mark(self, placed) -> None:
        from tui.engine.bookmarks.anchor import text_spans

        self.post_message(self.BookmarksChanged())
        article = self.library.article(placed.anchor.article.id) if placed and placed.anchor else None
        if article is None:
            return
        self.open_article(article, focus=True)
        spans = text_spans(article, placed.anchor.start, placed.anchor.end)
        if spans:
            self.pane.restore((spans[0][0], spans[0][1]))

    def show_marks(self) -> None:
        """Underline the bookmarked passages of the open article."""
        self.pane.marks = self.library.marks_in(self.article) if self.article else []
        self.pane.refresh()

    # -- comparing ------------------------------------------------------------
    def action_diff(self) -> None:
        self.post_message(self.CompareWanted(self.article, "diff"))

    def action_collate(self) -> None:
        self.post_message(self.CompareWanted(self.article, "collate"))
