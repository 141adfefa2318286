"""Time `newsread list --json` from process start, on the seeds and on a 1,000-file folder.

    PYTHONPATH=. python bench/bench_list.py [--files 1000] [--articles 10000] [--repeat 5]

The folder comes from bench/gen_corpus.py (seeded, deterministic).  Each run is
a fresh process (`python -m tui list --json`), so the figures include start-up,
scanning, decoding, segmentation and JSON output.  "cold" runs get an empty
cache dir each (everything is decoded and segmented); "warm" runs reuse the
saved segmentation of an unchanged folder (the files are still scanned and
read).  The best and the median of the repeats are printed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from gen_corpus import generate  # noqa: E402


def time_list(folder: Path, repeat: int, cache: Path | None) -> tuple[list[float], int]:
    """Wall times of ``repeat`` runs; with ``cache`` None every run gets a fresh cache dir."""
    times, size = [], 0
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as fresh:
            env = {**os.environ, "NEWSREAD_CACHE_DIR": str(cache or fresh)}
            env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode compiled once, then reused
            t0 = time.perf_counter()
            out = subprocess.run(
                [sys.executable, "-m", "tui", "list", "--json", "--folder", str(folder)],
                capture_output=True,
                check=True,
                cwd=ROOT,
                env=env,
            )
            times.append(time.perf_counter() - t0)
        size = len(out.stdout)
    return times, size


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--files", type=int, default=1000)
    p.add_argument("--articles", type=int, default=10_000)
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        generate(folder, args.articles, files=args.files, seed=1)
        mb = sum(f.stat().st_size for f in folder.glob("*.txt")) / 1e6
        rows = [
            ("seeds (5 files)", ROOT / "seeds"),
            (f"{args.files} files, {args.articles} articles, {mb:.1f} MB", folder),
        ]
        print("| folder | run | best s | median s | JSON bytes |\n|---|---|---:|---:|---:|")
        for name, path in rows:
            for run, cache in (("cold", None), ("warm", Path(tmp) / "cache")):
                if cache:
                    time_list(path, 1, cache)  # fill it
                times, size = time_list(path, args.repeat, cache)
                print(f"| {name} | {run} | {min(times):.3f} | {statistics.median(times):.3f} | {size:,} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
