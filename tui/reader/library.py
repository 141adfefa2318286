"""The open folder as the reader knows it: corpus, reading order, variant groups, bookmarks, reading state.

Data and the rules over it (which article comes next, which story an
article belongs to, which passages are bookmarked), apart from the screens
and without Textual: the app fills it from its workers and hands it down to
the screens, which read it.  Methods marked "worker thread" do the slow part
(disk, store, fuzzy search) and change nothing the screens read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tui.engine.caches import cache_problem
from tui.engine.ingest.corpuscache import load_cached
from tui.engine.ingest.glance import glance
from tui.engine.ingest.load import Corpus, FolderError
from tui.engine.ingest.scan import stamps
from tui.engine.model import Article, TextFile
from tui.reader.state import ReadingState


def _by_article(placed: list) -> dict[str, list]:
    """Placed bookmarks by the id of the article they are anchored in (the article pane's marks)."""
    out: dict[str, list] = {}
    for p in placed:
        if p.anchor is not None:
            out.setdefault(p.anchor.article.id, []).append(p)
    return out


@dataclass(frozen=True)
class Reading:
    """A (re)load of the folder: the corpus, the ids read before, and the folder's stamps before it was read.

    A first glance at a big folder has only its first files read: its
    ``listing`` holds them and the paths of the others, in list order, and its
    stamps are None.
    """

    corpus: Corpus
    read: set[str]
    stamps: list[tuple] | None
    listing: tuple[TextFile | str, ...] = ()


class Library:
    def __init__(self, folder: Path, *, report: Callable[[str], None]) -> None:
        """``report`` is told of a store write that failed (from the writer thread: it must not block)."""
        self.folder = folder
        self.report = report
        self.corpus: Corpus | None = None
        self.order: list[Article] = []
        self._position: dict[str, int] = {}
        self.stamps: list[tuple] | None = None  # the folder as it was when last read (None: not tried yet)
        self.groups: list = []
        self._group_of: dict[str, object] = {}
        self.grouped = False
        self.partial = False  # only a first glance is shown: the folder is still being read
        self.placed: list = []  # the folder's bookmarks with their anchors (tui.engine.bookmarks.anchor.Placed)
        self._placed_in: dict[str, list] = {}  # article id -> those of self.placed anchored in it
        self._indexed: tuple[list, dict[str, list]] = ([], {})  # the last placement, indexed off the UI thread
        self.state: ReadingState | None = None  # opened with the folder, by the first read
        self.resume: tuple[str, float | None] | None = None  # the article last open here, and where

    # -- reading the folder ---------------------------------------------------
    def read(self, progress: Callable[[int, int], None] | None = None) -> tuple[Reading, list[str]]:
        """Worker thread: load the folder (FolderError if it is gone) and, the first time, open the store.

        The segmentation saved for files that did not change is reused, as the
        command line does.  Returns the reading and notices for the user (the
        bookmark store's, the cache's), the first time only.
        """
        before = self.current_stamps()
        corpus = load_cached(self.folder, progress=progress)  # no collector pass walks it meanwhile (a UI stall)
        notices = self._open_state(corpus.root)
        return Reading(corpus, self.state.read_ids(), before), notices

    def _open_state(self, root: Path) -> list[str]:
        """The reading state opened, the first time: notices for the user (the bookmark store's, the cache's)."""
        if self.state is not None:
            return []
        self.state = ReadingState(root, report=self.report)
        notices = [n for n in (self.state.open(), cache_problem()) if n]
        self.resume = self.state.last()
        return notices

    def glance(self, count: int) -> tuple[Reading | None, list[str]]:
        """Worker thread: a first screen for a big folder, before the store (or the files) is read.

        Its first ``count`` files (and the one last read here) are read
        directly, the others only named (:func:`tui.engine.ingest.glance.glance`);
        no reading for a small folder.  With the notices of opening the reading
        state.  FolderError if the folder is gone.
        """
        notices = self._open_state(self.folder.resolve())
        last = self.resume[0].rpartition("#")[0] if self.resume else None
        got = glance(self.folder, count, last)
        if got is None:
            return None, notices
        corpus, listing = got
        return Reading(corpus, self.state.read_ids(), None, tuple(listing)), notices

    def missing(self, error: FolderError) -> str:
        """Worker thread: what became of the folder when reading it failed with ``error``."""
        return str(error) if self.folder.exists() else f"folder {self.folder} is gone"

    def current_stamps(self) -> list[tuple]:
        """Worker thread: the folder's stamps now (see tui.engine.ingest.scan.stamps)."""
        try:
            return stamps(self.folder)
        except OSError:
            return []

    def changed(self, now: list[tuple]) -> bool:
        """Whether the folder (stamped ``now``) differs from when it was last read."""
        return self.stamps is not None and now != self.stamps

    def adopt(self, reading: Reading) -> None:
        """Take a (re)loaded corpus; its groups and bookmarks follow when found."""
        self.corpus = reading.corpus
        self.order = reading.corpus.articles
        self._position = {a.id: n for n, a in enumerate(self.order)}
        self.partial = bool(reading.listing)
        if not self.partial:
            self.stamps = reading.stamps
        self.grouped = False

    @property
    def loaded(self) -> bool:
        return self.corpus is not None

    # -- articles -------------------------------------------------------------
    def article(self, article_id: str) -> Article | None:
        return self.corpus.article(article_id) if self.corpus else None

    def again(self, article: Article) -> Article | None:
        """``article`` in the reloaded corpus: the same id, else the first article of its file."""
        return self.article(article.id) or next((a for a in self.order if a.file == article.file), None)

    def position(self, article: Article | None) -> int | None:
        """``article``'s index in the reading order (None if it is not in it)."""
        return self._position.get(article.id) if article is not None else None

    def step(self, article: Article | None, delta: int) -> Article | None:
        """The article ``delta`` places from ``article`` (from either end when none is open); None past the end."""
        if not self.order:
            return None
        n = self.position(article)
        target = (0 if delta > 0 else len(self.order) - 1) if n is None else n + delta
        return self.order[target] if 0 <= target < len(self.order) else None

    def next_unread(self, article: Article | None, read: set[str]) -> Article | None:
        """The first article after ``article`` (wrapping around) whose id is not in ``read``."""
        start = self.position(article)
        start = -1 if start is None else start
        for k in range(1, len(self.order) + 1):
            a = self.order[(start + k) % len(self.order)]
            if a.id not in read:
                return a
        return None

    def text_file(self, article: Article) -> TextFile | None:
        """The file ``article`` was read from (its format and encoding)."""
        return self.corpus.file(article.file) if self.corpus else None

    # -- variants -------------------------------------------------------------
    def set_groups(self, corpus: Corpus, groups: list) -> bool:
        """Take the groups found for ``corpus``; False when the folder was reloaded meanwhile."""
        if corpus is not self.corpus:
            return False
        self.groups = groups
        self._group_of = {m.article_id: g for g in groups for m in g.members}
        self.grouped = True
        return True

    def badges(self) -> dict[str, int]:
        """Article id -> number of witnesses of its story."""
        return {article_id: len(g.witnesses) for article_id, g in self._group_of.items()}

    def group_of(self, article: Article):
        """The story ``article`` belongs to, if it has two witnesses or more."""
        group = self._group_of.get(article.id)
        return group if group is not None and len(group.witnesses) >= 2 else None

    @staticmethod
    def siglum_of(group, article: Article) -> str:
        """The siglum of the witness that carries ``article`` (the group's base if none does)."""
        return next((w.siglum for w in group.witnesses if any(a.id == article.id for a in w.articles)), group.base)

    # -- bookmarks ------------------------------------------------------------
    def place_bookmarks(self, corpus: Corpus) -> list:
        """Worker thread: the bookmarks re-anchored in ``corpus`` (fuzzy search), indexed by article.

        The collector is held off meanwhile, as while the corpus is built:
        100,000 bookmarks are a million small objects, none cyclic, and a full
        collection walking them would stall the screen.
        """
        from tui.engine.bookmarks.anchor import Anchorer
        from tui.engine.quietgc import held

        with held():
            placed = Anchorer(corpus, lambda: self.groups).place(self.state.bookmarks()) if self.state else []
            self._indexed = (placed, _by_article(placed))
        return placed

    def set_placed(self, corpus: Corpus, placed: list) -> bool:
        """Take the bookmarks placed in ``corpus``; False when the folder was reloaded meanwhile."""
        if corpus is not self.corpus:
            return False
        self.placed = placed
        indexed, by_article = self._indexed
        self._placed_in = by_article if indexed is placed else _by_article(placed)
        return True

    def marks_in(self, article: Article) -> list[tuple[int, int, int]]:
        """(paragraph, start, end) of the bookmarked passages shown in ``article``."""
        from tui.engine.bookmarks.anchor import text_spans

        return [
            span
            for p in self._placed_in.get(article.id, [])
            for span in text_spans(article, p.anchor.start, p.anchor.end)
        ]

    @property
    def store(self):
        """The bookmark store (None until the folder is first read)."""
        return self.state.store if self.state else None

    def cannot_bookmark(self) -> str | None:
        """Why no bookmark can be made now, or None."""
        store = self.store
        if store is None:
            return "bookmarks are not available yet"
        return (store.notice or "bookmarks cannot be saved") if store.readonly else None

    def add_bookmark(self, corpus: Corpus, article: Article, start: int, end: int, note: str) -> str | None:
        """Bookmark [start, end) of ``article``'s raw text as ``corpus`` (the one it was read from) has it.

        Saved off the UI thread; shown at once unless the folder was reloaded
        meanwhile (the next placement finds it then).  Returns why nothing was
        saved: the article still shown after its file left the folder has no
        file to anchor to.
        """
        from tui.engine.bookmarks.anchor import Anchor, Placed, make_bookmark

        if corpus is None or corpus.file(article.file) is None:
            return f"{article.file} is no longer in the folder: bookmark not saved"
        bookmark = make_bookmark(corpus, article, start, end, note)
        self.state.add_bookmark(bookmark)
        if corpus is self.corpus:
            mark = Placed(bookmark, Anchor(article, start, end, "position", 1.0))
            self.placed = [*self.placed, mark]
            self._placed_in.setdefault(article.id, []).append(mark)
        return None

    # -- reading state ----------------------------------------------------------
    def opened(self, article: Article) -> None:
        """``article`` is open: it is read, and the one to reopen next time."""
        if self.state is not None:
            self.state.mark_read(article.id)
            self.state.set_last(article.id)

    def left(self, article_id: str, place: float) -> None:
        """The reader left ``article_id`` at ``place`` (a fraction of its lines)."""
        if self.state is not None:
            self.state.set_position(article_id, place)

    def close(self) -> None:
        if self.state is not None:
            self.state.close()
