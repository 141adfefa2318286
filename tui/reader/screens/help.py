"""The `?` help screen: every key of every screen, as remapped by keymap.toml."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


def key_label(app, binding: Binding) -> str:
    """The key(s) a binding is on now (after the keymap), as the user types them."""
    keys = app.keymap.get(binding.id, binding.key) if binding.id else binding.key
    return ", ".join(app.get_key_display(Binding(k.strip(), "")) for k in keys.split(","))


def sections(app) -> list[tuple[str, list[Binding]]]:
    from tui.reader.screens.compare import COMPARE_BINDINGS
    from tui.reader.screens.reader import ReaderScreen

    return [
        ("Reading", list(ReaderScreen.BINDINGS)),
        ("Comparing (d, c)", list(COMPARE_BINDINGS)),
        ("Everywhere", list(app.BINDINGS)),
    ]


class HelpScreen(ModalScreen):
    """All keys with their binding ids (for keymap.toml)."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90%; max-width: 96; height: 90%; border: round $primary; background: $surface; padding: 0 1; }
    """
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", id="help.close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self._table())

    def _table(self) -> Table:
        table = Table(box=None, expand=True, show_header=False, padding=(0, 1))
        table.add_column("key", style="bold", no_wrap=True)
        table.add_column("what")
        table.add_column("id", style="dim", no_wrap=True)
        table.add_row(Text("newsread keys", style="bold underline"), "", Text("binding id (keymap.toml)"))
        for title, bindings in sections(self.app):
            table.add_row("", "", "")
            table.add_row(Text(title, style="bold"), "", "")
            for b in bindings:
                table.add_row(
                    Text(key_label(self.app, b)), Text(b.tooltip or b.description or b.action), Text(b.id or "")
                )
        table.add_row("", "", "")
        table.add_row(Text("mouse"), Text("click selects, wheel scrolls"), "")
        return table
