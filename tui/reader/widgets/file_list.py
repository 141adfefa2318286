"""The file list: every file with its articles, read/unread and variant badges.

Labels are drawn at paint time from the list's state (read ids, badges), so
marking an article read or filling in badges after grouping only repaints
the rows concerned.  Labels are plain ``Text``: file names and titles are
never parsed as markup.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from tui.engine.ingest.load import Corpus
from tui.engine.model import Article, Skipped, TextFile
from tui.reader import bindings
from tui.render.safe import visible
from tui.render.wrap import clip

Entry = Article | TextFile | Skipped
UNFOLD_MAX = 2000  # folders with more articles start with their files folded


def article_label(article: Article) -> str:
    """What the list shows for an article: its number and title.

    An untitled fragment's title is its first words (shown in italics); the
    word "untitled" comes after them, so a narrow list still shows the words.
    """
    title = visible(article.title)
    return f"{article.index}. {title} (untitled)" if article.untitled else f"{article.index}. {title}"


class FileList(Tree[Entry]):
    """Files expandable into articles; skipped files greyed with their reason."""

    COMPONENT_CLASSES = Tree.COMPONENT_CLASSES | {
        "files--unread",
        "files--read",
        "files--badge",
        "files--skipped",
        "files--untitled",
    }
    BINDINGS = bindings.FILES
    _filling = False  # inside fill(): adding nodes does not invalidate (see _invalidate)
    DEFAULT_CSS = """
    FileList { width: 38; border-left: blank; background: $surface; overflow-x: hidden; scrollbar-size-vertical: 1; }
    FileList:focus { border-left: tall $primary; }
    FileList > .files--unread { color: $nr-unread; text-style: bold; }
    FileList:focus { background-tint: transparent; }
    FileList > .files--read { color: $nr-read; }
    FileList > .files--badge { color: $accent; text-style: bold; }
    FileList > .files--skipped { color: $nr-read; text-style: italic; }
    FileList > .files--untitled { text-style: italic; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("files", id=id)
        self.show_root = False
        self.guide_depth = 2
        self.read: set[str] = set()
        self.badges: dict[str, int] = {}
        self.nodes: dict[str, TreeNode[Entry]] = {}
        self.file_nodes: dict[str, TreeNode[Entry]] = {}

    def process_label(self, label: str | Text) -> Text:
        return Text(label) if isinstance(label, str) else label

    def fill(self, corpus: Corpus, listing: tuple = ()) -> None:
        """Show ``corpus``: files with their articles, skipped files greyed at the end.

        A big folder starts with its files folded and a file's articles are
        added when it is unfolded, so 10,000 articles never freeze the screen.
        ``listing``: a first glance at a big folder, its files in list order,
        read (text files) or not yet (paths, named and greyed).
        """
        self.clear()
        self.nodes = {}
        self.file_nodes = {}
        unfold = not listing and sum(len(f.articles) for f in corpus.files) <= UNFOLD_MAX
        self._filling = True
        try:
            for f in listing or corpus.files:
                if isinstance(f, str):
                    self.root.add_leaf(visible(f), data=None)
                    continue
                node = self.root.add(visible(f.relpath), data=f, allow_expand=bool(f.articles))
                self.file_nodes[f.relpath] = node
                if unfold:
                    self._add_articles(node)
                    node.expand()
            for s in corpus.skipped:
                self.root.add_leaf(f"{visible(s.relpath)} — {visible(s.reason)}", data=s)
        finally:
            self._filling = False
        self._invalidate()

    def _invalidate(self) -> None:
        # Tree invalidates its line cache and layout on every node added; a
        # fill adds thousands, so it invalidates once at the end instead.
        if not self._filling:
            super()._invalidate()

    def _add_articles(self, node: TreeNode[Entry]) -> None:
        if node.children or not isinstance(node.data, TextFile):
            return
        for a in node.data.articles:
            self.nodes[a.id] = node.add_leaf(article_label(a), data=a)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded) -> None:
        self._add_articles(event.node)

    def set_read(self, ids: set[str]) -> None:
        changed = ids ^ self.read
        self.read = set(ids)
        self._repaint(changed)

    def mark_read(self, article_id: str) -> None:
        if article_id not in self.read:
            self.read.add(article_id)
            self._repaint({article_id})

    def set_badges(self, badges: dict[str, int]) -> None:
        changed = set(badges) ^ set(self.badges) | {k for k in badges if self.badges.get(k) != badges[k]}
        self.badges = dict(badges)
        self._repaint(changed)

    def _repaint(self, ids: set[str]) -> None:
        for article_id in ids:
            node = self.nodes.get(article_id)
            if node is not None:
                node.refresh()

    def show_article(self, article: Article) -> None:
        """Put the cursor on ``article`` (unfolding its file) without opening it again."""
        parent = self.file_nodes.get(article.file)
        if parent is None:
            return
        self._add_articles(parent)
        if not parent.is_expanded:
            parent.expand()
        node = self.nodes.get(article.id)
        if node is None:
            return
        if node.line >= 0:  # laid out already: move now, in the same frame as the article
            self._cursor_to(node)
        else:
            self.call_after_refresh(self._cursor_to, node)

    def _cursor_to(self, node: TreeNode[Entry]) -> None:
        self.move_cursor(node)
        self.scroll_to_node(node, animate=False)

    def get_label_width(self, node: TreeNode[Entry]) -> int:
        # Tree measures every label to size its scroll width; ours never scrolls
        # sideways, and rendering 10,000 labels at once would stall the screen.
        return 0

    def render_label(self, node: TreeNode[Entry], base_style: Style, style: Style) -> Text:
        data = node.data
        text = super().render_label(node, base_style, style)
        on_cursor = node.line == self.cursor_line  # the cursor's colours stay: they are made to contrast

        def paint(component: str) -> None:
            looks = self.get_component_rich_style(component, partial=True)
            text.stylize(looks.without_color if on_cursor else looks)

        if isinstance(data, Skipped) or data is None:  # refused, or not read yet
            paint("files--skipped")
        if isinstance(data, Article):
            unread = data.id not in self.read
            paint("files--unread" if unread else "files--read")
            if data.untitled:
                paint("files--untitled")
            mark = Text("● " if unread else "  ", style=self.get_component_rich_style("files--unread", partial=True))
            count = self.badges.get(data.id)
            badge = Text(
                f"×{count} " if count else "", style=self.get_component_rich_style("files--badge", partial=True)
            )
            text = Text.assemble(mark, badge, text)
        text.plain = clip(text.plain, self.scrollable_content_region.width - self._indent(node))
        return text

    def _indent(self, node: TreeNode[Entry]) -> int:
        """Cells of tree guides before ``node``'s label (the hidden root has none)."""
        depth = 0
        while node.parent is not None and node.parent is not self.root:
            node = node.parent
            depth += 1
        return depth * self.guide_depth
