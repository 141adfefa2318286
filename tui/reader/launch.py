"""Start the reader on a folder that :mod:`tui.main` has already checked."""

from __future__ import annotations

from pathlib import Path


def launch(root: Path, *, open_ref: str | None = None, theme: str | None = None) -> int:
    from tui.reader.app import NewsreadApp

    NewsreadApp(root, open_ref=open_ref, theme_name=theme).run()
    return 0
