"""Grouping a big folder in a process of its own, so that the reader's keys do not wait on it.

Grouping is Python for tens of seconds on a big folder (100,000 articles:
30 s and more).  In a thread it holds the interpreter lock whenever the UI
thread does not, so every J/K while it runs takes about twice as long.  A
child process (spawned: a fresh interpreter, none of the reader's threads or
locks) reads the folder from the store, groups it and saves the groups there;
the reader then takes them from the store, which gives them only for the
corpus it shows (:func:`tui.engine.variants.groupcache.find_groups`: keyed by
every file's stamp), so a folder that changed meanwhile is grouped again, in
the thread.  Progress comes back as lines on the child's output.  The
child runs at a lower priority: on a busy machine, keys before badges.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

MIN_ARTICLES = 20_000  # below this, grouping takes a few seconds: not worth a second interpreter and reading


def group_apart(folder: Path, progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> bool:
    """Worker thread: group ``folder`` in a child process; True when its groups are saved in the store."""
    command = [sys.executable, "-m", "tui.reader.apart", os.fsdecode(folder)]
    try:
        child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except OSError:
        return False
    try:
        while not cancelled():
            if not select.select([child.stdout], [], [], 0.1)[0]:
                continue
            line = child.stdout.readline().split()
            if not line or line[0] != b"progress":
                return line == [b"saved"]  # else it failed, or died without a word
            progress(int(line[1]), int(line[2]))
        return False
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
        child.stdout.close()


def main(folder: str) -> None:
    """In the child: read the folder (from the store), group it, save the groups; progress on stdout."""
    from tui.engine.ingest.corpuscache import load_cached
    from tui.engine.variants.groupcache import find_groups

    def progress(n: int, total: int) -> None:
        print("progress", n, total, flush=True)

    if hasattr(os, "nice"):
        os.nice(10)  # the reader comes first when the cores are busy: keys before badges
    find_groups(load_cached(folder), progress=progress)
    print("saved", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
