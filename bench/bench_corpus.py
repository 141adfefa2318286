"""Loading a generated folder: memory held per article, warm load, cold load in one process and in two.

Each row is one fresh Python process doing ``corpuscache.load_cached`` (what
``newsread list`` and the reader do) on a folder from ``gen_corpus.py``:
``cold`` with an empty cache dir, ``warm`` again with the rows the cold run
left (median of three), ``held`` a warm load under ``tracemalloc``: the bytes
still allocated once the corpus is loaded, per article. ``--baseline DIR``
runs the same children on another checkout of newsread (say the main branch)
in the same run, so every figure has its ratio to a baseline measured
alongside it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WARM_RUNS = 3


def child(mode: str, folder: Path, workers: int) -> dict:
    from tui.engine.ingest.corpuscache import load_cached

    kw = {"workers": workers} if workers else {}
    if mode == "held":
        import gc
        import tracemalloc

        tracemalloc.start()
        corpus = load_cached(folder, **kw)
        gc.collect()
        held = tracemalloc.get_traced_memory()[0]
        n = len(corpus.articles)
        utf8 = sum(len(f.text.encode("utf-8", "surrogatepass")) for f in corpus.files)
        return {"articles": n, "held": held / n, "utf8": utf8 / n}
    t0, c0 = time.perf_counter(), time.process_time()
    corpus = load_cached(folder, **kw)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "articles": len(corpus.articles),
        "load": time.perf_counter() - t0,
        "cpu": time.process_time() - c0,
        "workers_cpu": kids.ru_utime + kids.ru_stime,
    }


def run_child(tree: Path, mode: str, folder: Path, cache: Path, workers: int = 0) -> dict:
    env = {**os.environ, "NEWSREAD_CACHE_DIR": str(cache), "PYTHONPATH": str(tree)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode compiled once, then reused
    start = time.perf_counter()
    cmd = [sys.executable, __file__, "--child", mode, str(folder), str(workers)]
    done = subprocess.run(cmd, env=env, cwd=tree, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    return {"wall": wall, **json.loads(done.stdout.strip().splitlines()[-1])}


def corpus_for(n: int, seed: int) -> Path:
    folder = HERE / "out" / f"corpus-{n}-s{seed}"
    if not (folder / "truth.json").exists():
        cmd = [sys.executable, str(HERE / "gen_corpus.py"), str(folder), "--articles", str(n), "--seed", str(seed)]
        subprocess.run(cmd, check=True)
    return folder


def measure(tree: Path, folder: Path, workers: list[int]) -> list[tuple[str, dict]]:
    """(run, result) rows for one checkout: cold for each process count, warm, held."""
    out = []
    with tempfile.TemporaryDirectory() as cache:
        for w in workers:
            with tempfile.TemporaryDirectory() as fresh:
                out.append(
                    (f"cold, {w or 1} process{'es' if w > 1 else ''}", run_child(tree, "load", folder, Path(fresh), w))
                )
        run_child(tree, "load", folder, Path(cache), workers[0])
        warm = [run_child(tree, "load", folder, Path(cache), workers[0]) for _ in range(WARM_RUNS)]
        keys = ("wall", "load", "cpu", "workers_cpu", "articles")
        out.append(("warm", {k: statistics.median(r[k] for r in warm) for k in keys}))
        out.append(("held", run_child(tree, "held", folder, Path(cache), workers[0])))
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=10000)
    p.add_argument("--folder", type=Path, help="a folder made by gen_corpus.py (instead of --articles)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--baseline", type=Path, help="another newsread checkout to measure alongside (one process)")
    p.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        mode, folder, workers = args.child
        print(json.dumps(child(mode, Path(folder), int(workers))))
        return 0
    folder = (args.folder or corpus_for(args.articles, args.seed)).resolve()
    mb = sum(f.stat().st_size for f in folder.iterdir() if f.suffix == ".txt") / 1e6
    print(f"{folder}: {mb:.1f} MB; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    trees = [("baseline", args.baseline, [0])] if args.baseline else []
    trees.append(("this", ROOT, [1, 2]))
    print(
        "| code | run | articles | wall s | load s | CPU s | workers' CPU s | x first row (CPU) | B held per article |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    first: dict[str, float] = {}
    cold: dict[str, dict] = {}
    for name, tree, workers in trees:
        for run, r in measure(tree, folder, workers):
            kind = run.split(",")[0]
            if kind == "held":
                ratio = r["held"] / first.setdefault(kind, r["held"])
                cells = f"held ({r['utf8']:.0f} B UTF-8) | {r['articles']:,} | | | | | {ratio:.2f} | {r['held']:,.0f}"
            else:
                cpu = r["cpu"] + r["workers_cpu"]
                ratio = cpu / first.setdefault(kind, cpu)
                times = f"{r['wall']:.2f} | {r['load']:.2f} | {r['cpu']:.2f} | {r['workers_cpu']:.2f}"
                cells = f"{run} | {r['articles']:,.0f} | {times} | {ratio:.2f} |"
                if name == "this" and kind == "cold":
                    cold[run] = {"wall": r["wall"], "cpu": cpu, "most": max(r["cpu"], r["workers_cpu"] / 2)}
            print(f"| {name} | {cells} |", flush=True)
    if len(cold) == 2:
        one, two = cold["cold, 1 process"], cold["cold, 2 processes"]
        print(f"cold, 2 processes / 1 process: wall {two['wall'] / one['wall']:.2f}, CPU {two['cpu'] / one['cpu']:.2f}")
        print(f"  with a free core per process (wall ~ the busiest process's CPU): {two['most'] / one['most']:.2f}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
