"""Bookmark store and anchoring speed: `PYTHONPATH=. python bench/bench_store.py [--million]`.

Goals (2-core machine): a save (one transaction, synchronous=FULL) under 10 ms
at the median; placing 100 bookmarks of the seeds for the bookmarks panel under
100 ms when the files are unchanged or shifted, and under 1 s when every one
needs the fuzzy search; 100 orphans in a 100-file folder under 3 s (this is the
worst case: each is searched fuzzily in its file, then exactly in every file).
The reader runs placement in a worker thread, so none of this blocks typing.

Scale: 1,000 bookmarks (the baseline) and 100,000 (and 1,000,000 with
--million): opening the store (with its integrity and type checks), one filter
query, reading them all a page at a time, `newsread bookmarks --json` in a
child process (wall time, and peak memory from /proc: Linux), and the longest stall of the
reader's event loop while the bookmarks panel opens and while a filter is
typed (not at 1,000,000: the reader holds every placed bookmark).  Each figure
is also given as a ratio to the baseline's; the goal is that the panel's
stalls do not grow (ratio about 1) and the rest grows no faster than the count.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from textual.app import App

from tui.engine import quietgc
from tui.engine.bookmarks.anchor import Anchorer, Placed, make_bookmark
from tui.engine.bookmarks.store import Store
from tui.engine.ingest.load import load
from tui.locations import bundled_seeds
from tui.reader.screens.bookmarks import BookmarksScreen
from tui.reader.widgets.mark_list import MarkList

N = 100
SEED = 7


def timed(fn, *args):
    t = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t


def sample_bookmarks(corpus, rng):
    paragraphs = [(a, p) for a in corpus.articles for p in a.paragraphs if len(p.pieces) == 1 and len(p.text) >= 40]
    out = []
    for a, p in rng.sample(paragraphs, N):
        s = p.raw_start + rng.randrange(0, len(p.text) - 30)
        out.append(make_bookmark(corpus, a, s, s + 30))
    return out


def ocr(text: str, rng) -> str:
    chars = list(text)
    for i in rng.sample(range(len(chars)), 3):
        chars[i] = "口"
    return "".join(chars)


def rewrite(folder: Path, bookmarks, change) -> None:
    by_file: dict[str, list] = {}
    for b in bookmarks:
        by_file.setdefault(b.file, []).append(b)
    for name, marks in by_file.items():
        path = folder / name
        text = path.read_text(encoding="utf-8")
        for b in marks:
            text = text.replace(b.exact, change(b.exact), 1)
        path.write_text("新加的一段。\n\n" + text if change is not None else text, encoding="utf-8")


def place_ms(folder: Path, bookmarks) -> tuple[float, dict]:
    corpus = load(folder)
    placed, secs = timed(Anchorer(corpus).place, bookmarks)
    methods: dict[str, int] = {}
    for p in placed:
        key = p.anchor.method if p.anchor else "orphaned"
        methods[key] = methods.get(key, 0) + 1
    return secs * 1000, methods


def bench_store(tmp: Path, bookmarks) -> None:
    store, secs = timed(Store.open, tmp / "data")
    print(f"store open (create + migrate): {secs * 1000:.1f} ms")
    saves = []
    for b in bookmarks * 2:
        _, s = timed(store.add_bookmark, replace(b, id=f"{len(saves):032x}"))
        saves.append(s * 1000)
    print(
        f"add_bookmark x{len(saves)}: median {statistics.median(saves):.2f} ms, p95 {sorted(saves)[int(len(saves) * 0.95)]:.2f} ms"
    )
    pos = [timed(store.set_position, tmp, f"a#{i}", i)[1] * 1000 for i in range(200)]
    print(f"set_position x200: median {statistics.median(pos):.2f} ms")
    _, secs = timed(store.bookmarks)
    print(f"bookmarks() with {len(saves)} rows: {secs * 1000:.1f} ms")
    store.close()


class Stalls:
    """The longest time the event loop went without running, while inside ``async with``."""

    async def __aenter__(self) -> Stalls:
        self.longest, self._running = 0.0, True
        self._task = asyncio.create_task(self._watch())
        await asyncio.sleep(0)
        return self

    async def _watch(self) -> None:
        while self._running:
            start = time.perf_counter()
            await asyncio.sleep(0.001)
            self.longest = max(self.longest, time.perf_counter() - start)

    async def __aexit__(self, *exc) -> None:
        self._running = False
        await self._task


async def panel_stalls(entries: list[Placed], store: Store, query: str) -> tuple[float, float]:
    """Longest event-loop stall (s) while the panel opens, and while ``query`` is typed and its rows shown."""
    app = App()
    async with app.run_test(size=(120, 40)) as pilot:
        async with Stalls() as opening:
            await app.push_screen(BookmarksScreen(entries, store))
            await pilot.pause()
        async with Stalls() as typing:
            for n in range(1, len(query) + 1):
                app.screen.query_one("#filter").value = query[:n]
                await pilot.pause(0.05)  # a fast typist
            while app.screen.shown_for != query:
                await pilot.pause(0.01)
        assert app.screen.query_one(MarkList).entries, query
    return opening.longest, typing.longest


PEAK = """
import atexit, sys
atexit.register(lambda: sys.stderr.write(next(l for l in open("/proc/self/status") if l.startswith("VmHWM"))))
from tui.main import run
run()
"""  # the child's own peak (Linux): ru_maxrss would count the parent it was forked from


def cli_listing(data: Path, count: int) -> tuple[float, float]:
    """`newsread bookmarks --json` in a child: wall seconds and peak memory (MB)."""
    env = dict(os.environ, NEWSREAD_DATA_DIR=str(data), PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    start = time.perf_counter()
    argv = [sys.executable, "-c", PEAK, "bookmarks", "--json"]
    child = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    listed = sum(line.startswith('      "id": ') for line in child.stdout)
    peak_kb = int(child.stderr.read().split()[-2])
    assert child.wait() == 0 and listed == count, listed
    return time.perf_counter() - start, peak_kb / 1024


def bench_scale(tmp: Path, bookmarks, sizes: list[int], panel_max: int) -> None:
    corpus = load(bundled_seeds())
    placed = Anchorer(corpus).place(bookmarks)
    rows: dict[int, dict[str, float]] = {}
    for n in sizes:
        data = tmp / f"scale-{n}"
        many = [replace(bookmarks[i % len(bookmarks)], id=f"{i:032x}", note=f"note {i}") for i in range(n)]
        with Store.open(data) as store:
            store.import_bookmarks(many)
        row = rows[n] = {}
        store, row["open (ms)"] = timed(Store.open, data)
        _, row["filter query (ms)"] = timed(store.matching_ids, f"note {n - 1}")
        _, row["read all (ms)"] = timed(lambda s=store: sum(1 for _ in s.iter_bookmarks()))
        row["bookmarks --json (s)"], row["  its peak memory (MB)"] = cli_listing(data, n)
        if n <= panel_max:
            with quietgc.held():  # as the reader places them
                entries = [Placed(b, placed[i % len(placed)].anchor) for i, b in enumerate(many)]
            row["panel open stall (ms)"], row["filter typing stall (ms)"] = asyncio.run(
                panel_stalls(entries, store, f"note {n - 1}")
            )
        store.close()
        for key in row:
            if key.endswith("(ms)"):
                row[key] *= 1000
    base = rows[sizes[0]]
    print(f"\nscale (ratio to {sizes[0]:,} in brackets):")
    for key in base | rows[sizes[-1]]:
        cells = [
            f"{rows[n][key]:10.1f} ({rows[n][key] / base[key]:5.1f}x)" if key in rows[n] else f"{'-':>18}"
            for n in sizes
        ]
        print(f"  {key:26}" + "".join(f"  {n:>9,}: {c}" for n, c in zip(sizes, cells)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--million", action="store_true", help="also 1,000,000 bookmarks (minutes, a GB of disk)")
    args = parser.parse_args()
    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        folder = tmp / "seeds"
        shutil.copytree(bundled_seeds(), folder)
        bookmarks = sample_bookmarks(load(folder), rng)
        bench_scale(tmp, bookmarks, [1_000, 100_000, *([1_000_000] if args.million else [])], panel_max=100_000)
        bench_store(tmp, bookmarks)
        ms, m = place_ms(folder, bookmarks)
        print(f"place {N} bookmarks, files unchanged: {ms:.1f} ms {m}")
        rewrite(folder, bookmarks, lambda q: q)
        ms, m = place_ms(folder, bookmarks)
        print(f"place {N} bookmarks, a paragraph inserted at each file's top: {ms:.1f} ms {m}")
        rewrite(folder, bookmarks, lambda q: ocr(q, rng))
        ms, m = place_ms(folder, bookmarks)
        print(f"place {N} bookmarks, 3 OCR changes in every quote: {ms:.1f} ms {m}")
        scramble_into(folder, rng)
        ms, m = place_ms(folder, bookmarks)
        size = sum(p.stat().st_size for p in folder.rglob("*.txt")) // 1024
        print(f"place {N} orphans, passages gone, 100-file folder ({size} KiB): {ms:.1f} ms {m}")


def scramble_into(folder: Path, rng) -> None:
    """Shuffle the characters of every file (no passage survives) and add 95 more such files."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    for path, text in zip(sorted(folder.glob("*.txt")), texts):
        path.write_text("".join(rng.sample(text, len(text))), encoding="utf-8")
    (folder / "extra").mkdir()
    for k in range(95):
        text = texts[k % len(texts)]
        (folder / "extra" / f"{k:03}.txt").write_text("".join(rng.sample(text, len(text))), encoding="utf-8")


if __name__ == "__main__":
    main()
