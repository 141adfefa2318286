"""Run the fuzz targets (tests/engine/test_fuzz.py) with a large budget and report what ran and what it found.

Run from the repository root:

    .venv/bin/python bench/fuzz.py                      # 2,000 examples a target
    .venv/bin/python bench/fuzz.py --examples 20000 -k anchor

CI runs the same targets with NEWSREAD_FUZZ_EXAMPLES unset (a small budget).
Hypothesis keeps every failing example in .hypothesis/ and replays it first
on the next run, in CI too.  Prints, per target, the examples that passed,
failed and were discarded, and the time; exits 1 when a target failed (the
failing example is in pytest's output above the table).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = "tests/engine/test_fuzz.py"
# hypothesis --hypothesis-show-statistics: a header per test, then one line per phase
_TEST = re.compile(r"^(\S+::(test_\w+)):$")
_PHASE = re.compile(r"during (\w+) phase \(([\d.]+) seconds\)")
_COUNTS = re.compile(r"(\d+) passing(?: examples)?, (\d+) failing(?: examples)?,(?: and)? (\d+) invalid")


def summary(output: str) -> dict[str, list[float]]:
    """Per target: [passing, failing, invalid, seconds], summed over hypothesis's phases."""
    out: dict[str, list[float]] = {}
    current = None
    seconds = 0.0
    for line in output.splitlines():
        if m := _TEST.match(line.strip()):
            current = m.group(2)
            out[current] = [0, 0, 0, 0.0]
        elif current and (m := _PHASE.search(line)):
            seconds = float(m.group(2))
            out[current][3] += seconds
        elif current and (m := _COUNTS.search(line)):
            for k in range(3):
                out[current][k] += int(m.group(k + 1))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--examples", type=int, default=2000, help="examples per target (default 2000)")
    ap.add_argument("-k", metavar="EXPR", help="only the targets matching EXPR (pytest -k)")
    args = ap.parse_args()
    cmd = [sys.executable, "-m", "pytest", "-q", "--hypothesis-show-statistics", TARGETS]
    cmd += ["-k", args.k] if args.k else []
    env = {**os.environ, "NEWSREAD_FUZZ_EXAMPLES": str(args.examples)}
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    print(done.stdout, end="")
    print(done.stderr, end="", file=sys.stderr)
    print(f"\n{'target':<58} {'passed':>8} {'failed':>7} {'invalid':>8} {'seconds':>8}")
    for name, (passed, failed, invalid, seconds) in summary(done.stdout).items():
        print(f"{name:<58} {passed:>8} {failed:>7} {invalid:>8} {seconds:>8.1f}")
    return 0 if done.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
