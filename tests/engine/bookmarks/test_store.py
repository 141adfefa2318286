"""The store: reading state, bookmarks, two writers, SIGKILL, corrupt files, read-only dirs."""

import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine.bookmarks import store as store_module
from tui.engine.bookmarks.bookmark import Bookmark, new_id, now
from tui.engine.bookmarks.store import DB_NAME, MIGRATIONS, SCHEMA_VERSION, Store
from tui.locations import data_dir as default_data_dir


def bookmark(n: int = 0, **kw) -> Bookmark:
    fields = dict(
        id=new_id(), folder="/news", file="a.txt", article="a.txt#1", title="标题", article_start=10,
        start=n, end=n + 5, exact="引用的文字", prefix="前", suffix="后", file_hash="0" * 64, created=now(),
    )  # fmt: skip
    fields.update(kw)
    return Bookmark(**fields)


def child(code: str, data_dir: Path, **popen) -> subprocess.Popen:
    """A separate Python process running ``code`` against the store in ``data_dir``."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), NEWSREAD_DATA_DIR=str(data_dir))
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], env=env, text=True, **popen)


WRITER = """
    import sys
    from tui.engine.bookmarks.store import Store
    from tui.engine.bookmarks.bookmark import Bookmark, new_id, now
    store = Store.open()
    for i in range({count}):
        b = Bookmark(new_id(), "/news", "a.txt", "a.txt#1", "t", 0, i, i + 1, "{tag}" * {size}, "", "", "h", now(), "")
        assert store.add_bookmark(b), store.notice
        print(b.id, flush=True)
"""


def test_reading_state_is_kept_per_folder(tmp_path):
    with Store.open(tmp_path) as s:
        assert s.notice is None and not s.readonly
        assert s.mark_read(Path("/a"), "x.txt#1") and s.mark_read(Path("/a"), "x.txt#1")
        assert s.set_position(Path("/a"), "x.txt#1", 12.5) and s.set_position(Path("/a"), "x.txt#1", 30)
        assert s.set_last(Path("/a"), "x.txt#2")
    with Store.open(tmp_path) as s:
        assert s.read_ids(Path("/a")) == {"x.txt#1"} and s.read_ids(Path("/b")) == set()
        assert s.position(Path("/a"), "x.txt#1") == 30.0 and s.position(Path("/b"), "x.txt#1") is None
        assert s.last(Path("/a")) == "x.txt#2" and s.last(Path("/b")) is None


def test_folder_is_keyed_by_its_real_path(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    with Store.open(tmp_path / "data") as s:
        s.set_last(tmp_path / "link", "a#1")
        assert s.last(real) == "a#1"


def test_bookmarks_add_get_note_remove(tmp_path):
    with Store.open(tmp_path) as s:
        b1, b2 = bookmark(1, created="2024-01-01T00:00:00Z"), bookmark(2, created="2025-01-01T00:00:00Z")
        assert s.add_bookmark(b2) and s.add_bookmark(b1)
        assert s.bookmarks() == [b1, b2]
        assert s.bookmark(b1.id) == b1 and s.bookmark("nope") is None
        assert s.set_note(b1.id, "要点") and s.bookmark(b1.id).note == "要点"
        assert not s.set_note("nope", "x")
        assert s.find_bookmarks(b2.id[:6]) == [s.bookmark(b2.id)]
        assert s.find_bookmarks("%") == [] and s.find_bookmarks("_") == []
        assert s.remove_bookmark(b1.id) and not s.remove_bookmark(b1.id)
        assert s.bookmarks() == [b2]


def test_import_counts_only_new_ones(tmp_path):
    with Store.open(tmp_path) as s:
        bs = [bookmark(i) for i in range(5)]
        assert s.import_bookmarks(bs[:3]) == 3
        assert s.import_bookmarks(bs) == 2
        assert len(s.bookmarks()) == 5


@settings(max_examples=60, deadline=None)
@given(note=st.text(max_size=80), exact=st.text(min_size=1, max_size=80))
def test_any_text_round_trips(note, exact):
    with tempfile.TemporaryDirectory() as d, Store.open(d) as s:
        b = bookmark(exact=exact, note=note)
        assert s.add_bookmark(b)
        assert s.bookmark(b.id) == b


def test_schema_version_and_wal(tmp_path):
    Store.open(tmp_path).close()
    conn = sqlite3.connect(tmp_path / DB_NAME)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_default_data_dir_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSREAD_DATA_DIR", str(tmp_path / "mine"))
    assert default_data_dir() == tmp_path / "mine"
    with Store.open() as s:
        assert s.path == tmp_path / "mine" / DB_NAME and s.path.exists()
    monkeypatch.delenv("NEWSREAD_DATA_DIR")
    assert default_data_dir().name == "newsread"


def test_a_store_from_a_newer_version_is_read_not_written(tmp_path):
    with Store.open(tmp_path) as s:
        s.add_bookmark(b := bookmark())
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with Store.open(tmp_path) as s:
        assert s.readonly and "newer" in s.notice
        assert s.bookmarks() == [b] and not s.add_bookmark(bookmark())


@pytest.mark.parametrize("damage", ["garbage", "zeroed pages"])
def test_a_corrupt_store_is_moved_aside_and_a_fresh_one_used(tmp_path, damage):
    with Store.open(tmp_path) as s:
        for i in range(300):
            s.add_bookmark(bookmark(i, exact="长" * 200))
    db = tmp_path / DB_NAME
    data = bytearray(db.read_bytes())
    if damage == "garbage":
        data = bytearray(b"not a database " * 100)
    else:
        data[4096 : len(data) - 4096] = bytes(len(data) - 8192)
    db.write_bytes(bytes(data))
    with Store.open(tmp_path) as s:
        assert not s.readonly and s.notice
        moved = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name and not p.name.endswith(("-wal", "-shm"))]
        assert len(moved) == 1 and str(moved[0]) in s.notice
        assert moved[0].read_bytes() == bytes(data)
        assert s.bookmarks() == [] and s.add_bookmark(b := bookmark())
    with Store.open(tmp_path) as s:
        assert s.notice is None and s.bookmarks() == [b]


def test_an_unwritable_place_gives_a_read_only_store(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with Store.open(blocker / "data") as s:
        assert s.readonly and "cannot be saved" in s.notice
        assert not s.add_bookmark(bookmark()) and not s.mark_read(Path("/a"), "x#1")
        assert not s.set_position(Path("/a"), "x#1", 1) and not s.set_last(Path("/a"), "x#1")
        assert s.import_bookmarks([bookmark()]) is None
        assert s.bookmarks() == [] and s.last(Path("/a")) is None


def test_a_read_only_data_dir_with_a_store_is_read(tmp_path, monkeypatch):
    """Root ignores file modes, so the refusal to write is simulated where the store tries it."""
    with Store.open(tmp_path) as s:
        s.add_bookmark(b := bookmark())
        s.set_last(Path("/a"), "x#1")

    def refuse(*args, **kw):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "TemporaryFile", refuse)
    with Store.open(tmp_path) as s:
        assert s.readonly and "not writable (Permission denied)" in s.notice
        assert s.bookmarks() == [b] and s.last(Path("/a")) == "x#1"
        assert not s.add_bookmark(bookmark()) and not s.remove_bookmark(b.id) and not s.set_note(b.id, "x")
    with Store.open(tmp_path) as s:
        assert s.bookmarks() == [b]


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file modes (the simulated test above covers root)")
def test_a_chmod_read_only_data_dir_reads_but_does_not_write(tmp_path):
    data = tmp_path / "data"
    with Store.open(data) as s:
        s.add_bookmark(b := bookmark())
    (data / DB_NAME).chmod(0o444)
    data.chmod(0o555)
    try:
        with Store.open(data) as s:
            assert s.readonly and "not writable" in s.notice
            assert s.bookmarks() == [b] and not s.add_bookmark(bookmark())
        data.chmod(0o755)  # the folder writable, the file not
        with Store.open(data) as s:
            assert s.readonly and "readonly" in s.notice
            assert s.bookmarks() == [b] and not s.add_bookmark(bookmark())
    finally:
        data.chmod(0o755)


def test_two_processes_adding_at_once_lose_nothing(tmp_path):
    procs = [child(WRITER.format(count=200, tag=t, size=50), tmp_path, stdout=subprocess.PIPE) for t in "甲乙"]
    ids = set()
    for p in procs:
        outs, _ = p.communicate(timeout=120)
        assert p.returncode == 0
        ids |= set(outs.split())
    assert len(ids) == 400
    with Store.open(tmp_path) as s:
        assert {b.id for b in s.bookmarks()} == ids


def test_sigkill_during_saves_loses_nothing_saved_before(tmp_path):
    p = child(WRITER.format(count=100000, tag="丙", size=2000), tmp_path, stdout=subprocess.PIPE)
    saved = [p.stdout.readline().strip() for _ in range(150)]
    os.kill(p.pid, signal.SIGKILL)
    p.wait(timeout=30)
    p.stdout.close()
    with Store.open(tmp_path) as s:
        assert s.notice is None
        kept = {b.id for b in s.bookmarks()}
    assert set(saved) <= kept and len(kept) >= 150
    assert sqlite3.connect(tmp_path / DB_NAME).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_sigkill_during_one_big_import_keeps_earlier_saves_and_all_or_nothing(tmp_path):
    code = """
        import sys
        from tui.engine.bookmarks.store import Store
        from tui.engine.bookmarks.bookmark import Bookmark, new_id, now
        store = Store.open()
        make = lambda i: Bookmark(new_id(), "/news", "a.txt", "a.txt#1", "t", 0, i, i + 1, "丁" * 500, "", "", "h", now(), "")
        for i in range(20):
            b = make(i)
            assert store.add_bookmark(b)
            print(b.id, flush=True)
        print("import", flush=True)
        store.import_bookmarks(make(i) for i in range(30000))
        print("done", flush=True)
    """
    p = child(code, tmp_path, stdout=subprocess.PIPE)
    saved = [p.stdout.readline().strip() for _ in range(20)]
    assert p.stdout.readline().strip() == "import"
    time.sleep(0.2)
    os.kill(p.pid, signal.SIGKILL)
    p.wait(timeout=30)
    finished = p.stdout.read().strip() == "done"
    p.stdout.close()
    with Store.open(tmp_path) as s:
        kept = {b.id for b in s.bookmarks()}
    assert set(saved) <= kept
    assert len(kept) == (20 + 30000 if finished else 20)


def test_migrations_apply_in_one_transaction(tmp_path, monkeypatch):
    Store.open(tmp_path).close()
    broken = MIGRATIONS + (("CREATE TABLE extra (a)", "THIS IS NOT SQL"),)
    monkeypatch.setattr(store_module, "MIGRATIONS", broken)
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", len(broken))
    with Store.open(tmp_path) as s:
        assert s.readonly and "syntax error" in s.notice
    conn = sqlite3.connect(tmp_path / DB_NAME)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'extra'").fetchall() == []
    monkeypatch.setattr(store_module, "MIGRATIONS", MIGRATIONS + (("CREATE TABLE extra (a)",),))
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with Store.open(tmp_path) as s:
        assert not s.readonly and s.notice is None
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'extra'").fetchall() == [("extra",)]


def test_a_relative_data_dir_works(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEWSREAD_DATA_DIR", "rel/data")
    with Store.open() as s:
        assert s.notice is None and s.add_bookmark(b := bookmark())
    with Store.open(Path("rel/data")) as s:
        assert s.bookmarks() == [b] and s.path == tmp_path / "rel" / "data" / DB_NAME


def test_a_failed_write_rolls_back_and_the_next_one_works(tmp_path):
    with Store.open(tmp_path) as s:
        b = bookmark()
        bad = bookmark(exact=["not", "text"])  # fails inside the transaction, after b was inserted
        assert s.import_bookmarks([b, bad]) is None and "could not save" in s.notice
        assert s.bookmarks() == []
        assert s.add_bookmark(b) and s.bookmarks() == [b]


def test_matching_ids_needs_every_word_anywhere(tmp_path):
    with Store.open(tmp_path) as s:
        a = bookmark(exact="乡村振兴战略", title="Rural Revival", note="100% 要读")
        b = bookmark(exact="服务重大战略", title="Party work", note="under score")
        s.import_bookmarks([a, b])
        assert s.matching_ids("战略") == {a.id, b.id}
        assert s.matching_ids("  战略   rural ") == {a.id}  # every word; ASCII in either case
        assert s.matching_ids("0%") == {a.id} and s.matching_ids("%") == {a.id}  # LIKE's wildcards are literal
        assert s.matching_ids("r_sc") == set() and s.matching_ids("work under") == {b.id}
        assert s.matching_ids("a.txt#1 服务") == {b.id}  # the article id too
        assert s.matching_ids("") == {a.id, b.id}


def test_iter_bookmarks_reads_pages_in_order(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "PAGE", 7)
    with Store.open(tmp_path) as s:
        s.import_bookmarks(bookmark(i, created=f"2026-01-01T00:00:{i % 3:02}Z") for i in range(50))
        assert list(s.iter_bookmarks()) == s.bookmarks() and len(s.bookmarks()) == 50


def test_iter_bookmarks_pages_past_a_value_that_is_not_utf8(tmp_path, monkeypatch):
    """Text SQLite holds as bytes that are not UTF-8 reads back with surrogates; the next page still starts after it."""
    monkeypatch.setattr(store_module, "PAGE", 1)
    with Store.open(tmp_path) as s:
        s.import_bookmarks([bookmark(i, file=f"a{i}\udcff.txt") for i in range(3)])
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.execute("UPDATE bookmarks SET created = CAST(x'32303236ff' AS TEXT)")
    conn.commit()
    conn.close()
    with Store.open(tmp_path) as s:
        paged = list(s.iter_bookmarks())
        assert paged == s.bookmarks() and len(paged) == 3
        assert {b.created for b in paged} == {"2026\udcff"} and paged[0].file.endswith("\udcff.txt")
