"""The reader application: loads the folder off the UI thread and owns the shared state.

Screens (reading, diff, collation, help, search) ask the app for the corpus,
the article order, the variant groups and the settings; the app alone talks
to the store and the settings files.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import App
from textual.worker import WorkerState, get_current_worker

from tui.engine.diff.kinds import IGNORABLE
from tui.engine.ingest.load import Corpus, load
from tui.engine.ingest.scan import stamps
from tui.engine.model import Article
from tui.engine.refs import RefError, resolve
from tui.locations import bundled_themes, config_dir
from tui.reader import bindings
from tui.reader.commands import ArticleTitles
from tui.reader.keymap import load_keymap
from tui.reader.screens.reader import ReaderScreen
from tui.reader.settings import Settings
from tui.reader.state import ReadingState
from tui.reader.themes import DEFAULT_THEME, NR_VARIABLES, load_themes
from tui.render.safe import visible

POLL_SECONDS = 2.0
IGNORE_MINOR = frozenset(IGNORABLE)  # every kind but content, as `--ignore` takes them


class NewsreadApp(App):
    """newsread: read a folder of news text and compare the variants of a story."""

    TITLE = "newsread"
    COMMANDS = App.COMMANDS | {ArticleTitles}
    BINDINGS = bindings.APP

    def __init__(
        self, folder: str | Path, *, open_ref: str | None = None, theme_name: str | None = None, poll: bool = True
    ) -> None:
        super().__init__()
        self.folder = Path(folder)
        self.open_ref = open_ref
        self.poll = poll
        self.corpus: Corpus | None = None
        self.order: list[Article] = []
        self.position_of: dict[str, int] = {}
        self.settings = Settings.load()
        self.notices: list[str] = [self.settings.notice] if self.settings.notice else []
        self.reader = ReaderScreen()
        self.state: ReadingState | None = None  # opened with the folder, in the loading worker
        self.resume: tuple[str, float | None] | None = None
        self.ignore: frozenset[str] = self.settings.ignore
        self.group_of: dict[str, object] = {}
        self.groups: list = []
        self.placed: list = []  # the folder's bookmarks with their anchors (tui.engine.bookmarks.anchor.Placed)
        self.grouped = False
        self.loaded = False
        self._stamps: list[tuple] = []  # the folder as it was when last loaded
        themes, notices = load_themes(bundled_themes(), config_dir() / "themes")
        self.notices += notices
        for theme in themes:
            self.register_theme(theme)
        wanted = theme_name or self.settings.theme or DEFAULT_THEME
        if wanted not in self.available_themes:
            self.notices.append(f"no theme named {visible(wanted)!r}; using {DEFAULT_THEME}")
            wanted = DEFAULT_THEME
        self.theme = wanted
        self.keymap_path = config_dir() / "keymap.toml"
        self.keymap: dict[str, str] = {}

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return {**super().get_theme_variable_defaults(), **NR_VARIABLES}

    def get_default_screen(self) -> ReaderScreen:
        return self.reader

    def on_mount(self) -> None:
        self.title = visible(self.folder.name or str(self.folder))
        self.keymap, notices = load_keymap(self.keymap_path, bindings.BINDING_IDS)
        self.notices += notices
        if self.keymap:
            self.set_keymap(self.keymap)
        for notice in self.notices:
            self.notify(notice, severity="warning", timeout=8, markup=False)
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def reader_ready(self) -> None:
        """The reading screen is laid out: start loading the folder."""
        self._progress("indexing…")
        self.load_corpus()
        if self.poll:
            self.set_interval(POLL_SECONDS, self.check_files)

    def _remember_theme(self, theme) -> None:
        if theme.name != self.settings.theme:
            self.settings.theme = theme.name
            problem = self.settings.save()
            if problem:
                self.notify(problem, severity="warning", markup=False)

    # -- loading --------------------------------------------------------------
    @work(thread=True, exclusive=True, group="load", description="indexing")
    def load_corpus(self) -> None:
        worker = get_current_worker()

        def progress(n: int, total: int) -> None:
            if n == total or n % 50 == 0:
                self.call_from_thread(self._deliver, self._progress, f"indexing {n}/{total}")

        try:
            before = stamps(self.folder)
        except OSError:
            before = []
        corpus = load(self.folder, progress=progress)  # no collector pass walks it meanwhile (a UI stall)
        if self.state is None:
            self.state = ReadingState(corpus.root)
            notice = self.state.open()
            if notice:
                self.call_from_thread(self.notify, notice, severity="warning", timeout=10, markup=False)
            self.resume = self.state.last()
        read = self.state.read_ids()
        if not worker.is_cancelled:
            self.call_from_thread(self._deliver, self.show_corpus, corpus, read, before)

    def _deliver(self, callback, *args) -> None:
        """Run a worker's result on the UI thread, unless the reader is being taken down (quitting)."""
        if self.reader.is_running and self.reader.query("#article"):
            callback(*args)

    def _progress(self, text: str) -> None:
        self.reader.progress = text
        if self.reader.built:
            self.reader.update_status()

    def show_corpus(
        self, corpus: Corpus, read: set[str] = frozenset(), folder_stamps: list[tuple] | None = None
    ) -> None:
        """Show a (re)loaded corpus, keeping the open article and place when there is one."""
        current = self.reader.article
        anchor = self.reader.pane.anchor() if current else None
        self.corpus = corpus
        self.order = corpus.articles
        self.position_of = {a.id: n for n, a in enumerate(self.order)}
        self._stamps = folder_stamps or []
        self.reader.files.fill(corpus)
        self.reader.files.set_read(read | self.reader.files.read)
        self.reader.progress = "grouping…"
        self.loaded = True
        self.grouped = False
        self.call_after_refresh(self.find_variants, corpus)  # after this frame: no GIL contention while it paints
        if current is not None:
            again = corpus.article(current.id) or next((a for a in self.order if a.file == current.file), None)
            if again is not None:
                self.reader.article = None
                self.reader.open_article(again)
                self.reader.pane.restore(anchor)
        else:
            self._open_first()
        self.reader.update_status()

    def _open_first(self) -> None:
        assert self.corpus is not None
        if self.open_ref:
            try:
                articles = resolve(self.corpus, self.open_ref).articles
            except RefError as e:
                self.notify(f"--open: {e}", severity="error", markup=False)
            else:
                if articles:
                    self.reader.open_article(articles[0], focus=True)
                    return
        resume = self.corpus.article(self.resume[0]) if self.resume else None
        if resume is not None:
            self.reader.open_article(resume, focus=True, position=self.resume[1])
            return
        if not self.order:
            self.reader.pane.placeholder = "No articles in this folder."
            self.reader.pane.refresh()
            return
        self.reader.pane.placeholder = "Select an article (enter), or press J for the first one."
        self.reader.pane.refresh()
        self.reader.files.show_article(self.order[0])
        self.reader.files.focus()

    # -- reading state --------------------------------------------------------
    def leave_article(self) -> None:
        """Called before the reader switches article (or quits): remember where we were in it."""
        if self.state is not None and self.reader.article is not None:
            self.state.set_position(self.reader.article.id, self.reader.placed)

    def entered_article(self, article: Article) -> None:
        self.reader.files.mark_read(article.id)
        if self.state is not None:
            self.state.mark_read(article.id)
            self.state.set_last(article.id)

    def on_unmount(self) -> None:
        self.leave_article()
        if self.state is not None:
            self.state.close()

    # -- files changed on disk ------------------------------------------------
    def check_files(self) -> None:
        """Poll the folder, unless a (re)load is under way: it will take stamps of its own."""
        loading = any(w.group == "load" and w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in self.workers)
        if self.loaded and not loading:
            self._poll_files()

    @work(thread=True, exclusive=True, group="poll")
    def _poll_files(self) -> None:
        """Stat the folder off the UI thread; reload when a file changed, appeared or went."""
        if self.corpus is None:
            return
        try:
            now = stamps(self.folder)
        except OSError:
            return
        if now != self._stamps:
            self.call_from_thread(self.load_corpus)

    # -- other screens --------------------------------------------------------
    def action_help(self) -> None:
        from tui.reader.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.keymap))

    def action_pick_theme(self) -> None:
        self.search_themes()

    def open_corpus_search(self) -> None:
        from tui.reader.screens.find import FindScreen

        if self.corpus is not None:
            self.push_screen(FindScreen(self.corpus), self._found)

    def _found(self, result: tuple[str, str] | None) -> None:
        if result and self.corpus is not None:
            article = self.corpus.article(result[0])
            if article is not None:
                self.reader.open_article(article, focus=True)
                self.reader.search_for(result[1])

    def goto(self, article_id: str) -> None:
        """Open an article by id (command palette, bookmarks)."""
        article = self.corpus.article(article_id) if self.corpus else None
        if article is not None:
            while len(self.screen_stack) > 1:
                self.pop_screen()
            self.reader.open_article(article, focus=True)

    # -- variants -------------------------------------------------------------
    @work(thread=True, exclusive=True, group="group", description="grouping variants")
    def find_variants(self, corpus: Corpus) -> None:
        """Group the articles into stories; the badges fill in when this finishes."""
        worker = get_current_worker()

        def progress(n: int, total: int) -> None:
            if n == total or n % 100 == 0:
                self.call_from_thread(self._deliver, self._progress, f"grouping {n}/{total}")

        try:
            from tui.engine.variants.groupcache import find_groups

            groups = find_groups(corpus, progress=progress)
        except Exception as e:  # a grouping bug must not take the reader down
            self.call_from_thread(self._deliver, self._grouping_failed, e)
            return
        if not worker.is_cancelled:
            self.call_from_thread(self._deliver, self.show_groups, corpus, groups)

    def show_groups(self, corpus: Corpus, groups) -> None:
        if corpus is not self.corpus:
            return
        self.groups = groups
        self.group_of = {m.article_id: g for g in groups for m in g.members}
        self.reader.files.set_badges({aid: len(g.witnesses) for aid, g in self.group_of.items()})
        self.grouped = True
        self._progress("")
        self.place_bookmarks(corpus)

    def _grouping_failed(self, error: Exception) -> None:
        self._progress("")
        self.place_bookmarks(self.corpus)
        self.notify(f"variants unavailable: {error}", severity="error", timeout=8, markup=False)

    # -- bookmarks -------------------------------------------------------------
    @work(thread=True, exclusive=True, group="marks", description="placing bookmarks")
    def place_bookmarks(self, corpus: Corpus) -> None:
        """Re-anchor the bookmarks against the folder as it is now (fuzzy search: off the UI thread)."""
        from tui.engine.bookmarks.anchor import Anchorer

        placed = Anchorer(corpus, lambda: self.groups).place(self.state.bookmarks()) if self.state else []
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._deliver, self._marks_placed, corpus, placed)

    def _marks_placed(self, corpus: Corpus, placed: list) -> None:
        if corpus is self.corpus:
            self.placed = placed
            self.reader.show_marks()

    def marks_in(self, article: Article) -> list[tuple[int, int, int]]:
        """(paragraph, start, end) of the bookmarked passages shown in ``article``."""
        from tui.engine.bookmarks.anchor import text_spans

        return [
            span
            for p in self.placed
            if p.anchor and p.anchor.article.id == article.id
            for span in text_spans(article, p.anchor.start, p.anchor.end)
        ]

    def bookmark_paragraph(self, article: Article, index: int) -> None:
        """`m`: ask for a note, then bookmark paragraph ``index`` of ``article``."""
        from tui.engine.bookmarks.anchor import (
            Anchor,
            Placed,
            make_bookmark,
            paragraph_span,
        )
        from tui.reader.screens.bookmarks import NoteScreen

        if self.state is None or self.state.store is None or self.state.store.readonly:
            self.notify(
                self.state.store.notice if self.state and self.state.store else "bookmarks are not available yet",
                severity="warning",
                markup=False,
            )
            return
        paragraph = article.paragraphs[index]
        start, end = paragraph_span(paragraph)

        def save(note: str | None) -> None:
            if note is None or self.corpus is None:
                return
            bookmark = make_bookmark(self.corpus, article, start, end, note)
            self.state.add_bookmark(bookmark)
            self.placed = [*self.placed, Placed(bookmark, Anchor(article, start, end, "position", 1.0))]
            self.reader.show_marks()
            self.notify(f"bookmarked {article.id}, line {paragraph.line}", timeout=2, markup=False)

        self.push_screen(NoteScreen(paragraph.text), save)

    def open_bookmarks(self) -> None:
        """`M`: the bookmarks panel; choosing one opens its passage."""
        from tui.reader.screens.bookmarks import BookmarksScreen

        if self.state is None or self.state.store is None:
            self.notify("bookmarks are not available yet", timeout=2)
            return
        self.state.flush()
        self.push_screen(BookmarksScreen(list(self.placed), self.state.store, self.keymap), self._jump_to_mark)

    def _jump_to_mark(self, placed) -> None:
        from tui.engine.bookmarks.anchor import text_spans

        self.place_bookmarks(self.corpus)  # notes edited or bookmarks deleted in the panel
        if placed is None or placed.anchor is None or self.corpus is None:
            return
        article = self.corpus.article(placed.anchor.article.id)
        if article is None:
            return
        self.reader.open_article(article, focus=True)
        spans = text_spans(article, placed.anchor.start, placed.anchor.end)
        if spans:
            self.reader.pane.restore((spans[0][0], spans[0][1]))

    def toggle_ignore(self) -> None:
        """`i`: ignore width, punctuation, spacing, markup and script differences, or not."""
        self.ignore = frozenset() if self.ignore else IGNORE_MINOR
        self.settings.ignore = self.ignore
        problem = self.settings.save()
        if problem:
            self.notify(problem, severity="warning", markup=False)

    def _group_for(self, article: Article | None):
        if article is None:
            self.notify("open an article first", timeout=2)
            return None
        if not self.grouped:
            self.notify("still grouping variants…", timeout=2)
            return None
        group = self.group_of.get(article.id)
        if group is None or len(group.witnesses) < 2:
            self.notify("this article has no variants", timeout=2)
            return None
        return group

    def _siglum_of(self, group, article: Article) -> str:
        return next((w.siglum for w in group.witnesses if any(a.id == article.id for a in w.articles)), group.base)

    def open_diff(self, article: Article | None) -> None:
        from tui.reader.screens.compare import DiffScreen

        group = self._group_for(article)
        if group is not None:
            self.push_screen(DiffScreen(group, self._siglum_of(group, article), keymap=self.keymap))

    def open_collation(self, article: Article | None) -> None:
        from tui.reader.screens.compare import CollationScreen

        group = self._group_for(article)
        if group is None:
            return
        if len(group.witnesses) < 3:
            self.notify("collation needs three or more witnesses; d shows the diff", timeout=3)
            return
        self.push_screen(CollationScreen(group, group.base, keymap=self.keymap))
