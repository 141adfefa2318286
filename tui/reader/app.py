"""The reader application: settings, theme and keys, and the background work on the open folder.

The folder's data lives in a :class:`~tui.reader.library.Library` that the
app fills from its workers (reading, grouping, placing bookmarks, looking
for changes on disk: see :mod:`tui.reader.watch`)
and hands down to the screens.  Screens post what happened (a message) when
the app has to decide (comparing needs the settings; edited bookmarks need
placing again); the app tells the reading screen what changed through a few
methods of that screen, never through its widgets.
"""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

from textual import work
from textual.app import App
from textual.command import CommandPalette
from textual.worker import Worker, WorkerState, get_current_worker

from tui.engine.ingest.load import Corpus, FolderError
from tui.engine.model import Article
from tui.engine.refs import RefError, resolve
from tui.locations import bundled_themes, config_dir
from tui.reader import apart, bindings
from tui.reader.commands import ArticleTitles, ScreenActions, ThemeNames
from tui.reader.keymap import load_keymap
from tui.reader.library import Library, Reading
from tui.reader.screens.reader import ReaderScreen
from tui.reader.settings import Settings
from tui.reader.themes import DEFAULT_THEME, NR_VARIABLES, dimmed, load_themes
from tui.reader.watch import Watch, poll_delay, why_poll
from tui.render.safe import visible

POLL_SECONDS = 2.0  # when the folder cannot be watched: the shortest time between two polls
GLANCE_FILES = 8  # a big folder's first screen has this many files read; the rest follows (Library.glance)
GLANCE_PAINT = 5.0  # seconds the whole read waits at most for the first glance to be on screen


class NewsreadApp(App):
    """newsread: read a folder of news text and compare the variants of a story."""

    TITLE = "newsread"
    COMMANDS = App.COMMANDS | {ScreenActions, ArticleTitles}
    BINDINGS = bindings.APP

    def __init__(
        self, folder: str | Path, *, open_ref: str | None = None, theme_name: str | None = None, poll: bool = True
    ) -> None:
        super().__init__()
        # notify is thread-safe and does not wait: the writer thread can report while the UI waits on it
        self.library = Library(Path(folder), report=lambda m: self.notify(visible(m), severity="error", markup=False))
        self.open_ref = open_ref
        self.opening = True  # what to open first (--open, else the last article read) is still to be found
        self.poll = poll  # look for changes on disk: kernel events, else polling
        self.watcher: Watch | None = None
        self.polling = None  # the timer that polls, when the folder is not watched
        self.next_poll = 0.0  # time.monotonic() before which the timer does not poll
        self.missed = False  # a change came while the folder was being read: look again after
        self.rewatch = False  # the folder went while watched: watch it again when it is back
        self._ui_loop: asyncio.AbstractEventLoop | None = None
        self.glanced = threading.Event()  # a first glance is on screen (or there is none to wait for)
        self.settings = Settings.load()
        self.notices: list[str] = [self.settings.notice] if self.settings.notice else []
        self.gone = False  # the folder was not there at the last reading
        themes, notices = load_themes(bundled_themes(), config_dir() / "themes")
        self.notices += notices
        for theme in themes:
            self.register_theme(theme)
        wanted = theme_name or self.settings.theme or DEFAULT_THEME
        if wanted not in self.available_themes:
            self.notices.append(f"no theme named {visible(wanted)!r}; using {DEFAULT_THEME}")
            wanted = DEFAULT_THEME
        self.theme = wanted
        self.keymap, notices = load_keymap(config_dir() / "keymap.toml", bindings.BINDING_IDS)
        self.notices += notices
        self.reader = ReaderScreen(self.library, self.keymap)

    def notify(self, message: str, *, title: str = "", **kw) -> None:
        """Every notice, whoever raises it, with control characters shown, not sent to the terminal.

        Notices quote file names, config keys and values; an ESC or OSC in one
        would otherwise move the cursor or retitle the terminal.
        """
        super().notify(visible(message), title=visible(title), **kw)

    def search_themes(self) -> None:
        """`t`: Textual's theme picker, with theme names shown as text."""
        self.push_screen(CommandPalette(providers=[ThemeNames], placeholder="Search for themes…"))

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return {**super().get_theme_variable_defaults(), **NR_VARIABLES}

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables; ``nr-read`` derived from its text and surface when the theme does not set it."""
        variables = super().get_css_variables()
        if "nr-read" not in variables:
            variables["nr-read"] = dimmed(variables["foreground"], variables["surface"])
        return variables

    def get_system_commands(self, screen):
        """Textual's palette commands that no key of ours offers already (screenshot, maximize)."""
        ours = {"Theme", "Quit", "Keys"}  # `t`, `q` and `?` (every key, with its binding id)
        return (command for command in super().get_system_commands(screen) if command.title not in ours)

    def get_default_screen(self) -> ReaderScreen:
        return self.reader

    def on_mount(self) -> None:
        folder = self.library.folder
        self.title = visible(folder.name or str(folder))
        if self.keymap:
            self.set_keymap(self.keymap)
        for notice in self.notices:
            self.notify(notice, severity="warning", timeout=8, markup=False)
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def on_reader_screen_ready(self) -> None:
        """The reading screen is on: start reading the folder."""
        self.reader.show_progress("indexing…")
        self.load_corpus()
        self._ui_loop = asyncio.get_running_loop()

    def _remember_theme(self, theme) -> None:
        if theme.name != self.settings.theme:
            self.settings.theme = theme.name
            self._save_settings()

    def _save_settings(self) -> None:
        problem = self.settings.save()
        if problem:
            self.notify(problem, severity="warning", markup=False)

    def on_unmount(self) -> None:
        self.glanced.set()
        if self.watcher is not None:
            self.watcher.stop()
        self.library.close()  # after the screens: the reading screen saves its place when it goes

    # -- loading --------------------------------------------------------------
    @work(thread=True, exclusive=True, group="load", description="indexing")
    def load_corpus(self) -> None:
        worker = get_current_worker()

        def progress(n: int, total: int) -> None:
            if n == total or n % 50 == 0:
                self.call_from_thread(self._deliver, self.reader.show_progress, f"indexing {n}/{total}")

        try:
            if not self.library.loaded:
                glance, notices = self.library.glance(GLANCE_FILES)
                if glance is None:
                    self._show_notices(notices)
                elif not worker.is_cancelled:
                    self._show_reading(glance, notices)
                    self.glanced.wait(GLANCE_PAINT)  # the whole read would take the interpreter from the painting
            reading, notices = self.library.read(progress)
        except FolderError as e:  # removed, renamed or unreadable: the last listing stays
            if not worker.is_cancelled:
                problem = self.library.missing(e)
                self.call_from_thread(self._deliver, self._folder_gone, problem, self.library.current_stamps())
            return
        if not worker.is_cancelled:
            self._show_reading(reading, notices)

    def _show_reading(self, reading: Reading, notices: list[str]) -> None:
        """Worker thread: have a reading shown, with its notices."""
        self._show_notices(notices)
        self.call_from_thread(self._deliver, self.show_corpus, reading)

    def _show_notices(self, notices: list[str]) -> None:
        for notice in notices:
            self.call_from_thread(self.notify, notice, severity="warning", timeout=10, markup=False)

    def _deliver(self, callback, *args) -> None:
        """Run a worker's result on the UI thread, unless the reader is being taken down (quitting)."""
        if self.reader.live:
            callback(*args)

    def show_corpus(self, reading: Reading) -> None:
        """Show a (re)read folder, keeping the open article and place when there is one."""
        first = not self.library.loaded
        opening = self._first_article(reading) if self.opening else None
        self.opening = self.opening and opening is None and bool(reading.listing)  # a glance may not hold it
        self.library.adopt(reading)
        if self.gone:
            self.gone = False
            self.notify(f"folder {visible(str(self.library.folder))} is back", timeout=4, markup=False)
        if self.poll and (first or self.rewatch):  # watched from now: what changed since it was read is looked at then
            self.rewatch = False
            self.watch_files()
        self.reader.show_progress("reading the folder…" if self.library.partial else "grouping…")
        self.reader.show_folder(reading.read, opening, reading.listing)

    def on_reader_screen_shown(self) -> None:
        """The articles are on screen: group them after this frame (no GIL contention while it paints).

        Not a first glance: its groups would be the first files' only; once
        it is painted, the whole read goes on.
        """
        if self.library.partial:
            self.call_after_refresh(self.glanced.set)
        else:
            self.call_after_refresh(self.find_variants, self.library.corpus)

    def _folder_gone(self, problem: str, now: list[tuple]) -> None:
        """Say once that the folder went; polling goes on and reads it again when it is back."""
        self.library.stamps = now
        self.reader.show_progress("")
        if self.poll:  # a folder made again is another: poll until it is back, then watch that one
            if self.watcher is not None:
                self.watcher.stop()
                self.watcher = None
                self.rewatch = True
            self.poll_files(None)
        if not self.gone:
            self.gone = True
            shown = "the last listing stays" if self.library.loaded else "nothing to show"
            self.notify(f"{visible(problem)}; {shown} until it is back", severity="warning", timeout=10, markup=False)

    def _first_article(self, reading: Reading) -> tuple[Article, float | None] | None:
        """What to open on the first reading: ``--open``, else the article last read here (and where).

        A first glance may not hold it: then it is looked for again in the whole folder.
        """
        corpus = reading.corpus
        if self.open_ref:
            try:
                articles = resolve(corpus, self.open_ref).articles
            except RefError as e:
                if reading.listing:
                    return None  # it may be in the files not read yet
                self.notify(visible(f"--open: {e}"), severity="error", markup=False)
            else:
                if articles:
                    return articles[0], None
                if reading.listing:
                    return None
        resume = self.library.resume
        article = corpus.article(resume[0]) if resume else None
        return (article, resume[1]) if article is not None else None

    # -- files changed on disk ------------------------------------------------
    @work(thread=True, exclusive=True, group="watch")
    def watch_files(self) -> None:
        """Watch the folder for changes (kernel events), else poll it and say why.

        Off the UI thread: importing watchfiles and setting a watch on every
        subfolder take time.  Then the folder is looked at once, for what
        changed before the watch was set.
        """
        reason = why_poll(self.library.folder)
        watch = None
        if reason is None:
            watch = Watch(self.library.folder, self._from_watch(self.check_files), self._from_watch(self.watch_failed))
            reason = watch.start()
        self.call_from_thread(self._watching, None if reason else watch, reason)
        if watch is not None and self.watcher is not watch:
            watch.stop()  # not taken: it failed, or the reader is quitting

    def _watching(self, watch: Watch | None, reason: str | None) -> None:
        if not self.is_running:  # quitting
            return
        if watch is None:
            self.poll_files(reason)
        else:
            self.watcher = watch
            self._stop_polling()
        self.check_files()

    def _from_watch(self, callback):
        """``callback`` run on the UI thread, called from the watching thread without waiting (nor failing once the
        reader is gone)."""

        def hand_over(*args) -> None:
            try:
                self._ui_loop.call_soon_threadsafe(self.call_later, callback, *args)
            except RuntimeError:  # the event loop is closed: the reader quit
                pass

        return hand_over

    def watch_failed(self, reason: str) -> None:
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None
            self.poll_files(reason)
            self.check_files()  # what changed meanwhile

    def poll_files(self, reason: str | None) -> None:
        """Look for changes by polling: every POLL_SECONDS, or less often when a poll is costly (see watch.poll_delay)."""
        if reason:
            self.notify(
                f"{reason}: looking for changes every {POLL_SECONDS:g} s or more",
                severity="warning",
                timeout=8,
                markup=False,
            )
        if self.polling is None:
            self.polling = self.set_interval(POLL_SECONDS, self._poll_due)

    def _stop_polling(self) -> None:
        if self.polling is not None:
            self.polling.stop()
            self.polling = None

    def _poll_due(self) -> None:
        if time.monotonic() >= self.next_poll:
            self.check_files()

    def check_files(self) -> None:
        """Look for changes now, unless a (re)load is under way: it takes stamps of its own, and looks again after."""
        loading = any(w.group == "load" and w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in self.workers)
        if loading:
            self.missed = True
        else:
            self._compare_stamps()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A (re)load ended: look again if a change came meanwhile, and always while watching.

        A watch reports only what changes after it is set, and a reading can be
        dropped unshown (the screen between its splash and its layout): one stat
        pass after each load closes both windows, and stops once nothing differs.
        """
        if event.worker.group == "load" and event.worker.is_finished and (self.missed or self.watcher is not None):
            self.missed = False
            self.check_files()

    @work(thread=True, exclusive=True, group="poll")
    def _compare_stamps(self) -> None:
        """Stat the folder off the UI thread; read it again when a file changed, appeared or went."""
        spent = time.thread_time()
        changed = self.library.changed(self.library.current_stamps())
        self.next_poll = time.monotonic() + poll_delay(time.thread_time() - spent, POLL_SECONDS)
        if changed:
            self.call_from_thread(self.load_corpus)

    # -- other screens --------------------------------------------------------
    def action_help(self) -> None:
        from tui.reader.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.keymap))

    def action_pick_theme(self) -> None:
        self.search_themes()

    def goto(self, article_id: str) -> None:
        """Open an article by id (command palette)."""
        article = self.library.article(article_id)
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
                self.call_from_thread(self._deliver, self.reader.show_progress, f"grouping {n}/{total}")

        try:
            from tui.engine.caches import cache_problem
            from tui.engine.variants.groupcache import find_groups, load_groups

            groups = load_groups(corpus)  # a warm folder's groups: no child
            big = sum(len(f.articles) for f in corpus.files) >= apart.MIN_ARTICLES
            if groups is None and big and cache_problem() is None:
                # a big folder: grouped in a process of its own, and its groups taken from the store
                apart.group_apart(corpus.root, progress, lambda: worker.is_cancelled)
            if groups is None and not worker.is_cancelled:
                groups = find_groups(corpus, progress=progress)
        except Exception as e:  # a grouping bug must not take the reader down
            self.call_from_thread(self._deliver, self._grouping_failed, e)
            return
        if not worker.is_cancelled:
            self.call_from_thread(self._deliver, self.show_groups, corpus, groups)

    def show_groups(self, corpus: Corpus, groups) -> None:
        if self.library.set_groups(corpus, groups):
            self.reader.show_groups()
            self.reader.show_progress("")
            self.place_bookmarks(corpus)

    def _grouping_failed(self, error: Exception) -> None:
        self.reader.show_progress("")
        self.place_bookmarks(self.library.corpus)
        self.notify(visible(f"variants unavailable: {error}"), severity="error", timeout=8, markup=False)

    # -- bookmarks -------------------------------------------------------------
    @work(thread=True, exclusive=True, group="marks", description="placing bookmarks")
    def place_bookmarks(self, corpus: Corpus) -> None:
        """Re-anchor the bookmarks against the folder as it is now (fuzzy search: off the UI thread)."""
        placed = self.library.place_bookmarks(corpus)
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._deliver, self._marks_placed, corpus, placed)

    def _marks_placed(self, corpus: Corpus, placed: list) -> None:
        if self.library.set_placed(corpus, placed):
            self.reader.show_marks()

    def on_reader_screen_bookmarks_changed(self) -> None:
        if self.library.corpus is not None:
            self.place_bookmarks(self.library.corpus)

    # -- comparing -------------------------------------------------------------
    def on_reader_screen_compare_wanted(self, event: ReaderScreen.CompareWanted) -> None:
        """`d` and `c`: the diff, or the collation, of the open article's story."""
        from tui.reader.screens.compare import CollationScreen, DiffScreen

        article = event.article
        if article is None:
            self.notify("open an article first", timeout=2)
            return
        if not self.library.grouped:
            self.notify("still grouping variants…", timeout=2)
            return
        group = self.library.group_of(article)
        if group is None:
            self.notify("this article has no variants", timeout=2)
            return
        if event.kind == "diff":
            self.push_screen(DiffScreen(group, self.library.siglum_of(group, article), **self._compare_with()))
        elif len(group.witnesses) < 3:
            self.notify("collation needs three or more witnesses; d shows the diff", timeout=3)
        else:
            self.push_screen(CollationScreen(group, group.base, **self._compare_with()))

    def _compare_with(self) -> dict:
        return {"hide": self.settings.hide, "keymap": self.keymap}

    def on_compare_screen_kinds_changed(self, event) -> None:
        """The kind bar in a comparison: remember the kinds hidden."""
        self.settings.hide = event.hidden
        self._save_settings()
