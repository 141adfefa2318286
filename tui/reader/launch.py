"""Start the reader on a folder that :mod:`tui.main` has already checked."""

from __future__ import annotations

from pathlib import Path

from tui.engine.quietgc import held


def launch(root: Path, *, open_ref: str | None = None, theme: str | None = None) -> int:
    # Importing Textual and the reader makes only long-lived objects (modules, classes):
    # collector passes over them are wasted start-up time, and once frozen they are never walked again.
    with held():
        from tui.reader.app import NewsreadApp

        app = NewsreadApp(root, open_ref=open_ref, theme_name=theme)
    app.run()
    return app.return_code or 0  # 1 when the app died of an error, not a silent 0
