"""Start-up: the first usable screen needs none of the heavy libraries (they come with grouping, diffs, formats)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, SEEDS

HEAVY = {"trafilatura", "numpy", "lxml", "xml", "opencc", "rapidfuzz"}

PROBE = f"""
import asyncio, sys
from tui.reader.app import NewsreadApp

seen = []

class FirstScreen(NewsreadApp):
    def show_corpus(self, reading):
        seen.extend(sys.modules)  # the folder is read, the list comes next; grouping has not started
        super().show_corpus(reading)

async def main():
    app = FirstScreen({str(SEEDS)!r}, poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        while not seen:
            await pilot.pause()

asyncio.run(main())
print(" ".join(sorted({{m.split(".")[0] for m in seen}})))
"""


def test_the_file_list_shows_without_any_heavy_library():
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, cwd=ROOT)
    loaded = set(done.stdout.split())
    assert "tui" in loaded and "textual" in loaded
    assert not loaded & HEAVY, sorted(loaded & HEAVY)
