"""A plain (non-editable) install finds the bundled seeds inside the package."""

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SEEDS


def test_seeds_are_the_shared_seeds_byte_for_byte():
    shared = ROOT.parent / "shared" / "seeds"
    names = sorted(p.name for p in SEEDS.iterdir())
    assert len(names) == 5
    if shared.is_dir():  # CI and developers have ../shared beside the checkout
        assert names == sorted(p.name for p in shared.iterdir())
        for name in names:
            assert (SEEDS / name).read_bytes() == (shared / name).read_bytes()


def test_wheel_install_reads_the_bundled_seeds(tmp_path):
    wheels, target = tmp_path / "wheels", tmp_path / "site"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(ROOT)], check=True, timeout=300
    )
    (wheel,) = wheels.glob("newsread-*.whl")
    subprocess.run([*pip, "install", "--no-deps", "--target", str(target), str(wheel)], check=True, timeout=300)
    env = {**os.environ, "PYTHONPATH": str(target)}
    probe = "import tui, tui.locations as c; print(tui.__file__); print(c.bundled_seeds())"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=tmp_path, check=True
    )
    module, seeds = out.stdout.split()
    assert Path(module).is_relative_to(target) and Path(seeds).is_relative_to(target)
    listed = subprocess.run(
        [sys.executable, "-m", "tui", "list", "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    )
    files = {a["file"] for a in json.loads(listed.stdout)["articles"]}
    assert files == {p.name for p in SEEDS.iterdir()}
