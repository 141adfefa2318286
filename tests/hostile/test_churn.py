"""The reader over a hostile folder that changes under it: no traceback, no stall, no bookmark lost.

Pilot drives the reader, watching the folder (kernel events, and polling every
50 ms as the fallback), while files are grown,
replaced (atomically and in place), renamed, emptied, deleted and brought
back, and a folder whose name is not UTF-8 is renamed back and forth.

How long input waits is measured on the event loop that takes it: a beat
every 5 ms, and how late each beat wakes is time in which a key could not
have been handled.  Time the process's threads spent runnable but waiting for
a CPU (``/proc/self/task/*/schedstat``) is taken off: on a machine busy with
other processes, that is theirs; what is left is the reader's own doing (work
on its UI thread, or a wait for a lock or for the GIL held by a busy worker).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
import time
from pathlib import Path

import pytest
from reader.helpers import make_app
from textual.worker import WorkerCancelled

import tui.reader.app as app_module
from tui.engine.bookmarks.store import Store
from tui.reader.screens.bookmarks import BookmarksScreen

from .folders import NOT_UTF8, NOT_UTF8_DIR, STORY, build, name, path_of

STALL_LIMIT = 0.100  # seconds, from the acceptance criterion
BEAT = 0.005


def cpu_waits() -> dict[str, int]:
    """Per thread of this process, nanoseconds spent runnable but waiting for a CPU (empty where unknown)."""
    waits = {}
    try:
        tasks = os.listdir("/proc/self/task")
    except OSError:
        return waits
    for task in tasks:
        try:
            with open(f"/proc/self/task/{task}/schedstat") as f:
                waits[task] = int(f.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue  # the thread ended meanwhile
    return waits


class Heartbeat:
    """Beats on the running event loop; ``worst`` is the longest time the reader kept it from running."""

    def __init__(self) -> None:
        self.worst = 0.0  # less the machine's share, see the module docstring
        self.worst_wall = 0.0
        self.beats = 0
        self._task: asyncio.Task | None = None

    async def _run(self) -> None:
        while True:
            start, before = time.perf_counter(), cpu_waits()
            await asyncio.sleep(BEAT)
            late = time.perf_counter() - start - BEAT
            after = cpu_waits()
            machine = sum(ns - before.get(task, 0) for task, ns in after.items()) / 1e9
            self.worst = max(self.worst, late - min(late, machine))
            self.worst_wall = max(self.worst_wall, late)
            self.beats += 1

    def __enter__(self) -> Heartbeat:
        self._task = asyncio.get_running_loop().create_task(self._run())
        return self

    def __exit__(self, *exc) -> None:
        assert self._task is not None
        self._task.cancel()


def grow(root: Path, n: int) -> None:
    with open(path_of(root, NOT_UTF8), "ab") as f:
        f.write(f"\nUpdate {n}: the bridge opened to pedestrians first.\n".encode())


def replace_atomically(root: Path, n: int) -> None:
    target = path_of(root, NOT_UTF8_DIR + b"/b\xff\xfe.txt")
    if os.path.isdir(os.path.dirname(target)):
        tmp = path_of(root, NOT_UTF8_DIR + b"/.b.tmp")  # hidden: never listed
        with open(tmp, "wb") as f:
            f.write(STORY.replace("eight", f"{n + 2}").encode())
        os.replace(tmp, target)


def rewrite_in_place(root: Path, n: int) -> None:
    """Truncate, then write: a poll can see the file empty or half written."""
    with open(path_of(root, "新闻\n换行.txt".encode()), "r+b") as f:
        f.truncate(0)
        f.flush()
        f.write(STORY.replace("Monday", f"day {n}").encode()[: 100 + 40 * (n % 8)])


def rename(root: Path, n: int) -> None:
    names = [b"esc\x1b[31mred.txt", b"renamed\xfd\x07.txt"]
    os.replace(path_of(root, names[n % 2]), path_of(root, names[(n + 1) % 2]))


def delete_or_restore(root: Path, n: int) -> None:
    path = path_of(root, "bidi\u202etxt.md".encode())
    if os.path.exists(path):
        os.unlink(path)
    else:
        with open(path, "wb") as f:
            f.write(STORY.encode())


def move_folder(root: Path, n: int) -> None:
    names = [NOT_UTF8_DIR, b"moved\xfd"]
    os.replace(path_of(root, names[n % 2]), path_of(root, names[(n + 1) % 2]))


CHANGES = (grow, replace_atomically, rewrite_in_place, rename, delete_or_restore, move_folder)
KEYS = (
    ("j", "j"),
    ("J",),
    ("space",),
    ("M", "escape"),
    ("d", "escape"),
    ("K",),
    ("r", "r"),
    ("y",),
    ("m", "x", "enter"),
    ("u",),
    ("G", "g"),
    ("ctrl+p", "escape"),
)
ROUNDS = 36


async def quiet(app, pilot) -> None:
    """Settle, where polls and reloads cancel each other's workers (a cancelled one is no error)."""
    for _ in range(3):
        await pilot.pause()
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture
def thread_errors(monkeypatch):
    """Exceptions that ended a thread (they would print a traceback to the terminal)."""
    seen: list[threading.ExceptHookArgs] = []
    monkeypatch.setattr(threading, "excepthook", seen.append)
    return seen


@pytest.mark.parametrize("watching", ["events", "poll"])
async def test_churning_folder_no_traceback_no_stall_bookmarks_kept(tmp_path, monkeypatch, thread_errors, watching):
    monkeypatch.setattr(app_module, "POLL_SECONDS", 0.05)
    if watching == "poll":
        monkeypatch.setenv("NEWSREAD_WATCH", "poll")
    folder = build(tmp_path / "hostile")
    ref = name(NOT_UTF8) + "#1"
    app = make_app(folder, open_ref=ref, poll=True)
    async with app.run_test(size=(110, 32)) as pilot:
        await quiet(app, pilot)
        assert (app.watcher is not None) == (watching == "events")
        await pilot.press("m", *"before", "enter")
        await quiet(app, pilot)
        loads = app.library.corpus
        with Heartbeat() as heart:
            for n in range(ROUNDS):
                CHANGES[n % len(CHANGES)](folder, n // len(CHANGES))  # the how-many-th time of this change
                await pilot.press(*KEYS[n % len(KEYS)])
                await asyncio.sleep(0.06)  # a poll, and often a reload, under way while the next keys come
            await quiet(app, pilot)
        assert app.is_running and app.library.corpus is not loads  # the changes were seen
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert not errors and not thread_errors
        assert heart.beats > 100
        assert heart.worst < STALL_LIMIT, (
            f"input waited {heart.worst * 1000:.0f} ms ({heart.worst_wall * 1000:.0f} wall)"
        )
        notes = sorted(b.note for b in app.library.state.bookmarks())
        await pilot.press("q")
    assert app.return_code == 0
    assert "before" in notes and notes.count("x") >= ROUNDS // len(KEYS) - 1
    with Store.open() as store:  # everything bookmarked is on disk
        assert sorted(b.note for b in store.bookmarks()) == notes
    again = make_app(folder)
    async with again.run_test(size=(110, 32)) as pilot:  # a restart: the panel lists them all
        await quiet(again, pilot)
        await pilot.press("M")
        panel = again.screen
        assert isinstance(panel, BookmarksScreen) and sorted(p.bookmark.note for p in panel.shown) == notes
        before = next(p for p in panel.shown if p.bookmark.note == "before")
        assert before.anchor is not None and before.anchor.article.file == name(NOT_UTF8)
