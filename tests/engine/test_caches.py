"""The cache store: capped with least-recently-used eviction, private, used only when it is the user's own."""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading

import pytest
from conftest import SEEDS

from tui.engine import caches
from tui.engine.ingest.corpuscache import load_cached
from tui.engine.ingest.load import load
from tui.engine.variants.groupcache import find_groups
from tui.locations import cache_dir


@pytest.fixture
def folders(tmp_path):
    out = []
    for name in "abc":
        shutil.copytree(SEEDS, tmp_path / name)
        out.append(tmp_path / name)
    return out


def db_path():
    return cache_dir() / caches.DB_NAME


def kept() -> dict[str, int]:
    """Folder name -> number of saved files, for the folders that still have rows."""
    with sqlite3.connect(db_path()) as db:
        rows = db.execute("SELECT root, COUNT(*) FROM folders JOIN files ON files.folder = folders.id GROUP BY root")
        return {os.path.basename(root.decode()): n for root, n in rows}


def saved_bytes() -> int:
    with sqlite3.connect(db_path()) as db:
        return db.execute("SELECT SUM(bytes) FROM folders").fetchone()[0]


def test_the_least_recently_used_folder_goes_when_the_cap_is_reached(folders, monkeypatch):
    a, b, c = folders
    load_cached(a)
    one = saved_bytes()
    monkeypatch.setenv(caches.MAX_BYTES_ENV, str(int(2.5 * one)))
    load_cached(b)
    load_cached(a)  # a used again: b is now the least recently used
    load_cached(c)
    assert kept() == {"a": 5, "c": 5}
    assert saved_bytes() <= 2.5 * one
    load_cached(b)  # b again: a is the oldest now
    assert kept() == {"b": 5, "c": 5}


def test_grouping_a_folder_counts_as_using_it(folders, monkeypatch):
    a, b, c = folders
    load_cached(a)
    monkeypatch.setenv(caches.MAX_BYTES_ENV, str(int(2.5 * saved_bytes())))
    load_cached(b)
    find_groups(load(a))  # reads a's groups: a is used
    load_cached(c)
    assert set(kept()) == {"a", "c"}


def test_the_file_shrinks_after_eviction(folders, monkeypatch):
    a = folders[0]
    for f in folders:
        load_cached(f)
    full = db_path().stat().st_size
    monkeypatch.setenv(caches.MAX_BYTES_ENV, str(saved_bytes() // 3 + 1))
    load_cached(a)
    assert set(kept()) == {"a"}
    assert db_path().stat().st_size < 0.6 * full


def test_a_folder_larger_than_the_cap_is_not_kept_and_the_others_stay(folders, tmp_path, monkeypatch):
    a = folders[0]
    load_cached(a)
    monkeypatch.setenv(caches.MAX_BYTES_ENV, str(int(1.5 * saved_bytes())))
    big = tmp_path / "big"
    big.mkdir()
    for n in range(3):
        shutil.copy(SEEDS / "000_0ea74b706e051f9e.txt", big / f"{n}.txt")
    (big / "more.txt").write_text("# 大\n\n" + "很长的一段正文。" * 4000 + "\n", encoding="utf-8")
    load_cached(big)
    assert kept() == {"a": 5}
    assert load_cached(big).files == load(big).files


@pytest.mark.parametrize(
    ("value", "cap"), [("", caches.DEFAULT_MAX_BYTES), ("12 MB", caches.DEFAULT_MAX_BYTES), ("-5", 0), ("4096", 4096)]
)
def test_the_cap_comes_from_the_environment(monkeypatch, value, cap):
    monkeypatch.setenv(caches.MAX_BYTES_ENV, value)
    assert caches.max_bytes() == cap


def test_a_cap_of_zero_keeps_nothing(folders, monkeypatch):
    monkeypatch.setenv(caches.MAX_BYTES_ENV, "0")
    load_cached(folders[0])
    assert kept() == {}


def test_the_store_is_made_private(tmp_path, monkeypatch, folders):
    monkeypatch.setenv("NEWSREAD_CACHE_DIR", str(tmp_path / "new" / "cache"))
    old = os.umask(0)  # a careless umask must not make the store writable by others
    try:
        load_cached(folders[0])
    finally:
        os.umask(old)
    assert (tmp_path / "new" / "cache").stat().st_mode & 0o777 == 0o700
    assert db_path().stat().st_mode & 0o777 == 0o600
    assert caches.cache_problem() is None


def test_a_busy_store_is_a_miss_not_a_wait_or_an_error(folders, monkeypatch):
    a = folders[0]
    fresh = load_cached(a)
    monkeypatch.setattr(caches, "TIMEOUT", 0.1)
    other = sqlite3.connect(db_path(), isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another newsread writing
    try:
        assert load_cached(a).files == fresh.files
        assert find_groups(fresh)  # grouped anew, not saved: no error either
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert kept() == {"a": 5}


def test_loads_in_two_threads_share_the_store(folders):
    errors = []

    def run(folder):
        try:
            for _ in range(3):
                assert load_cached(folder).files == load(folder).files
        except Exception as e:  # reported below
            errors.append(e)

    threads = [threading.Thread(target=run, args=(f,)) for f in folders[:2]]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


@pytest.mark.parametrize(
    "plant",
    ["dir world-writable", "dir group-writable", "db group-writable", "db a symlink", "db a folder", "dir a file"],
)
def test_a_cache_others_could_have_written_is_refused_with_a_reason(tmp_path, monkeypatch, plant):
    d = tmp_path / "cache"
    d.mkdir(mode=0o700)
    monkeypatch.setenv("NEWSREAD_CACHE_DIR", str(d))
    db = d / caches.DB_NAME
    if plant == "dir world-writable":
        d.chmod(0o777)
    elif plant == "dir group-writable":
        d.chmod(0o770)
    elif plant == "db group-writable":
        db.write_bytes(b"")
        db.chmod(0o660)
    elif plant == "db a symlink":
        (tmp_path / "elsewhere.sqlite3").write_bytes(b"")
        db.symlink_to(tmp_path / "elsewhere.sqlite3")
    elif plant == "db a folder":
        db.mkdir()
    else:
        d.rmdir()
        d.write_text("x")
    why = caches.cache_problem()
    assert why is not None and why.startswith("cache not used: ") and "\n" not in why
    with caches.folder(tmp_path) as store:
        assert store is None


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give the cache to another user")
def test_a_cache_of_another_user_is_refused(tmp_path, monkeypatch, folders):
    monkeypatch.setenv("NEWSREAD_CACHE_DIR", str(tmp_path / "cache"))
    load_cached(folders[0])
    os.chown(db_path(), 65534, 65534)
    assert "is not yours" in caches.cache_problem()
    os.chown(db_path(), 0, 0)
    os.chown(tmp_path / "cache", 65534, 65534)
    assert "is not yours" in caches.cache_problem()


def test_the_caches_of_earlier_versions_are_deleted_when_the_store_is_made(folders):
    old = cache_dir() / "corpus"
    old.mkdir()
    (old / ("ab" * 12 + ".pickle")).write_bytes(b"x" * 1000)
    (old / "notes.txt").write_text("the user's own")
    (cache_dir() / "groups").mkdir()
    (cache_dir() / "groups" / ("cd" * 12 + ".json")).write_text("{}")
    load_cached(folders[0])
    assert [p.name for p in old.iterdir()] == ["notes.txt"]
    assert not (cache_dir() / "groups").exists()
