"""The reader: a file list with articles, and the article pane."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static, Tree

from .core.corpus import Corpus, load
from .core.model import Article
from .core.safe import visible


class NewsreadApp(App):
    """Minimal reader: the files and their articles on the left, the article on the right."""

    TITLE = "newsread"
    CSS = """
    #files { width: 40; border-right: solid $primary; }
    #pane { padding: 0 1; }
    """
    BINDINGS = [Binding("q", "quit", "Quit", id="quit")]

    def __init__(self, folder: str | Path, *, open_ref: str | None = None, theme_name: str | None = None) -> None:
        super().__init__()
        self.folder = Path(folder)
        self.open_ref = open_ref
        self.corpus: Corpus | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        tree: Tree[Article | None] = Tree(visible(str(self.folder)), id="files")
        tree.show_root = False
        yield tree
        with VerticalScroll(id="pane"):
            yield Static(Text("Loading…"), id="article")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = visible(str(self.folder))
        self.load_corpus()

    @work(thread=True, exclusive=True)
    def load_corpus(self) -> None:
        corpus = load(self.folder)
        self.call_from_thread(self.show_corpus, corpus)

    def show_corpus(self, corpus: Corpus) -> None:
        self.corpus = corpus
        tree = self.query_one("#files", Tree)
        for f in corpus.files:
            node = tree.root.add(Text(visible(f.relpath)), expand=True)
            for a in f.articles:
                node.add_leaf(Text(visible(f"{a.index}. {a.title}")), data=a)
        for s in corpus.skipped:
            tree.root.add_leaf(Text(visible(f"{s.relpath} ({s.reason})"), style="dim"))
        first = next((a for f in corpus.files for a in f.articles), None)
        self.query_one("#article", Static).update(Text("Select an article." if first else "No articles."))

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        article = event.node.data
        if isinstance(article, Article):
            body = Text(visible(article.title) + "\n\n", style="bold")
            body.append(visible(article.text))
            self.query_one("#article", Static).update(body)
