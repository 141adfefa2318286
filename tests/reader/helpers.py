"""Starting the reader in tests: no polling, and wait until loading and grouping are done."""

from __future__ import annotations

import asyncio
import os
import time

from textual.worker import WorkerState

from tui.reader.app import NewsreadApp


def make_app(folder, **kw) -> NewsreadApp:
    kw.setdefault("poll", False)
    return NewsreadApp(folder, **kw)


async def settle(app, pilot) -> None:
    """Wait until the app is at rest: its layout built and no worker pending or running, twice across a frame.

    One look is not enough on a busy machine: the layout comes a frame after the folder is read, and grouping
    starts a frame after the list is shown, so a worker may begin just after the workers were seen done.
    """
    quiet = 0
    for _ in range(500):
        await pilot.pause()
        await app.workers.wait_for_complete()
        reader = getattr(app, "reader", None)
        ready = reader is None or (reader.built and reader.waiting is None)
        busy = any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers)
        quiet = quiet + 1 if ready and not busy else 0
        if quiet == 2:
            break
        await pilot.pause(0.02)
    await pilot.pause()


async def until(pilot, test, timeout: float = 10.0) -> None:
    """Let the reader run until ``test()`` holds (what changes from another thread: a watch, a held read)."""
    start = time.monotonic()
    while not test():
        assert time.monotonic() - start < timeout, "not seen in time"
        await asyncio.sleep(0.02)
        await pilot.pause()


def screen_text(view) -> str:
    """What a line-API view paints in its visible rows, as plain text."""
    return "\n".join(view.render_line(y).text.rstrip() for y in range(view.size.height))


def config_dir():
    from pathlib import Path

    return Path(os.environ["NEWSREAD_CONFIG_DIR"])
