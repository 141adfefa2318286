"""`F`: search every article of the folder, a page at a time, and open the one hit chosen.

Hits are listed by article: its title once, with its number of hits, then
each hit in its context.  `enter` opens the article at the chosen hit (not
its first one), highlighted, and `n`/`N` go on from there.  The last line of
a page that is not the last asks for the next one.

The search goes through the folder's index (:mod:`tui.engine.search`),
brought up to the folder in a worker when `F` first opens; until it is ready
each page is found by reading the articles, a bounded amount at a time.  A
query starting with ``~`` also finds passages within one edit of the rest
(``~~``: two), as OCR misreads them.
"""

from __future__ import annotations

import threading

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tui.engine.ingest.load import Corpus
from tui.engine.model import Article
from tui.engine.search.index import Index, Unavailable
from tui.engine.search.search import MAX_EDITS, NO_INDEX, Page, QueryError, Search, context
from tui.reader import bindings
from tui.render.safe import visible

CONTEXT = 14  # characters either side of a hit
SEP_LEN = 2  # Article.text joins the paragraphs with a blank line
MORE = "more"  # the id of the option that asks for the next page


def parse(typed: str) -> tuple[str, int]:
    """(query, edits) of what was typed: each leading ``~`` allows one edit (at most MAX_EDITS)."""
    edits = len(typed) - len(typed.lstrip("~"))
    return typed[edits:], min(edits, MAX_EDITS)


def paragraph_at(article: Article, offset: int) -> tuple[int, int]:
    """(paragraph, offset in it) of ``offset`` into the article's text (:attr:`Article.text`)."""
    start = 0
    for n, p in enumerate(article.paragraphs):
        if offset <= start + len(p.text):
            return n, max(0, offset - start)
        start += len(p.text) + SEP_LEN
    return max(0, len(article.paragraphs) - 1), 0


class FolderIndex:
    """The folder's search index, brought up to a corpus in a worker thread; None until it is."""

    def __init__(self) -> None:
        self.index: Index | None = None
        self.corpus: Corpus | None = None  # the corpus the index was last brought up to
        self.note = "indexing the folder…"  # or why there is no index
        self.lock = threading.Lock()

    def ready(self, corpus: Corpus) -> Index | None:
        return self.index if self.corpus is corpus else None

    def sync(self, corpus: Corpus, stopped=lambda: False) -> None:
        """Bring the index up to ``corpus`` (in a worker); ``stopped()`` true stops it between files."""

        def progress(n: int, total: int) -> None:
            if stopped():
                raise _Stopped

        if not self.lock.acquire(blocking=False):
            return  # another worker is at it
        try:
            if self.corpus is corpus:
                return
            if self.index is None or self.index.root != corpus.root:
                self.index = Index(corpus.root)
            self.note = "indexing the folder…"
            self.index.sync(corpus, progress)
        except Unavailable as e:
            self.index, self.note = None, str(e)
        except _Stopped:
            return
        finally:
            self.lock.release()
        self.corpus = corpus


class _Stopped(Exception):
    """The reader closed while the index was being built."""


class FindScreen(ModalScreen[tuple[str, str, int] | None]):
    """Type a query, see hits in all articles a page at a time; enter opens the article at the chosen hit."""

    DEFAULT_CSS = """
    FindScreen { align: center middle; }
    FindScreen > Vertical { width: 90%; height: 80%; border: round $primary; background: $surface; }
    FindScreen #count { height: 1; color: $text-muted; padding: 0 1; }
    FindScreen OptionList { height: 1fr; }
    FindScreen OptionList > .option-list--option-disabled { color: $text; }
    """
    BINDINGS = bindings.FIND

    def __init__(self, corpus: Corpus, folder_index: FolderIndex | None = None) -> None:
        super().__init__()
        self.corpus = corpus
        self.folder_index = folder_index or FolderIndex()
        self.query_text = ""
        self.search: Search | None = None
        self.hits: list[tuple[str, str, int, str]] = []  # article id, snippet, offset, the text hit

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Input(placeholder="search all articles (~ first: within one edit, ~~ two)", id="query")
            yield Static(Text("type and press enter"), id="count")
            yield OptionList(id="hits")

    @on(Input.Submitted, "#query")
    def _submitted(self, event: Input.Submitted) -> None:
        self.query_text = event.value
        self.search = None
        self.hits = []
        self.query_one(OptionList).clear_options()
        self.run_search(event.value)

    @work(thread=True, exclusive=True)
    def run_search(self, typed: str) -> None:
        """The next page of the search of ``typed`` (the first: a new search)."""
        worker = get_current_worker()
        search = self.search
        if search is None:
            query, edits = parse(typed)
            try:
                search = Search(self.corpus, query, edits, self.folder_index.ready(self.corpus))
            except QueryError as e:
                self.app.call_from_thread(self._say, str(e) if typed else "")
                return
        page = search.page(len(search.pages) + 1)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, search, page)

    def _say(self, message: str) -> None:
        self.query_one("#count", Static).update(Text(visible(message)))

    def _show(self, search: Search, page: Page) -> None:
        self.search = search
        hit_list = self.query_one(OptionList)
        first_new = len(self.hits)
        if hit_list.option_count and hit_list.get_option_at_index(hit_list.option_count - 1).id == MORE:
            hit_list.remove_option(MORE)
        options = []
        for found in page.found:
            a = found.article
            count = f"{len(found.spans)}{'+' if found.more else ''} hit{'s' if len(found.spans) > 1 else ''}"
            head = Text(visible(a.title), style="bold")
            head.append(f"  {visible(a.id)} · {count}", style="dim")
            options.append(Option(head, disabled=True))
            text = a.text
            for start, end, _ in found.spans:
                before, hit, after = context(text, start, end, CONTEXT)
                line = Text("  " + visible(before))
                line.append(visible(hit), style="reverse")
                line.append(visible(after))
                options.append(Option(line, id=f"{len(self.hits)}"))
                self.hits.append((a.id, f"{before}{hit}{after}", start, text[start:end]))
        if not page.done:
            options.append(Option(Text(f"… more: enter for page {page.number + 1}", style="italic"), id=MORE))
        hit_list.add_options(options)
        self._count(search, page)
        if first_new < len(self.hits):
            hit_list.highlighted = next(i for i, o in enumerate(hit_list._options) if o.id == f"{first_new}")
            hit_list.focus()
        elif not page.done:
            hit_list.highlighted = hit_list.option_count - 1
            hit_list.focus()

    def _count(self, search: Search, page: Page) -> None:
        articles = len({hit[0] for hit in self.hits})
        line = f"{len(self.hits)} hits in {articles} articles for {self.query_text}"
        if not page.done:
            of = "" if page.total is None else f" of {page.total}"
            line += f" (looked at {page.looked}{of} articles so far)"
        if search.how != "index":
            line += f" · {self.folder_index.note if search.how == NO_INDEX else search.how}"
        self.query_one("#count", Static).update(Text(visible(line)))

    @on(OptionList.OptionSelected, "#hits")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == MORE:
            self.run_search(self.query_text)
            return
        article_id, _, offset, text = self.hits[int(event.option.id)]
        query, edits = parse(self.query_text)
        self.dismiss((article_id, text if edits else query, offset))
