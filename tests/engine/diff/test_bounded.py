"""Every diff is bounded: inputs that made the alignment quadratic cost a small multiple of a linear pass.

The inputs are the bench's (``bench/bench_diff.py``, :func:`hostile_cases`),
at the sizes the attack used: the first two took 100 s and 273 s, 10,000x
the linear pass and more.  The linear pass is keying both sides, which every
comparison does anyway; it is timed in the same run, so the bound holds on a
slow or busy machine too.
"""

import importlib.util
import sys

import pytest
from conftest import ROOT
from timing import best

from tui.engine.diff.compare import compare

FACTOR = 300  # a generous multiple of the linear pass; a quadratic alignment is beyond 10,000x


def bench():
    spec = importlib.util.spec_from_file_location("bench_diff", ROOT / "bench" / "bench_diff.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


BENCH = bench()
CASES = BENCH.hostile_cases(30_000)


@pytest.mark.parametrize("name", CASES)
def test_a_diff_costs_a_bounded_multiple_of_a_linear_pass(name):
    a, b = CASES[name]
    linear = best(lambda: BENCH.linear_pass(a, b), repeat=5)
    took = best(lambda: compare(a, b), repeat=2)
    assert took < FACTOR * linear, f"{name}: {took:.2f} s, {took / linear:.0f}x the linear pass"
