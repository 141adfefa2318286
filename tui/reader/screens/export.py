"""`e` in a comparison: choose a format and where to write it; enter writes.

The screen only asks; the comparison screen builds the export and writes it
(:mod:`tui.reader.exports`), then says where it went.  Served on the network
the prompt says exports go to the data dir only, and why.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, RadioButton, RadioSet, Static

from tui.reader import bindings
from tui.reader.exports import confined, exports_dir
from tui.render.safe import visible

LABELS = {
    "html": "HTML page (side by side, legend; opens in any browser)",
    "tei": "TEI P5 apparatus (parallel segmentation)",
    "csv": "CSV alignment table (a row per variation point)",
    "tsv": "TSV alignment table",
}


class ExportScreen(ModalScreen[tuple[str, str] | None]):
    """Pick a format (when there is a choice) and a file; returns (format, what was typed)."""

    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical { width: 90%; max-width: 100; height: auto; border: round $primary; background: $surface; padding: 0 1; }
    ExportScreen #what { text-style: bold; }
    ExportScreen #where { color: $text-muted; }
    ExportScreen RadioSet { width: 100%; }
    """
    BINDINGS = bindings.EXPORT

    def __init__(self, what: str, defaults: Mapping[str, Path]) -> None:
        super().__init__()
        self.what = what
        self.defaults = dict(defaults)  # format -> the file written when nothing is typed
        self.format = next(iter(self.defaults))

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "export"
            yield Static(Text(f"Export {self.what}"), id="what")
            if len(self.defaults) > 1:
                with RadioSet(id="formats"):
                    for n, fmt in enumerate(self.defaults):
                        yield RadioButton(LABELS[fmt], value=n == 0, name=fmt)
            yield Input(self._shown(self.format), id="path", select_on_focus=False)
            yield Static(Text(self._where()), id="where")

    def _shown(self, fmt: str) -> str:
        path = self.defaults[fmt]
        return path.name if confined() else str(path)

    def _where(self) -> str:
        keys = "enter writes, escape cancels" + (", shift+tab picks the format" if len(self.defaults) > 1 else "")
        if confined():
            return (
                f"Served on the network: exports go to {visible(str(exports_dir()))} only; "
                f"a path typed here keeps only its file name. {keys}."
            )
        return f"Type another path to write elsewhere (~ and relative paths work). {keys}."

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(RadioSet.Changed, "#formats")
    def _format(self, event: RadioSet.Changed) -> None:
        path = self.query_one("#path", Input)
        if path.value == self._shown(self.format):  # not edited: follow the format
            path.value = self._shown(event.pressed.name)
        self.format = event.pressed.name
        path.focus()

    @on(Input.Submitted, "#path")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss((self.format, event.value))
