"""Output that cannot be written (a full disk, a closed stdout): one line on stderr and exit 1, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

EVERY_SUBCOMMAND = [
    ["list"],
    ["list", "--json"],
    ["show", "001#1"],
    ["variants"],
    ["diff", "001#1", "002#1"],
    ["collate", "001#1", "002#1", "000#2"],
    ["bookmarks", "export", "-"],
    ["list", "--help"],
    ["--help"],
]


def newsread(argv, *, buffered: bool, **popen) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if not buffered:
        env["PYTHONUNBUFFERED"] = "1"  # each write fails at once, not in the last flush
    return subprocess.run([sys.executable, "-m", "tui", *argv], stderr=subprocess.PIPE, env=env, timeout=120, **popen)


@pytest.mark.parametrize("argv", EVERY_SUBCOMMAND, ids=" ".join)
def test_a_full_disk_is_one_line_and_exit_1(argv):
    for buffered in (True, False):
        with open("/dev/full", "w") as full:
            proc = newsread(argv, buffered=buffered, stdout=full)
        err = proc.stderr.decode()
        assert proc.returncode == 1 and err.count("\n") == 1, err
        assert "No space left on device" in err and "Traceback" not in err


def test_a_closed_stdout_is_one_line_and_exit_1():
    proc = newsread(["list"], buffered=True, preexec_fn=lambda: os.close(1))
    err = proc.stderr.decode()
    assert proc.returncode == 1 and err.count("\n") == 1 and "closed" in err, err
