"""Run a snippet in a child Python with a time and memory limit, for inputs that could hang or fill memory.

A FIFO read the plain way blocks for ever and ``/dev/zero`` is read until
memory runs out; in a child with limits, code that regressed fails its test
instead of taking the test run (or the machine) down with it.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MEMORY = 2 << 30  # address space of the child, bytes
TIMEOUT = 60  # seconds


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run_child(code: str, timeout: float = TIMEOUT):
    """Run ``code`` (which prints one JSON value last) in a child with the test's env; its JSON.

    Fails the test when the child runs out of time, crashes or prints a traceback.
    """
    try:
        done = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(code)],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": os.pathsep.join((str(ROOT), str(ROOT / "tests")))},
            capture_output=True,
            text=True,
            timeout=timeout,
            preexec_fn=_limit_memory,
        )
    except subprocess.TimeoutExpired:
        raise AssertionError(f"still running after {timeout} s (a hang)") from None
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])
