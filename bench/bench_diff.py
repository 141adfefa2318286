"""Speed of one diff: newsread's compare against difflib, rapidfuzz and diff-match-patch.

Run from the repository root (fast-diff-match-patch is optional, bench only):

    /work/main/.venv/bin/pip install fast-diff-match-patch   # optional reference row
    PYTHONPATH=. /work/main/.venv/bin/python bench/bench_diff.py

Texts: the lead story as 001#1 and 002#1 of the seeds (about 4,700 characters
each), then both repeated 16 times (about 76,000 characters).  ``newsread``
is the whole engine: paragraph alignment, character diff of every aligned
pair, cleanup and change kinds.  ``difflib`` is ``SequenceMatcher(None, a, b,
autojunk=False).get_opcodes()`` on the two whole texts, the yardstick of the
targets (newsread at most 0.5x of it on the story, 0.05x on the 16x texts).
"""

from __future__ import annotations

import argparse
import difflib
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rapidfuzz.distance import Levenshtein

from tui.engine.diff.compare import SEP, compare, paragraphs
from tui.engine.diff.kinds import key
from tui.engine.ingest.load import load
from tui.engine.refs import resolve

TARGETS = {1: 0.5, 16: 0.05}


def best_time(fn: Callable[[], object], budget: float, at_most: int) -> float:
    """Best wall time of ``fn`` over repeated runs within ``budget`` seconds (one run at least)."""
    times: list[float] = []
    started = time.perf_counter()
    while not times or (len(times) < at_most and time.perf_counter() - started < budget):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def contenders(a: list[str], b: list[str]) -> dict[str, Callable[[], object] | None]:
    at, bt = SEP.join(a), SEP.join(b)
    try:
        import fast_diff_match_patch as dmp

        dmp_run = lambda: dmp.diff(at, bt)  # noqa: E731
    except ImportError:
        dmp_run = None
    return {
        "newsread compare": lambda: compare(a, b),
        "difflib SequenceMatcher": lambda: difflib.SequenceMatcher(None, at, bt, autojunk=False).get_opcodes(),
        "rapidfuzz Levenshtein.opcodes": lambda: Levenshtein.opcodes(at, bt),
        "fast-diff-match-patch": dmp_run,
    }


def hostile_cases(n: int = 30_000) -> dict[str, tuple[list[str], list[str]]]:
    """Inputs that made the alignment quadratic before it was bounded: at n = 30,000 the first took 100 s and
    the second (100,000 characters) 273 s.  ``n`` scales them all; the tests run them too."""
    rows = [f"第{i}段的内容。" for i in range(2 * n // 3)]
    half = n // 2
    return {
        f"好。 x{n}, one character replaced ({2 * n} ch)": (
            ["好。" * n],
            ["好。" * half + "好！" + "好。" * (n - half - 1)],
        ),
        f"!( x{5 * n // 3}, one character deleted": (
            ["!(" * (5 * n // 3)],
            ["!(" * half + "(" + "!(" * (5 * n // 3 - half - 1)],
        ),
        f"!( x{5 * n // 3}, shifted by one": (["!(" * (5 * n // 3)], ["(" + "!(" * (5 * n // 3 - 1)]),
        f"甲乙。 against 甲丙。 x{n // 3}: every sentence similar, none equal": (
            ["甲乙。" * (n // 3)],
            ["甲丙。" * (n // 3)],
        ),
        f"{len(rows)} paragraphs, every other one edited": (
            rows,
            [p if i % 2 else p.replace("内容", "正文") for i, p in enumerate(rows)],
        ),
    }


def linear_pass(a: list[str], b: list[str]) -> None:
    """Keying both sides, one cached lookup per character: what every comparison does at least."""
    for p in a + b:
        key(p)


def stress_cases(corpus) -> dict[str, tuple[list[str], list[str]]]:
    """Inputs that defeat the anchors: the engine must stay bounded on them."""
    import random

    every = [p.text for art in corpus.articles for p in art.paragraphs]
    shuffled = every[:]
    random.Random(1).shuffle(shuffled)
    lead_a = "".join(paragraphs(resolve(corpus, "001#1").articles)) * 16
    lead_b = "".join(paragraphs(resolve(corpus, "002#1").articles)) * 16
    first = paragraphs(corpus.files[0].articles) * 10
    other = paragraphs(corpus.files[3].articles) * 10
    return {
        f"all seed paragraphs shuffled ({len(every)} pars)": (every, shuffled),
        f"no identical pair, x4 ({4 * len(every)} pars)": (
            [p + "甲" for p in every] * 4,
            [p + "乙" for p in every] * 4,
        ),
        f"unrelated pages x10 ({len(first)}/{len(other)} pars)": (first, other),
        f"a page with no blank lines x16 ({len(lead_a)} ch, 1 par)": ([lead_a], [lead_b]),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--budget", type=float, default=2.0, help="seconds of repeats per measurement (default 2)")
    ap.add_argument("--repeat", type=int, default=50, help="at most this many runs per measurement")
    ap.add_argument("--hostile", action="store_true", help="only the hostile inputs (no difflib run of minutes)")
    args = ap.parse_args()
    if args.hostile:
        return hostile(args.budget)
    corpus = load()
    a = paragraphs(resolve(corpus, "001#1").articles)
    b = paragraphs(resolve(corpus, "002#1").articles)
    print(f"{'texts':<26} {'contender':<30} {'seconds':>10} {'x difflib':>10}")
    ok = True
    for k in TARGETS:
        label = f"lead story x{k} ({len(SEP.join(a * k))} ch)"
        timings: dict[str, float | None] = {}
        for name, fn in contenders(a * k, b * k).items():
            timings[name] = None if fn is None else best_time(fn, args.budget, args.repeat)
        base = timings["difflib SequenceMatcher"]
        for name, t in timings.items():
            shown = "skipped (not installed)" if t is None else f"{t:10.4f} {t / base:10.4f}"
            print(f"{label:<26} {name:<30} {shown}")
        ratio = timings["newsread compare"] / base
        met = ratio <= TARGETS[k]
        ok &= met
        print(f"{'':<26} target newsread <= {TARGETS[k]}x difflib: {'met' if met else 'MISSED'} ({ratio:.4f}x)")
    print()
    print(f"{'bounded worst cases (newsread compare only)':<60} {'seconds':>10}")
    for label, (x, y) in stress_cases(corpus).items():
        print(f"{label:<60} {best_time(lambda x=x, y=y: compare(x, y), args.budget, 3):10.3f}")
    print()
    hostile(args.budget)
    return 0 if ok else 1


def hostile(budget: float) -> int:
    """Time compare on the hostile inputs, at the attack's size and at ten times it, against a linear pass."""
    print(f"{'hostile inputs (newsread compare only)':<66} {'seconds':>10} {'x linear':>10}")
    for label, (x, y) in {**hostile_cases(), **hostile_cases(300_000)}.items():
        took = best_time(lambda x=x, y=y: compare(x, y), budget, 3)
        base = best_time(lambda x=x, y=y: linear_pass(x, y), budget, 5)
        print(f"{label:<66} {took:10.3f} {took / base:10.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
