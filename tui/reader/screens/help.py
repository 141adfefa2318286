"""The `?` help screen: every key of every screen, from the binding table, as remapped by keymap.toml."""

from __future__ import annotations

from collections.abc import Mapping

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.reader import bindings

# Keys and mouse actions the widgets have of themselves (not in the binding table, so not remappable).
TEXTUAL_KEYS = (
    ("↑ ↓", "Move the file list's cursor, or scroll the article: whichever has focus"),
    ("pgup, pgdn, home, end", "Page, or go to the top or the end, in the pane that has focus"),
    ("shift+tab", "Move focus back"),
    ("ctrl+c", "Copy, in a text field (elsewhere: says how to quit)"),
    ("mouse", "Click opens an article or focuses a pane, the wheel scrolls, a drag in the article selects"),
)


class HelpScreen(ModalScreen):
    """All keys with their binding ids (for keymap.toml)."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90%; max-width: 96; height: 90%; border: round $primary; background: $surface; padding: 0 1; }
    """
    BINDINGS = bindings.HELP

    def __init__(self, keymap: Mapping[str, str]) -> None:
        super().__init__()
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self._table())

    def _table(self) -> Table:
        table = Table(box=None, expand=True, show_header=False, padding=(0, 1))
        table.add_column("key", style="bold", no_wrap=True)
        table.add_column("what")
        table.add_column("id", style="dim", no_wrap=True)
        table.add_row(Text("newsread keys", style="bold underline"), "", Text("binding id (keymap.toml)"))
        for title, section in bindings.SECTIONS:
            table.add_row("", "", "")
            table.add_row(Text(title, style="bold"), "", "")
            for b in section:
                table.add_row(Text(bindings.key_label(self.app, self.keymap, b)), Text(b.tooltip), Text(b.id))
        table.add_row("", "", "")
        table.add_row(Text("Also (Textual's keys)", style="bold"), "", "")
        for keys, what in TEXTUAL_KEYS:
            table.add_row(Text(keys), Text(what), "")
        return table
