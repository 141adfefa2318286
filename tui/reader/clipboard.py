"""Copying out of the reader: to the terminal's clipboard, and to a file the notice names.

The terminal's clipboard is reached with OSC 52 (Textual's
``copy_to_clipboard``), which no terminal acknowledges and many ignore or
refuse (tmux without ``set-clipboard``, the Linux console, some SSH set-ups).
So every copy is also written to ``clipboard.txt`` in the data dir, off the
UI thread, and the notice says where the text went.
"""

from __future__ import annotations

from pathlib import Path

from textual.dom import DOMNode

from tui.engine.export.files import ExportError, write_atomically
from tui.locations import data_dir
from tui.render.safe import visible

CLIPBOARD_FILE = "clipboard.txt"


def save_copy(text: str) -> tuple[Path | None, str]:
    """Worker thread: write ``text`` to the clipboard file; its path, else None and why not."""
    path = data_dir() / CLIPBOARD_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text)
    except (OSError, ExportError) as e:
        return None, str(e)
    return path, ""


def copied_notice(what: str, path: Path | None, problem: str) -> str:
    sent = f"copied {what}: sent to the terminal's clipboard (OSC 52, if the terminal accepts it)"
    return visible(f"{sent}; also in {path}" if path else f"{sent}; not saved to a file: {problem}")


def copy_out(node: DOMNode, text: str, what: str) -> None:
    """Copy ``text`` (``what`` names it in the notice) from ``node``'s screen."""
    app = node.app
    app.copy_to_clipboard(text)

    def save() -> None:
        path, problem = save_copy(text)
        app.call_from_thread(app.notify, copied_notice(what, path, problem), timeout=6, markup=False)

    node.run_worker(save, thread=True, group="clipboard", description="saving the copy")
