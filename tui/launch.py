"""Start the reader: check the folder first, so a bad one is one line on stderr."""

from __future__ import annotations

from pathlib import Path

from .cli.common import UsageError
from .core.corpus import bundled_seeds


def launch(folder: str | None, *, open_ref: str | None = None, theme: str | None = None) -> int:
    root = Path(folder) if folder else bundled_seeds()
    if not root.is_dir():
        raise UsageError(f"not a folder: {root}" if root.exists() else f"no such folder: {root}")
    from .app import NewsreadApp

    NewsreadApp(root, open_ref=open_ref, theme_name=theme).run()
    return 0
