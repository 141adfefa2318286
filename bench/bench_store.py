"""Bookmark store and anchoring speed: `PYTHONPATH=. python bench/bench_store.py`.

Goals (2-core machine): a save (one transaction, synchronous=FULL) under 10 ms
at the median; placing 100 bookmarks of the seeds for the bookmarks panel under
100 ms when the files are unchanged or shifted, and under 1 s when every one
needs the fuzzy search; 100 orphans in a 100-file folder under 3 s (this is the
worst case: each is searched fuzzily in its file, then exactly in every file).
The reader runs placement in a worker thread, so none of this blocks typing.
"""

from __future__ import annotations

import random
import shutil
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from tui.engine.bookmarks.anchor import Anchorer, make_bookmark
from tui.engine.bookmarks.store import Store
from tui.engine.ingest.load import load
from tui.locations import bundled_seeds

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


def main() -> None:
    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        folder = tmp / "seeds"
        shutil.copytree(bundled_seeds(), folder)
        bookmarks = sample_bookmarks(load(folder), rng)
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
