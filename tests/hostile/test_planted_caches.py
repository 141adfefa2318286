"""Caches someone else planted or could write: never code, never trusted, never a crash.

Built at test time: a pickle that runs code when loaded, left where earlier
versions kept the saved segmentation; a cache dir others can write; a
database that is a link elsewhere; rows of the right schema holding values
of the wrong types.
"""

from __future__ import annotations

import hashlib
import pickle
import shutil
import sqlite3
import subprocess
import sys

import pytest
from conftest import ROOT, SEEDS

from tui.engine import caches
from tui.engine.ingest import load as load_mod
from tui.engine.ingest.corpuscache import load_cached
from tui.engine.ingest.load import load
from tui.engine.variants import groupcache, grouping
from tui.locations import cache_dir


class Payload:
    """Unpickling this creates the file ``marker``: the proof that a planted pickle ran."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


@pytest.fixture
def folder(tmp_path):
    dst = tmp_path / "seeds"
    shutil.copytree(SEEDS, dst)
    return dst


def segmented(monkeypatch) -> list[str]:
    calls = []
    real = load_mod.segment
    monkeypatch.setattr(load_mod, "segment", lambda t, r="", **kw: calls.append(r) or real(t, r, **kw))
    return calls


def test_a_pickle_planted_where_the_old_cache_lived_is_never_unpickled(folder, tmp_path):
    marker = tmp_path / "ran"
    name = hashlib.sha256(str(folder.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:24]
    for sub, suffix in (("corpus", ".pickle"), ("groups", ".json")):
        planted = cache_dir() / sub / (name + suffix)
        planted.parent.mkdir(parents=True)
        planted.write_bytes(pickle.dumps(Payload(str(marker))) * 2)
    corpus = load_cached(folder)
    groupcache.find_groups(corpus)
    load_cached(folder)
    assert not marker.exists()
    assert corpus.files == load(folder).files


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o1777])
def test_a_cache_dir_others_can_write_is_neither_read_nor_written(folder, monkeypatch, mode):
    load_cached(folder)
    groupcache.find_groups(load(folder))
    cache_dir().chmod(mode)
    before = (cache_dir() / caches.DB_NAME).stat().st_mtime_ns
    calls = segmented(monkeypatch)
    grouped = []
    real = grouping.group_items
    monkeypatch.setattr(grouping, "group_items", lambda *a, **k: grouped.append(1) or real(*a, **k))
    groupcache.find_groups(load_cached(folder))
    assert len(calls) == 5 and grouped == [1]  # nothing taken from it
    assert (cache_dir() / caches.DB_NAME).stat().st_mtime_ns == before  # nothing put in it


def test_a_database_linked_from_elsewhere_is_not_used(folder, tmp_path, monkeypatch):
    load_cached(folder)
    elsewhere = tmp_path / "planted.sqlite3"
    shutil.move(cache_dir() / caches.DB_NAME, elsewhere)
    (cache_dir() / caches.DB_NAME).symlink_to(elsewhere)
    calls = segmented(monkeypatch)
    assert load_cached(folder).files == load(folder).files
    assert len(calls) == 10  # both loads read every file: the linked rows are not trusted


def plant_wrong_types() -> None:
    """Every column of every row given a value of another type (the schema's constraints switched off)."""
    with sqlite3.connect(cache_dir() / caches.DB_NAME) as db:
        db.execute("PRAGMA ignore_check_constraints = ON")
        db.execute("UPDATE files SET data = 12, text = 'not bytes', words = x'00ff', asked = 3.5")
        db.execute("UPDATE groups SET key = x'01', data = 7")


def test_a_database_with_values_of_the_wrong_types_is_a_miss(folder, monkeypatch):
    fresh = load(folder)
    groups = groupcache.find_groups(load_cached(folder))
    plant_wrong_types()
    calls = segmented(monkeypatch)
    again = load_cached(folder)
    assert again.files == fresh.files and len(calls) == 5
    assert groupcache.find_groups(again) == groups


def test_the_command_line_says_once_why_it_does_not_use_the_cache_and_works(folder):
    subprocess.run([sys.executable, "-m", "tui", "list", "--folder", str(folder)], check=True, cwd=ROOT)
    plant_wrong_types()
    got = subprocess.run(
        [sys.executable, "-m", "tui", "variants", "--folder", str(folder)], capture_output=True, text=True, cwd=ROOT
    )
    assert got.returncode == 0 and got.stderr == ""  # wrong types: a miss, silently
    cache_dir().chmod(0o777)
    got = subprocess.run(
        [sys.executable, "-m", "tui", "list", "--folder", str(folder)], capture_output=True, text=True, cwd=ROOT
    )
    assert got.returncode == 0 and "001_f369ed2dbcb57396.txt" in got.stdout
    assert got.stderr == f"newsread: cache not used: {cache_dir()} is writable by others\n"
