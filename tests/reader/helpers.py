"""Starting the reader in tests: no polling, and wait until loading and grouping are done."""

from __future__ import annotations

import os

from tui.reader.app import NewsreadApp


def make_app(folder, **kw) -> NewsreadApp:
    kw.setdefault("poll", False)
    return NewsreadApp(folder, **kw)


async def settle(app, pilot) -> None:
    """Let workers finish, the reader's layout come (a frame after the folder is read), and the screen repaint."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    reader = getattr(app, "reader", None)
    for _ in range(250):
        if reader is None or (reader.built and reader.waiting is None):
            break
        await pilot.pause(0.02)
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def screen_text(view) -> str:
    """What a line-API view paints in its visible rows, as plain text."""
    return "\n".join(view.render_line(y).text.rstrip() for y in range(view.size.height))


def config_dir():
    from pathlib import Path

    return Path(os.environ["NEWSREAD_CONFIG_DIR"])
