"""Time `newsread list --json` from process start: cold, warm, and warm with one file changed, as ratios to cold.

    .venv/bin/python bench/bench_list.py [--files 1000] [--articles 10000] [--repeat 3] [--week DIR]

Folders: the seeds, the shared week of 1916 front pages (539 OCR pages,
English, hard-wrapped: ``../shared/corpora/chronam-1916-04-week1``, skipped
when absent) and a 1,000-file folder from bench/gen_corpus.py (seeded,
deterministic).  Each run is a fresh process (``python -m tui list --json``),
so the figures include start-up, the walk, decoding, segmentation and JSON
output.  ``cold`` runs get an empty cache dir each (everything is read,
decoded and segmented, and the rows are written); ``warm`` runs find every
file's saved row (nothing is read); ``one changed`` runs find all but one:
before each, one file's mtime moves, so that file is read and segmented
again (and, on the week, the folder's lexicon summed again from the rows).
Each figure is the median of the repeats, as wall time and as the CPU time
of the process (steadier on a shared machine); the ratios are to the cold
medians of the same folder in the same run.  The store's size is given
against the folder's.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from gen_corpus import generate  # noqa: E402

WEEK = ROOT.parent / "shared" / "corpora" / "chronam-1916-04-week1"
DB_NAME = "cache.sqlite3"  # tui.engine.caches.DB_NAME


def run_list(folder: Path, cache: Path) -> tuple[float, float, int]:
    """Wall time, CPU time and JSON size of one ``newsread list --json`` with the cache in ``cache``."""
    env = {**os.environ, "NEWSREAD_CACHE_DIR": str(cache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode compiled once, then reused
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "tui", "list", "--json", "--folder", str(folder)],
        capture_output=True,
        check=True,
        cwd=ROOT,
        env=env,
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu, len(out.stdout)


def touch_one(folder: Path) -> None:
    """Move the mtime of the folder's first text file by a second (its content is kept)."""
    f = min(p for p in folder.rglob("*.txt"))
    st = f.stat()
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def bench_folder(folder: Path, repeat: int, tmp: Path) -> tuple[list[tuple[str, float, float, int]], int]:
    """(run, median wall s, median CPU s, JSON bytes) for cold, warm and one changed; and the store's size."""
    runs: dict[str, list[tuple[float, float, int]]] = {"cold": [], "warm": [], "one changed": []}
    for n in range(repeat):
        runs["cold"].append(run_list(folder, tmp / f"cold-{n}"))
    cache = tmp / "cold-0"
    for _ in range(repeat):
        runs["warm"].append(run_list(folder, cache))
    for _ in range(repeat):
        touch_one(folder)
        runs["one changed"].append(run_list(folder, cache))
    rows = [
        (run, statistics.median(r[0] for r in got), statistics.median(r[1] for r in got), got[0][2])
        for run, got in runs.items()
    ]
    return rows, (cache / DB_NAME).stat().st_size


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--files", type=int, default=1000)
    p.add_argument("--articles", type=int, default=10_000)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--week", type=Path, default=WEEK, help="the shared week of front pages (copied: it is touched)")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        generated = tmp / "corpus"
        generate(generated, args.articles, files=args.files, seed=1)
        seeds = tmp / "seeds"
        subprocess.run(["cp", "-r", str(ROOT / "seeds"), str(seeds)], check=True)  # copied: it is touched
        folders = [("seeds (5 files)", seeds)]
        if args.week.is_dir():
            week = tmp / "week"
            subprocess.run(["cp", "-r", str(args.week), str(week)], check=True)
            folders.append((f"week of 1916 front pages ({sum(1 for _ in week.rglob('*.txt'))} pages)", week))
        folders.append((f"{args.files} files, {args.articles} articles", generated))
        print("| folder | MB | run | wall s | x cold | CPU s | x cold | JSON bytes |")
        print("|---|---:|---|---:|---:|---:|---:|---:|")
        for name, path in folders:
            mb = sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6
            rows, store = bench_folder(path, args.repeat, tmp / name.split()[0])
            _, wall0, cpu0, _ = rows[0]
            for run, wall, cpu, size in rows:
                print(
                    f"| {name} | {mb:.1f} | {run} | {wall:.3f} | {wall / wall0:.3f} | {cpu:.3f} | {cpu / cpu0:.3f} | {size:,} |"
                )
            print(f"| {name} | {mb:.1f} | store: {store / 1e6:.1f} MB, {store / 1e6 / mb:.2f}x the folder | | | | | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
