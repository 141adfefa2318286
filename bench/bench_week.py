"""Time `newsread list` and `newsread variants` on the shared week of Chronicling America front pages.

    .venv/bin/python bench/bench_week.py [--repeat 3] [--folder ../shared/corpora/chronam-1916-04-week1]

Every run is a fresh process (``python -m tui ... --json``), so the figures
include start-up, scanning, decoding, segmentation, grouping and JSON output.
"cold" runs get an empty cache dir each (everything is read, segmented and
grouped); "warm" runs reuse the cache a cold run left (every file's saved
row and the folder's groups: the files are only stat'ed).  The baseline, in the same run, is a fresh process that
only reads and decodes every file: the floor any command on the folder pays.
The best of the repeats is printed, with ratios to the baseline and warm to
cold, and what `variants` found: groups, groups spanning three or more
papers, the largest group (witnesses), passage members.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WEEK = ROOT.parent / "shared" / "corpora" / "chronam-1916-04-week1"
READ_ALL = """
import pathlib, sys
for p in sorted(pathlib.Path(sys.argv[1]).rglob("*")):
    if p.is_file():
        p.read_bytes().decode("utf-8", "replace")
"""


def timed(argv: Sequence[str], cache: str) -> tuple[float, bytes]:
    env = {**os.environ, "NEWSREAD_CACHE_DIR": cache}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, *argv], capture_output=True, check=True, cwd=ROOT, env=env)
    return time.perf_counter() - t0, done.stdout


def best(argv: Sequence[str], repeat: int, warm: bool) -> tuple[float, bytes]:
    """Best wall time of ``repeat`` runs: each in a fresh cache dir (cold), or all in one filled first (warm)."""
    times, out = [], b""
    with tempfile.TemporaryDirectory() as shared:
        if warm:
            timed(argv, shared)
        for _ in range(repeat):
            with tempfile.TemporaryDirectory() as fresh:
                t, out = timed(argv, shared if warm else fresh)
            times.append(t)
    return min(times), out


def paper(relpath: str) -> str:
    m = re.search(r"([a-z]*\d{8,10})-ed-\d+", relpath)
    return m.group(1) if m else relpath


def describe(variants_json: bytes) -> dict[str, int]:
    groups = json.loads(variants_json)["groups"]
    return {
        "groups": len(groups),
        "spanning 3+ papers": sum(len({paper(m["file"]) for m in g["members"]}) >= 3 for g in groups),
        "largest (witnesses)": max((len({m["file"] for m in g["members"]}) for g in groups), default=0),
        "passage members": sum("passage" in m for g in groups for m in g["members"]),
        "members": sum(len(g["members"]) for g in groups),
    }


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--folder", type=Path, default=WEEK)
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args()
    folder = str(args.folder.resolve())
    files = [f for f in args.folder.rglob("*") if f.is_file()]
    print(f"{folder}: {len(files)} files, {sum(f.stat().st_size for f in files) / 1e6:.1f} MB")
    floor, _ = best(["-c", READ_ALL, folder], args.repeat, warm=False)
    print(
        f"\n| command | cache | seconds | x read | warm / cold |\n|---|---|---:|---:|---:|\n| read and decode every file | - | {floor:.2f} | 1 | |"
    )
    found = b""
    for command in ("list", "variants"):
        argv = ["-m", "tui", command, "--json", "--folder", folder]
        cold, _ = best(argv, max(1, args.repeat // 2), warm=False)
        warm, out = best(argv, args.repeat, warm=True)
        print(f"| {command} | cold | {cold:.2f} | {cold / floor:.1f} | |")
        print(f"| {command} | warm | {warm:.2f} | {warm / floor:.1f} | {warm / cold:.3f} |")
        if command == "variants":
            found = out
    print()
    for name, value in describe(found).items():
        print(f"{name}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
