"""The reader's bookmark screens: the note prompt (``m``) and the bookmarks panel (``M``).

Both are modal and independent of the app: the note prompt dismisses with the
note (``""`` for none) or None when cancelled; the panel edits notes and
deletes through the :class:`~tui.engine.bookmarks.store.Store` it is given and dismisses
with the chosen :class:`~tui.engine.bookmarks.anchor.Placed` bookmark (or None).  File
text, titles and notes are shown as ``rich.text.Text``, never parsed as markup,
with control characters made visible.
"""

from __future__ import annotations

from collections.abc import Mapping

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.engine.bookmarks.anchor import Placed
from tui.engine.bookmarks.store import Store
from tui.reader import bindings
from tui.render.safe import visible

QUOTE_CELLS = 60
FILTER_CUTOFF = 60  # rapidfuzz partial_ratio (0-100) a bookmark needs to stay in a filtered list
PANEL_KEYS = (
    ("bookmarks.down", "list"),
    ("bookmarks.note", "note"),
    ("bookmarks.delete", "delete"),
    ("bookmarks.filter", "filter"),
    ("bookmarks.close", "close"),
)  # the panel's key hint: (binding id, what it does)


class NoteScreen(ModalScreen[str | None]):
    """Ask for an optional note on a bookmark: Enter saves it (empty is fine), Escape cancels."""

    DEFAULT_CSS = """
    NoteScreen { align: center middle; }
    NoteScreen > Vertical { width: 70; height: auto; padding: 1 2; border: thick $primary; background: $surface; }
    NoteScreen #quote { color: $text-muted; margin-bottom: 1; max-height: 6; overflow: hidden; }
    """
    BINDINGS = bindings.NOTE

    def __init__(self, quote: str, note: str = "", *, heading: str = "Bookmark this passage") -> None:
        super().__init__()
        self.quote = quote
        self.note = note
        self.heading = heading

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.heading, style="bold"))
            yield Static(Text(visible(" ".join(self.quote.split()))), id="quote")
            yield Input(value=self.note, placeholder="note (optional): Enter saves, Escape cancels", id="note")

    @on(Input.Submitted, "#note")
    def save(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


def prompt(p: Placed) -> Text:
    """One bookmark as a list entry: where it is now, its title, quote and note."""
    b, a = p.bookmark, p.anchor
    text = Text()
    if a is None:
        text.append("ORPHANED ", style="bold red")
        text.append(visible(b.article), style="dim")
    else:
        text.append(visible(a.ref), style="bold")
        if a.via_variant:
            text.append("  (in a variant)", style="italic yellow")
    text.append("  " + visible(b.title))
    text.append("\n  " + visible(b.excerpt(QUOTE_CELLS)), style="dim" if a is None else "")
    if b.note:
        text.append("\n  ✎ " + visible(b.note), style="italic")
    return text


def haystack(p: Placed) -> str:
    b = p.bookmark
    return " ".join((b.title, b.exact, b.note, p.anchor.ref if p.anchor else b.article))


def matching(entries: list[Placed], query: str) -> list[Placed]:
    """The entries that fuzzily match ``query``, best first (all of them, in order, for no query)."""
    if not query.strip():
        return list(entries)
    hits = process.extract(
        query, [haystack(p) for p in entries], scorer=fuzz.partial_ratio, processor=default_process,
        score_cutoff=FILTER_CUTOFF, limit=None,
    )  # fmt: skip
    return [entries[i] for _, _, i in sorted(hits, key=lambda h: (-h[1], h[2]))]


class BookmarksScreen(ModalScreen[Placed | None]):
    """The open folder's bookmarks: type to filter, Enter jumps, n edits the note, d deletes."""

    DEFAULT_CSS = """
    BookmarksScreen { align: center middle; }
    BookmarksScreen > Vertical { width: 90%; height: 80%; border: thick $primary; background: $surface; }
    BookmarksScreen #filter { margin-bottom: 1; }
    BookmarksScreen #list { height: 1fr; }
    BookmarksScreen #help { color: $text-muted; height: 1; }
    """
    BINDINGS = bindings.BOOKMARKS

    def __init__(self, entries: list[Placed], store: Store, keymap: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.entries = list(entries)
        self.store = store
        self.keymap = keymap or {}  # keymap.toml, for the key hint
        self.shown: list[Placed] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Input(placeholder="filter (fuzzy): title, quote, note", id="filter")
            yield OptionList(id="list", markup=False)
            yield Static(Text("enter jump · " + bindings.hint(self.app, self.keymap, *PANEL_KEYS)), id="help")

    def on_mount(self) -> None:
        self.refill()
        self.query_one("#list", OptionList).focus()

    def refill(self) -> None:
        """Show the entries matching the filter, keeping the highlighted one where possible."""
        self.query_one(Vertical).border_title = f"Bookmarks ({len(self.entries)})"
        options = self.query_one("#list", OptionList)
        current = self.current()
        self.shown = matching(self.entries, self.query_one("#filter", Input).value)
        options.set_options(Option(prompt(p), id=p.bookmark.id) for p in self.shown)
        if not self.shown:
            options.set_options(
                [Option(Text("No bookmarks." if not self.entries else "Nothing matches."), disabled=True)]
            )
            return
        ids = [p.bookmark.id for p in self.shown]
        options.highlighted = ids.index(current.bookmark.id) if current and current.bookmark.id in ids else 0

    def current(self) -> Placed | None:
        index = self.query_one("#list", OptionList).highlighted
        return self.shown[index] if index is not None and 0 <= index < len(self.shown) else None

    @on(Input.Changed, "#filter")
    def filter_changed(self) -> None:
        self.refill()

    @on(Input.Submitted, "#filter")
    def filter_submitted(self) -> None:
        self.jump()

    @on(OptionList.OptionSelected, "#list")
    def option_selected(self) -> None:
        self.jump()

    def jump(self) -> None:
        p = self.current()
        if p is None:
            return
        if p.orphaned:
            self.notify("This bookmark is orphaned: its passage is not in the folder now.", severity="warning")
            return
        self.dismiss(p)

    def action_move(self, step: int) -> None:
        options = self.query_one("#list", OptionList)
        if self.shown:
            options.highlighted = max(0, min(len(self.shown) - 1, (options.highlighted or 0) + step))

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def _replace(self, old: Placed, new: Placed | None) -> None:
        self.entries = [q for q in (new if p is old else p for p in self.entries) if q is not None]
        self.refill()

    def action_note(self) -> None:
        p = self.current()
        if p is None:
            return

        def done(note: str | None) -> None:
            if note is None:
                return
            if not self.store.set_note(p.bookmark.id, note):
                self.notify(self.store.notice or "The note could not be saved.", severity="error")
                return
            self._replace(p, Placed(p.bookmark.with_note(note), p.anchor))

        self.app.push_screen(NoteScreen(p.bookmark.exact, p.bookmark.note, heading="Edit the note"), done)

    def action_delete(self) -> None:
        p = self.current()
        if p is None:
            return
        if not self.store.remove_bookmark(p.bookmark.id):
            self.notify(self.store.notice or "The bookmark could not be deleted.", severity="error")
            return
        self._replace(p, None)
        self.notify("Bookmark deleted.")
