"""Names that are not UTF-8 (``a\\xff.txt``): grouped, cached, stored and printed losslessly, never a crash.

The engine keeps a name as the OS gives it (``os.fsdecode``: lone surrogates);
the caches and the store keep it exactly, the JSON output escapes it
(``\\udcff``) and the tables show it as ``\\xff``, whatever the stdout encoding.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest
from cli.test_cli import run

from tui.engine import caches
from tui.engine.bookmarks.bookmark import Bookmark, folder_key, new_id, now
from tui.engine.bookmarks.store import DB_NAME, Store
from tui.engine.ingest.load import load
from tui.engine.variants import groupcache, grouping
from tui.locations import cache_dir

from .folders import NOT_UTF8, NOT_UTF8_DIR, build, name

STORY_FILES = {name(NOT_UTF8), name(NOT_UTF8_DIR + b"/b\xff\xfe.txt"), "新闻\n换行.txt"}


@pytest.fixture
def hostile(tmp_path):
    return build(tmp_path / "hostile")


def test_variants_of_such_files_are_grouped_and_cached_without_litter(hostile, monkeypatch):
    groups = groupcache.find_groups(load(hostile))
    assert any({w.file for w in g.witnesses} == STORY_FILES for g in groups)
    assert [p.name for p in cache_dir().iterdir()] == [caches.DB_NAME]  # no litter beside the store
    with sqlite3.connect(cache_dir() / caches.DB_NAME) as db:
        (saved,) = db.execute("SELECT data FROM groups").fetchone()
    saved.decode("ascii")  # escaped, so any JSON reader takes it
    missed = []
    monkeypatch.setattr(grouping, "group_items", lambda *a, **k: missed.append(1))
    again = groupcache.find_groups(load(hostile))  # from the cache, names and all
    assert not missed and again == groups


def bookmark_in(folder, file: str) -> Bookmark:
    return Bookmark(
        id=new_id(), folder=folder_key(folder), file=file, article=f"{file}#1", title="Bridge", article_start=0,
        start=2, end=8, exact="Bridge", prefix="# ", suffix=" reopens", file_hash="0" * 64, created=now(),
    )  # fmt: skip


def test_the_store_keeps_such_names_exactly(tmp_path):
    folder = tmp_path / name(b"news\xff")
    folder.mkdir()
    article = name(b"sub\xfe/a\xff.txt") + "#1"
    mark = bookmark_in(folder, name(b"sub\xfe/a\xff.txt"))
    with Store.open(tmp_path / "data") as store:
        assert store.mark_read(folder, article) and store.set_last(folder, article)
        assert store.set_position(folder, article, 0.5) and store.add_bookmark(mark)
    with Store.open(tmp_path / "data") as store:  # read back by a new connection
        assert store.read_ids(folder) == {article}
        assert store.last(folder) == article and store.position(folder, article) == 0.5
        assert store.bookmarks() == [mark]
    raw = sqlite3.connect(tmp_path / "data" / DB_NAME)
    stored = raw.execute("SELECT typeof(folder), CAST(folder AS BLOB), CAST(article AS BLOB) FROM last").fetchone()
    assert stored == ("text", os.fsencode(folder_key(folder)), os.fsencode(article))  # the OS's bytes, as text


def test_names_stored_before_are_still_found(tmp_path):
    """A store written by an older newsread (names bound as plain text) reads the same."""
    with Store.open(tmp_path / "data"):
        pass
    raw = sqlite3.connect(tmp_path / "data" / DB_NAME)
    raw.execute("INSERT INTO reads VALUES (?, ?, ?)", (folder_key(tmp_path), "新闻.txt#1", now()))
    raw.execute("INSERT INTO last VALUES (?, ?)", (folder_key(tmp_path), "新闻.txt#1"))
    raw.commit()
    with Store.open(tmp_path / "data") as store:
        assert store.read_ids(tmp_path) == {"新闻.txt#1"} and store.last(tmp_path) == "新闻.txt#1"


def test_the_table_shows_the_bytes_as_escapes(hostile, capsys):
    code, out, err = run(capsys, "list", "--folder", str(hostile))
    assert code == 0 and "Traceback" not in err
    assert "a\\xff.txt#1" in out and "sub\\xfe/b\\xff\\xfe.txt#1" in out


STDOUTS = {
    "strict utf-8": ({"PYTHONIOENCODING": "utf-8"}, "utf-8"),
    "C.UTF-8 locale": ({"LC_ALL": "C.UTF-8", "PYTHONIOENCODING": ""}, "utf-8"),
    "ascii": ({"PYTHONIOENCODING": "ascii"}, "ascii"),
}


def newsread(*argv: str | bytes, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tui", *argv],
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


@pytest.mark.parametrize("stdout", STDOUTS.values(), ids=STDOUTS.keys())
def test_every_output_is_valid_in_the_stream_encoding_and_json_is_lossless(hostile, stdout):
    env, encoding = stdout
    folder = ("--folder", str(hostile))
    for argv in (["list", *folder], ["variants", *folder], ["show", os.fsencode(name(NOT_UTF8)) + b"#1", *folder]):
        proc = newsread(*argv, env=env)
        assert proc.returncode == 0 and b"Traceback" not in proc.stderr, proc.stderr
        text = proc.stdout.decode(encoding)  # strict: no raw \xff, no crash
        assert "Bridge reopens" in text and ("a\\xff" in text or argv[0] == "show")
    listed = newsread("list", "--json", *folder, env=env)
    grouped = newsread("variants", "--json", *folder, env=env)
    for proc in (listed, grouped):
        assert proc.returncode == 0 and b"Traceback" not in proc.stderr, proc.stderr
        assert b"\\udcff" in proc.stdout
    files = {os.fsencode(a["file"]) for a in json.loads(listed.stdout.decode(encoding))["articles"]}
    assert {NOT_UTF8, NOT_UTF8_DIR + b"/b\xff\xfe.txt"} <= files  # the very bytes of the names on disk
    [story] = [g for g in json.loads(grouped.stdout.decode(encoding))["groups"] if len(g["members"]) == 3]
    assert {m["file"] for m in story["members"]} == STORY_FILES


def test_a_bookmark_on_such_a_file_is_exported_and_imported_losslessly(hostile, tmp_path, monkeypatch, capsys):
    ref = name(NOT_UTF8) + "#1"
    folder = ("--folder", str(hostile))
    assert run(capsys, "bookmarks", "add", ref, "--quote", "old river bridge", *folder)[0] == 0
    exported = tmp_path / "marks.json"
    assert run(capsys, "bookmarks", "export", str(exported), *folder)[0] == 0
    exported.read_bytes().decode("utf-8")
    monkeypatch.setenv("NEWSREAD_DATA_DIR", str(tmp_path / "elsewhere"))
    assert run(capsys, "bookmarks", "import", str(exported), *folder)[0] == 0
    code, out, _ = run(capsys, "bookmarks", "--json", *folder)
    [mark] = json.loads(out)["bookmarks"]
    assert code == 0 and mark["file"] == name(NOT_UTF8) and mark["anchor"]["ref"] == ref
    code, out, _ = run(capsys, "bookmarks", *folder)
    assert code == 0 and "a\\xff.txt#1" in out
