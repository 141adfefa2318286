"""The group cache: warm when nothing changed, rebuilt on any change (one that keeps size and mtime too) or damage."""

import dataclasses
import json
import os
import shutil
import sqlite3

import pytest
from conftest import SEEDS

from tui.engine import caches
from tui.engine.ingest.corpuscache import load_cached
from tui.engine.ingest.load import Corpus, load
from tui.engine.variants import groupcache, grouping
from tui.locations import cache_dir


@pytest.fixture
def folder(tmp_path):
    dst = tmp_path / "seeds"
    shutil.copytree(SEEDS, dst)
    return dst


def counting(monkeypatch):
    """Count the from-scratch groupings (cache misses)."""
    calls = []
    real = grouping.group_items

    def spy(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(grouping, "group_items", spy)
    return calls


def saved_row() -> tuple:
    with sqlite3.connect(cache_dir() / caches.DB_NAME) as db:
        return db.execute("SELECT key, data FROM groups").fetchone()


def test_groups_are_saved_in_the_store_under_newsread_cache_dir(folder, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSREAD_CACHE_DIR", str(tmp_path / "cache"))
    corpus = load(folder)
    groupcache.find_groups(corpus)
    key, data = saved_row()
    assert key == groupcache.corpus_key(corpus)
    assert json.loads(data)[0]["members"]  # plain JSON
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [caches.DB_NAME]


@pytest.mark.parametrize("loader", [load, load_cached])
def test_warm_run_reuses_the_saved_groups(folder, monkeypatch, loader):
    calls = counting(monkeypatch)
    cold = groupcache.find_groups(loader(folder))
    warm = groupcache.find_groups(loader(folder))
    assert len(calls) == 1
    assert warm == cold
    assert warm[0].witnesses[0].articles[0].text.startswith("“一年一度")


def test_a_warm_run_gives_back_the_passages(tmp_path, monkeypatch):
    """A passage member's span is saved, and its witness is cut to the same passage again."""
    from tests.engine.variants.test_passages import REPORT, page, words

    page(tmp_path, "a.txt", words(70, 600), REPORT, words(71, 400))
    page(tmp_path, "b.txt", words(72, 200), REPORT, words(73, 800))
    calls = counting(monkeypatch)
    cold = groupcache.find_groups(load(tmp_path))
    warm = groupcache.find_groups(load(tmp_path))
    assert len(calls) == 1 and warm == cold
    assert all(m.span is not None for m in warm[0].members)
    assert [a.text for w in warm[0].witnesses for a in w.articles] == [
        load(tmp_path).article(m.article_id).text[m.span[0] : m.span[1]] for m in warm[0].members
    ]


def test_a_touched_file_misses_the_cache(folder, monkeypatch):
    calls = counting(monkeypatch)
    groupcache.find_groups(load(folder))
    f = folder / "004_80446cc888259cef.txt"
    st = f.stat()
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    groupcache.find_groups(load(folder))
    assert len(calls) == 2


def disguised_edit(f) -> None:
    """Replace every Han character of the file's long lines by another (a fixed shift), as ``touch -r`` would
    leave it: the same size, mtime, lines and articles, but no longer a copy of anything."""
    st = f.stat()
    lines = f.read_text(encoding="utf-8").split("\n")
    han = sorted({c for line in lines if len(line) > 60 for c in line if "\u4e00" <= c <= "\u9fff"})
    shift = dict(zip(han, han[1:] + han[:1], strict=True))
    f.write_text("\n".join("".join(shift.get(c, c) for c in ln) if len(ln) > 60 else ln for ln in lines), "utf-8")
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (f.stat().st_size, f.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)


@pytest.mark.parametrize("loader", [load, load_cached])
def test_an_edit_keeping_size_mtime_and_articles_regroups(folder, loader):
    before = groupcache.find_groups(loader(folder))
    assert {m.siglum for m in before[0].members} == {"000", "001", "002"}
    extents = [(a.start, a.end) for a in loader(folder).file("002_9cc716cc01e6bbdf.txt").articles]
    disguised_edit(folder / "002_9cc716cc01e6bbdf.txt")
    corpus = loader(folder)
    assert [(a.start, a.end) for a in corpus.file("002_9cc716cc01e6bbdf.txt").articles] == extents
    assert {m.siglum for m in groupcache.find_groups(corpus)[0].members} == {"000", "001"}


def test_an_edited_file_regroups(folder, monkeypatch):
    groupcache.find_groups(load(folder))
    (folder / "002_9cc716cc01e6bbdf.txt").write_text("# 别的\n\n完全不同的一段文字。\n", encoding="utf-8")
    groups = groupcache.find_groups(load(folder))
    assert {m.siglum for m in groups[0].members} == {"000", "001"}


def test_a_corpus_without_stamps_is_keyed_by_its_text(folder):
    corpus = load(folder)
    bare = [dataclasses.replace(f, stamp=()) for f in corpus.files]
    edited = [dataclasses.replace(bare[0], text=bare[0].text + "x"), *bare[1:]]
    keys = {groupcache.corpus_key(Corpus(corpus.root, files, [])) for files in (bare, edited)}
    assert len(keys) == 2


@pytest.mark.parametrize(
    "damage",
    [
        ("data", b""),
        ("data", b"\x00\xff garbage"),
        ("data", b'{"key": 1}'),
        ("data", b"[1]"),
        ("data", b'[{"id": 1}]'),
        ("data", b"{"),
        ("data", b"[" * 100_000),
        ("data", 17),
        ("key", 3.5),
    ],
)
def test_a_damaged_row_is_ignored_and_rewritten(folder, monkeypatch, damage):
    corpus = load(folder)
    cold = groupcache.find_groups(corpus)
    column, value = damage
    with sqlite3.connect(cache_dir() / caches.DB_NAME) as db:
        db.execute(f"UPDATE groups SET {column} = ?", (value,))
    calls = counting(monkeypatch)
    assert groupcache.find_groups(corpus) == cold
    assert len(calls) == 1
    assert saved_row()[0] == groupcache.corpus_key(corpus)


def test_a_row_naming_a_vanished_article_is_ignored(folder, monkeypatch):
    corpus = load(folder)
    groupcache.find_groups(corpus)
    groups = json.loads(saved_row()[1])
    groups[0]["members"][0]["id"] = "nope.txt#9"
    with sqlite3.connect(cache_dir() / caches.DB_NAME) as db:
        db.execute("UPDATE groups SET data = ?", (json.dumps(groups).encode(),))
    assert groupcache.load_groups(corpus) is None


def test_names_that_are_not_utf8_are_saved_and_found_again(tmp_path, monkeypatch):
    root = tmp_path / "folder"
    root.mkdir()
    story = (SEEDS / "000_0ea74b706e051f9e.txt").read_bytes()
    for name in (b"a\xff.txt", b"b\xfe.txt"):
        with open(os.path.join(os.fsencode(root), name), "wb") as fh:
            fh.write(story)
    groups = groupcache.find_groups(load(root))
    assert {w.file for w in groups[0].witnesses} == {"a\udcff.txt", "b\udcfe.txt"}
    calls = counting(monkeypatch)
    assert groupcache.find_groups(load(root)) == groups
    assert calls == []


def test_an_unwritable_cache_dir_is_no_error(folder, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("NEWSREAD_CACHE_DIR", str(blocker / "sub"))
    assert len(groupcache.find_groups(load(folder))) == 1


def test_no_cache_flag_neither_reads_nor_writes(folder):
    groupcache.find_groups(load(folder), cache=False)
    assert not (cache_dir() / caches.DB_NAME).exists()
