import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path_factory, monkeypatch):
    """Keep a developer's own settings, data and cache out of every test."""
    base = tmp_path_factory.mktemp("newsread-home")
    for name in ("CONFIG", "DATA", "CACHE"):
        d = base / name.lower()
        d.mkdir()
        monkeypatch.setenv(f"NEWSREAD_{name}_DIR", str(d))
    monkeypatch.delenv("NO_COLOR", raising=False)
    yield


@pytest.fixture(scope="session")
def seeds() -> Path:
    return SEEDS


def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


os.environ.setdefault("HYPOTHESIS_PROFILE", "ci")
