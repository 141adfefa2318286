"""Benchmark of variant grouping: accuracy, cold and warm time, memory, scaling.

    python bench/bench_grouping.py [--sizes 1000,10000,50000] [--baseline 10000] [--seed 1]

For every size a corpus is generated once (``bench/gen_corpus.py``, cached in
``bench/out/corpus-N-sSEED``), then each measurement runs in a fresh Python
process (``--child``), timed by the parent from process start to exit:

* ``cold``: empty cache dir; reading, decoding, segmenting, shingling,
  candidate search, verification and witness scoring all included, and
  writing both caches (segmentation and groups), as ``newsread variants`` does;
* ``warm``: the same command again with the caches left by the cold run;
* ``datasketch``: MinHash(num_perm=64) over the same normalised 5-grams and
  MinHashLSH(threshold=0.5) on the same loaded articles, LSH candidates taken
  as the answer (bench-only dependency: ``pip install datasketch``).

Precision and recall are over the planted pairs (``truth.json``), computed
after the timer stops.  Peak memory is the child's maximum resident set.

``--big-groups 100,200,500``: for each N, a 2,000-article corpus with one
story planted N times (``gen_corpus.py --big-group N``); a child groups it
(prepare, candidates, verification, components: ``find s``), checks that the
N copies come out as one group, and times the scoring of that group alone
(``grouping.settle`` on the N planted copies as whole articles: ``score s``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))


def score(found: set[tuple[str, str]], truth_path: Path) -> dict:
    planted = {tuple(p) for p in json.loads(truth_path.read_text(encoding="utf-8"))["pairs"]}
    hit = len(found & planted)
    return {
        "precision": hit / len(found) if found else 1.0,
        "recall": hit / len(planted) if planted else 1.0,
        "found": len(found),
        "planted": len(planted),
    }


def child_newsread(folder: Path) -> dict:
    """What ``newsread variants`` does: the cached load, then the cached grouping."""
    from tui.engine.ingest.corpuscache import load_cached
    from tui.engine.variants.groupcache import find_groups

    t0 = time.perf_counter()
    corpus = load_cached(folder)
    t1 = time.perf_counter()
    groups = find_groups(corpus)
    t2 = time.perf_counter()
    found = {
        tuple(sorted(p))
        for g in groups
        for p in combinations([m.article_id for m in g.members], 2)
        if p[0].split("#")[0] != p[1].split("#")[0]
    }
    return {"load": t1 - t0, "group": t2 - t1, "groups": len(groups), **score(found, folder / "truth.json")}


def child_datasketch(folder: Path) -> dict:
    from datasketch import MinHash, MinHashLSH

    from tui.engine.ingest.load import load
    from tui.engine.variants.shingles import grouping_key

    t0 = time.perf_counter()
    corpus = load(folder)
    t1 = time.perf_counter()
    articles = corpus.articles
    template = MinHash(num_perm=64)
    lsh = MinHashLSH(threshold=0.5, num_perm=64)
    sketches = []
    for i, a in enumerate(articles):
        norm = grouping_key(a.text)
        m = MinHash(num_perm=64, permutations=template.permutations, scheme=template.scheme)
        m.update_batch([norm[j : j + 5].encode("utf-8") for j in range(len(norm) - 4)])
        lsh.insert(i, m)
        sketches.append(m)
    found = set()
    for i, m in enumerate(sketches):
        for j in lsh.query(m):
            if j != i and articles[i].file != articles[j].file:
                found.add(tuple(sorted((articles[i].id, articles[j].id))))
    t2 = time.perf_counter()
    return {"load": t1 - t0, "group": t2 - t1, **score(found, folder / "truth.json")}


def child_big(folder: Path) -> dict:
    """One planted story in many papers: is it one group, and how long does scoring it take?"""
    from tui.engine.ingest.load import load
    from tui.engine.variants import grouping

    items = grouping.prepare(load(folder).articles)
    copies = set(json.loads((folder / "truth.json").read_text(encoding="utf-8"))["groups"][0])
    t0 = time.perf_counter()
    comps = grouping.variant_components(items)
    t1 = time.perf_counter()
    shown = [(i, it, it.article, None) for i, it in enumerate(items) if it.article.id in copies]
    settled = grouping.settle(shown)
    t2 = time.perf_counter()
    holding = [c for c in comps if copies & {items[i].article.id for i in c}]
    return {
        "find": t1 - t0,
        "score": t2 - t1,
        "one_group": len(holding) == 1 and {items[i].article.id for i in holding[0]} == copies,
        "settled": [len(group) for group, _ in settled],
    }


def big_groups(sizes: list[int], seed: int) -> None:
    print("| copies | articles | find s | score s | score ms a copy | one group | peak MB |")
    print("|---:|---:|---:|---:|---:|---|---:|")
    for n in sizes:
        folder = HERE / "out" / f"big-{n}-s{seed}"
        if not (folder / "truth.json").exists():
            subprocess.run(
                [sys.executable, str(HERE / "gen_corpus.py"), str(folder), "--articles", "2000"]
                + ["--seed", str(seed), "--big-group", str(n)],
                check=True,
            )
        with tempfile.TemporaryDirectory() as cache:
            r = run_child("big", folder, Path(cache))
        print(
            f"| {n} | 2,000 | {r['find']:.2f} | {r['score']:.2f} | {1000 * r['score'] / n:.2f} | "
            f"{'yes' if r['one_group'] else 'no'} | {r['rss_mb']:.0f} |",
            flush=True,
        )


def run_child(mode: str, folder: Path, cache: Path) -> dict:
    env = {**os.environ, "NEWSREAD_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode compiled once, then reused
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(folder)], env=env, capture_output=True, text=True, check=True
    )
    wall = time.perf_counter() - start
    return {"wall": wall, **json.loads(done.stdout.strip().splitlines()[-1])}


WARM_RUNS = 5  # warm runs are short and this machine is noisy: the median of five


def corpus_for(n: int, seed: int) -> Path:
    folder = HERE / "out" / f"corpus-{n}-s{seed}"
    if not (folder / "truth.json").exists():
        subprocess.run(
            [sys.executable, str(HERE / "gen_corpus.py"), str(folder), "--articles", str(n), "--seed", str(seed)],
            check=True,
        )
    return folder


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.glob("*.txt")) / 1e6


def row(name: str, n: int, mb: float, r: dict) -> str:
    return (
        f"| {name} | {n:,} | {mb:.1f} | {r['wall']:.2f} | {r['load']:.2f} | {r['group']:.2f} | "
        f"{r['rss_mb']:.0f} | {r['precision']:.4f} | {r['recall']:.4f} |"
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="1000,10000,50000")
    p.add_argument("--baseline", default="10000", help="sizes to run the datasketch pipeline on ('' for none)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--big-groups", default="", help="copies of one planted story to time scoring on, e.g. 100,200,500")
    p.add_argument("--child", nargs=2, metavar=("MODE", "FOLDER"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        mode, folder = args.child
        result = {"newsread": child_newsread, "datasketch": child_datasketch, "big": child_big}[mode](Path(folder))
        result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return 0
    if args.big_groups:
        big_groups([int(s) for s in args.big_groups.split(",")], args.seed)
        return 0
    baseline = {int(s) for s in args.baseline.split(",") if s}
    print("| run | articles | MB | wall s | load s | group s | peak MB | precision | recall |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in (int(s) for s in args.sizes.split(",")):
        folder = corpus_for(n, args.seed)
        mb = size_mb(folder)
        with tempfile.TemporaryDirectory() as cache:
            print(row("newsread cold", n, mb, run_child("newsread", folder, Path(cache))), flush=True)
            warm = sorted(
                (run_child("newsread", folder, Path(cache)) for _ in range(WARM_RUNS)), key=lambda r: r["wall"]
            )
            print(row("newsread warm", n, mb, warm[len(warm) // 2]), flush=True)
            walls = ", ".join(f"{r['wall']:.2f}" for r in warm)
            print(f"(warm runs: {walls} s; the median is shown)", flush=True)
        if n in baseline:
            with tempfile.TemporaryDirectory() as cache:
                print(row("datasketch", n, mb, run_child("datasketch", folder, Path(cache))), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
