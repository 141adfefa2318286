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

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from tui.engine.bookmarks.anchor import Placed
from tui.engine.bookmarks.store import Store
from tui.reader import bindings
from tui.reader.widgets.mark_list import MarkList
from tui.render.safe import visible

TYPING_PAUSE = 0.15  # seconds without a keystroke before the filter is applied
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


class BookmarksScreen(ModalScreen[Placed | None]):
    """The open folder's bookmarks: type to filter, Enter jumps, n edits the note, d deletes.

    The list draws only the rows on screen (:class:`MarkList`) and the filter
    runs in the store (SQL) in a worker thread, so 100,000 bookmarks open and
    filter without holding up the keyboard.
    """

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
        self.shown: list[Placed] = self.entries
        self.shown_for = ""  # the filter text self.shown answers
        self._typing: Timer | None = None
        self._jump_when_shown = False  # Enter pressed in the filter before its answer came

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Input(placeholder="filter: words in the title, quote, note or place", id="filter")
            yield MarkList(id="list")
            yield Static(Text("enter jump · " + bindings.hint(self.app, self.keymap, *PANEL_KEYS)), id="help")

    def on_mount(self) -> None:
        self.refill()
        self.query_one(MarkList).focus()

    @property
    def filter_text(self) -> str:
        return self.query_one("#filter", Input).value.strip()

    def refill(self) -> None:
        """Show the entries matching the filter (asked of the store in a worker), keeping the highlighted one."""
        if self.filter_text:
            self.filter_in_store(self.filter_text, self.current())
        else:
            self._show("", self.entries, self.current())

    @work(thread=True, exclusive=True, group="bookmark-filter")
    def filter_in_store(self, query: str, keep: Placed | None) -> None:
        ids = self.store.matching_ids(query)
        if get_current_worker().is_cancelled:
            return
        shown = [p for p in self.entries if p.bookmark.id in ids]
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._deliver, query, shown, keep)

    def _deliver(self, query: str, shown: list[Placed], keep: Placed | None) -> None:
        if self.is_attached and query == self.filter_text:  # not overtaken by more typing
            self._show(query, shown, keep)
            if self._jump_when_shown:
                self._jump_when_shown = False
                self.jump()

    def _show(self, query: str, shown: list[Placed], keep: Placed | None) -> None:
        self.shown, self.shown_for = shown, query
        count = f"{len(shown):,} of {len(self.entries):,}" if query else f"{len(self.entries):,}"
        self.query_one(Vertical).border_title = f"Bookmarks ({count})"
        at = next((n for n, p in enumerate(shown) if p.bookmark.id == keep.bookmark.id), 0) if keep else 0
        self.query_one(MarkList).show(shown, at, "No bookmarks." if not self.entries else "Nothing matches.")

    def current(self) -> Placed | None:
        index = self.query_one(MarkList).highlighted
        return self.shown[index] if 0 <= index < len(self.shown) else None

    @on(Input.Changed, "#filter")
    def filter_changed(self) -> None:
        """Ask the store once typing pauses: every keystroke would start a scan of every bookmark."""
        if self._typing is not None:
            self._typing.stop()
        self._typing = self.set_timer(TYPING_PAUSE, self.refill) if self.filter_text else None
        if not self.filter_text:
            self.refill()

    @on(Input.Submitted, "#filter")
    def filter_submitted(self) -> None:
        if self.shown_for == self.filter_text:
            self.jump()
            return
        self._jump_when_shown = True
        if self._typing is not None:
            self._typing.stop()
        self.refill()

    @on(MarkList.Chosen, "#list")
    def chosen(self) -> None:
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
        self.query_one(MarkList).action_move(step)

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
                self.notify(self.store.notice or "The note could not be saved.", severity="error", markup=False)
                return
            self._replace(p, Placed(p.bookmark.with_note(note), p.anchor))

        self.app.push_screen(NoteScreen(p.bookmark.exact, p.bookmark.note, heading="Edit the note"), done)

    def action_delete(self) -> None:
        p = self.current()
        if p is None:
            return
        if not self.store.remove_bookmark(p.bookmark.id):
            self.notify(self.store.notice or "The bookmark could not be deleted.", severity="error", markup=False)
            return
        self._replace(p, None)
        self.notify("Bookmark deleted.")
