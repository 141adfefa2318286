"""The group cache: warm when nothing changed, rebuilt on any change or damage, never a crash."""

import json
import os
import shutil

import pytest
from conftest import SEEDS

from tui.engine.ingest.load import load
from tui.engine.variants import groupcache, grouping


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


def test_cache_lives_under_newsread_cache_dir(folder, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSREAD_CACHE_DIR", str(tmp_path / "cache"))
    groupcache.find_groups(load(folder))
    assert groupcache.cache_path(load(folder)).is_relative_to(tmp_path / "cache")
    assert groupcache.cache_path(load(folder)).exists()


def test_warm_run_reuses_the_saved_groups(folder, monkeypatch):
    calls = counting(monkeypatch)
    cold = groupcache.find_groups(load(folder))
    warm = groupcache.find_groups(load(folder))
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


def test_an_edited_file_regroups(folder, monkeypatch):
    groupcache.find_groups(load(folder))
    (folder / "002_9cc716cc01e6bbdf.txt").write_text("# 别的\n\n完全不同的一段文字。\n", encoding="utf-8")
    groups = groupcache.find_groups(load(folder))
    assert {m.siglum for m in groups[0].members} == {"000", "001"}


@pytest.mark.parametrize(
    "damage",
    [b"", b"\x00\xff garbage", b'{"key": 1}', b"[]", b'{"key": "%s", "groups": [{"id": 1}]}', b"{"],
)
def test_a_damaged_cache_is_ignored_and_rewritten(folder, monkeypatch, damage):
    corpus = load(folder)
    cold = groupcache.find_groups(corpus)
    path = groupcache.cache_path(corpus)
    if b"%s" in damage:
        damage = damage.replace(b"%s", groupcache.corpus_key(corpus).encode())
    path.write_bytes(damage)
    calls = counting(monkeypatch)
    assert groupcache.find_groups(corpus) == cold
    assert len(calls) == 1
    assert json.loads(path.read_text(encoding="utf-8"))["key"] == groupcache.corpus_key(corpus)


def test_a_cache_naming_a_vanished_article_is_ignored(folder, monkeypatch):
    corpus = load(folder)
    groupcache.find_groups(corpus)
    path = groupcache.cache_path(corpus)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["groups"][0]["members"][0]["id"] = "nope.txt#9"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert groupcache.load_groups(corpus) is None


def test_an_unwritable_cache_dir_is_no_error(folder, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("NEWSREAD_CACHE_DIR", str(blocker / "sub"))
    assert len(groupcache.find_groups(load(folder))) == 1


def test_no_cache_flag_neither_reads_nor_writes(folder):
    corpus = load(folder)
    groupcache.find_groups(corpus, cache=False)
    assert not groupcache.cache_path(corpus).exists()
