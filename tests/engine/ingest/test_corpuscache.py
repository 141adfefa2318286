"""The saved segmentation: same corpus as load, reused only while nothing changed, damage ignored."""

import os
import shutil

import pytest
from conftest import SEEDS

from tui.engine.ingest import corpuscache
from tui.engine.ingest import load as corpus_mod
from tui.engine.ingest.load import FolderError, load


@pytest.fixture
def folder(tmp_path):
    dst = tmp_path / "seeds"
    shutil.copytree(SEEDS, dst)
    (dst / "blank.txt").write_text("  \n", encoding="utf-8")  # skipped as empty, by load
    return dst


def segmentations(monkeypatch):
    calls = []
    real = corpus_mod.read_file

    def spy(raw):
        calls.append(raw.relpath)
        return real(raw)

    monkeypatch.setattr(corpus_mod, "read_file", spy)
    return calls


def test_warm_load_equals_load_without_segmenting(folder, monkeypatch):
    fresh = load(folder)
    calls = segmentations(monkeypatch)
    first = corpuscache.load_cached(folder)
    second = corpuscache.load_cached(folder)
    assert len(calls) == 6  # the cold call read the six files once; the warm one none
    for got in (first, second):
        assert got.files == fresh.files and got.skipped == fresh.skipped and got.root == fresh.root
        assert [s.reason for s in got.skipped] == ["empty"]
    assert second.article("001_f369ed2dbcb57396.txt#4").title == fresh.article("001_f369ed2dbcb57396.txt#4").title


def test_a_changed_file_or_segmenter_misses(folder, monkeypatch):
    corpuscache.load_cached(folder)
    calls = segmentations(monkeypatch)
    f = folder / "003_d8c59b5a4561fd51.txt"
    st = f.stat()
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    corpuscache.load_cached(folder)
    assert len(calls) == 6
    monkeypatch.setattr(corpuscache, "_code_fingerprint", lambda: b"another segmenter")
    corpuscache.load_cached(folder)
    assert len(calls) == 12


def test_an_unchanged_folder_is_not_read_but_a_new_or_replaced_file_is_seen(folder, monkeypatch):
    from tui.engine.ingest import scan

    corpuscache.load_cached(folder)
    real = scan.read_regular
    reads = []
    monkeypatch.setattr(scan, "read_regular", lambda root, rel, cap: reads.append(rel) or real(root, rel, cap))
    corpuscache.load_cached(folder)
    assert reads == []  # warm: listed and stat'ed only
    (folder / "new.txt").write_text("# 新的一篇\n\n内容。\n", encoding="utf-8")
    assert "new.txt#1" in {a.id for a in corpuscache.load_cached(folder).articles}
    f = folder / "003_d8c59b5a4561fd51.txt"
    st = f.stat()
    other = folder / "other.tmp"
    other.write_bytes(f.read_bytes().replace("新华社".encode(), "新华网".encode()))
    os.utime(other, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(other, f)  # same size and mtime, another file (inode)
    assert "新华网" in corpuscache.load_cached(folder).file("003_d8c59b5a4561fd51.txt").text


def test_a_stale_copy_is_rejected_by_its_key_alone(folder, monkeypatch):
    corpuscache.load_cached(folder)
    (folder / "new.txt").write_text("# 新的一篇\n\n内容。\n", encoding="utf-8")
    loads = []
    real = corpuscache.pickle.load
    monkeypatch.setattr(corpuscache.pickle, "load", lambda fh: loads.append(1) or real(fh))
    assert corpuscache.load_cached(folder).file("new.txt") is not None
    assert len(loads) == 1  # the key; the old corpus behind it is never unpickled


@pytest.mark.parametrize("damage", [b"", b"\x80\x05garbage", b"not a pickle at all"])
def test_a_damaged_cache_is_a_miss(folder, monkeypatch, damage):
    fresh = corpuscache.load_cached(folder)
    corpuscache._path(folder.resolve()).write_bytes(damage)
    calls = segmentations(monkeypatch)
    assert corpuscache.load_cached(folder).files == fresh.files
    assert len(calls) == 6


def test_a_missing_folder_is_the_same_error_as_load(tmp_path):
    with pytest.raises(FolderError, match="no such folder"):
        corpuscache.load_cached(tmp_path / "nope")
