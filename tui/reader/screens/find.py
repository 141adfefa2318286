"""`F`: search every article of the folder and open the one hit chosen.

Hits are listed by article: its title once, with its number of hits, then
each hit in its context.  `enter` opens the article at the chosen hit (not
its first one), highlighted, and `n`/`N` go on from there.
"""

from __future__ import annotations

import re
from itertools import groupby

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
from tui.reader import bindings
from tui.render.safe import visible

MAX_HITS = 500
CONTEXT = 14  # characters either side of a hit

SEP_LEN = 2  # Article.text joins the paragraphs with a blank line


def corpus_hits(corpus: Corpus, query: str, limit: int = MAX_HITS) -> list[tuple[str, str, int]]:
    """(article id, snippet, offset in the article's text) of hits of ``query``, in folder order."""
    if not query:
        return []
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    out = []
    for a in corpus.articles:
        text = a.text
        for m in pattern.finditer(text):
            s, e = max(0, m.start() - CONTEXT), min(len(text), m.end() + CONTEXT)
            out.append((a.id, text[s:e].replace("\n", " "), m.start()))
            if len(out) >= limit:
                return out
    return out


def paragraph_at(article: Article, offset: int) -> tuple[int, int]:
    """(paragraph, offset in it) of ``offset`` into the article's text (:attr:`Article.text`)."""
    start = 0
    for n, p in enumerate(article.paragraphs):
        if offset <= start + len(p.text):
            return n, max(0, offset - start)
        start += len(p.text) + SEP_LEN
    return max(0, len(article.paragraphs) - 1), 0


class FindScreen(ModalScreen[tuple[str, str, int] | None]):
    """Type a query, see hits in all articles; enter opens the article at the chosen hit."""

    DEFAULT_CSS = """
    FindScreen { align: center middle; }
    FindScreen > Vertical { width: 90%; height: 80%; border: round $primary; background: $surface; }
    FindScreen #count { height: 1; color: $text-muted; padding: 0 1; }
    FindScreen OptionList { height: 1fr; }
    FindScreen OptionList > .option-list--option-disabled { color: $text; }
    """
    BINDINGS = bindings.FIND

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus
        self.query_text = ""
        self.hits: list[tuple[str, str, int]] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Input(placeholder="search all articles", id="query")
            yield Static(Text("type and press enter"), id="count")
            yield OptionList(id="hits")

    @on(Input.Submitted, "#query")
    def _submitted(self, event: Input.Submitted) -> None:
        self.query_text = event.value
        self.run_search(event.value)

    @work(thread=True, exclusive=True)
    def run_search(self, query: str) -> None:
        hits = corpus_hits(self.corpus, query)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, query, hits)

    def _show(self, query: str, hits: list[tuple[str, str, int]]) -> None:
        titles = {a.id: a.title for a in self.corpus.articles} if hits else {}
        options = []
        n = 0
        for article_id, group in groupby(hits, key=lambda hit: hit[0]):
            found = list(group)
            head = Text(visible(titles[article_id]), style="bold")
            head.append(f"  {visible(article_id)} · {len(found)} hit{'s' if len(found) > 1 else ''}", style="dim")
            options.append(Option(head, disabled=True))
            for _, snippet, _ in found:
                line = Text("  " + visible(snippet))
                line.highlight_words([query], style="reverse", case_sensitive=False)
                options.append(Option(line, id=f"{n}"))
                n += 1
        hit_list = self.query_one(OptionList)
        hit_list.clear_options()
        hit_list.add_options(options)
        more = f" (first {MAX_HITS})" if len(hits) >= MAX_HITS else ""
        articles = len({hit[0] for hit in hits})
        self.query_one("#count", Static).update(
            Text(f"{len(hits)} hits{more} in {articles} articles for {visible(query)}" if query else "")
        )
        self.hits = hits
        if options:
            hit_list.highlighted = 1  # the first hit, under its article's title
            hit_list.focus()

    @on(OptionList.OptionSelected, "#hits")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        article_id, _, offset = self.hits[int(event.option.id)]
        self.dismiss((article_id, self.query_text, offset))
