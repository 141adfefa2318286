"""The saved segmentation: one row per file, the same corpus as load, a changed file costs only itself.

Segmenting is counted by spying on the segmenter load calls (one call per
text read), so "warm" means what the user feels: nothing segmented again.
"""

import json
import os
import shutil
import sqlite3
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.engine.ingest.test_scan import make_bad_folder
from tui.engine import caches
from tui.engine.ingest import corpuscache
from tui.engine.ingest import load as load_mod
from tui.engine.ingest.load import FolderError, load
from tui.engine.ingest.segment import segment
from tui.engine.model import TextFile
from tui.locations import cache_dir

SHARED = ROOT.parent / "shared" / "corpora"


@pytest.fixture
def folder(tmp_path):
    dst = tmp_path / "seeds"
    shutil.copytree(SEEDS, dst)
    (dst / "blank.txt").write_text("  \n", encoding="utf-8")  # skipped as empty, by load
    return dst


def segmented(monkeypatch) -> list[str]:
    """The relpaths segmented from now on (one entry per text)."""
    calls = []
    real = load_mod.segment

    def spy(text, relpath="", **kw):
        calls.append(relpath)
        return real(text, relpath, **kw)

    monkeypatch.setattr(load_mod, "segment", spy)
    return calls


def rows() -> list[tuple]:
    with sqlite3.connect(cache_dir() / caches.DB_NAME) as db:
        return db.execute("SELECT relpath, stamp, code, data, text FROM files").fetchall()


def same_corpus(got, fresh) -> None:
    assert got.root == fresh.root
    assert got.files == fresh.files
    assert got.skipped == fresh.skipped


def test_warm_load_equals_load_without_segmenting(folder, monkeypatch):
    fresh = load(folder)
    calls = segmented(monkeypatch)
    first = corpuscache.load_cached(folder)
    second = corpuscache.load_cached(folder)
    assert len(calls) == 5  # the cold call segmented the five texts once; the warm one none
    for got in (first, second):
        same_corpus(got, fresh)
        assert [s.reason for s in got.skipped] == ["empty"]
    assert second.article("001_f369ed2dbcb57396.txt#4").title == fresh.article("001_f369ed2dbcb57396.txt#4").title


def test_one_row_per_file_holding_plain_data(folder):
    corpuscache.load_cached(folder)
    saved = {relpath.decode(): (stamp, data, text) for relpath, stamp, _, data, text in rows()}
    assert set(saved) == {p.name for p in folder.iterdir()}
    stamp, data, text = saved["000_0ea74b706e051f9e.txt"]
    assert json.loads(stamp)[0] == str(folder.resolve() / "000_0ea74b706e051f9e.txt")
    assert text.decode("utf-8") == (folder / "000_0ea74b706e051f9e.txt").read_text(encoding="utf-8")
    [record] = json.loads(data)  # JSON: offsets, kinds and titles
    assert record["articles"][0][0] == load(folder).files[0].articles[0].title


def test_a_changed_file_costs_only_itself(folder, monkeypatch):
    corpuscache.load_cached(folder)
    f = folder / "003_d8c59b5a4561fd51.txt"
    st = f.stat()
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    fresh = load(folder)
    calls = segmented(monkeypatch)
    same_corpus(corpuscache.load_cached(folder), fresh)
    assert calls == ["003_d8c59b5a4561fd51.txt"]


def test_an_edit_keeping_size_and_mtime_is_seen(folder):
    corpuscache.load_cached(folder)
    f = folder / "003_d8c59b5a4561fd51.txt"
    st = f.stat()
    f.write_bytes(f.read_bytes().replace("新华社".encode(), "新华网".encode()))
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))  # touch -r: size and mtime as they were
    assert "新华网" in corpuscache.load_cached(folder).file("003_d8c59b5a4561fd51.txt").text


def test_a_new_segmenter_misses(folder, monkeypatch):
    corpuscache.load_cached(folder)
    calls = segmented(monkeypatch)
    monkeypatch.setattr(corpuscache, "code_fingerprint", lambda: b"another segmenter")
    corpuscache.load_cached(folder)
    assert len(calls) == 5


def test_another_size_limit_misses(folder, monkeypatch):
    corpuscache.load_cached(folder)
    calls = segmented(monkeypatch)
    corpuscache.load_cached(folder, max_bytes=1_000_000)
    assert len(calls) == 5


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
    assert [Path(p).name for p in reads] == ["new.txt"]
    f = folder / "003_d8c59b5a4561fd51.txt"
    st = f.stat()
    other = folder / "other.tmp"
    other.write_bytes(f.read_bytes().replace("新华社".encode(), "新华网".encode()))
    os.utime(other, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(other, f)  # same size and mtime, another file (inode)
    assert "新华网" in corpuscache.load_cached(folder).file("003_d8c59b5a4561fd51.txt").text


def test_the_row_of_a_vanished_file_goes(folder):
    corpuscache.load_cached(folder)
    (folder / "003_d8c59b5a4561fd51.txt").unlink()
    corpuscache.load_cached(folder)
    assert b"003_d8c59b5a4561fd51.txt" not in {r[0] for r in rows()}
    assert len(rows()) == 5


def test_refusals_and_links_are_as_load_gives_them(tmp_path, monkeypatch):
    root, outside = tmp_path / "folder", tmp_path / "elsewhere"
    root.mkdir()
    outside.mkdir()
    make_bad_folder(root, outside)
    os.symlink(root / "good.txt", root / "again.txt")  # the same file twice: kept once
    os.link(root / "good.txt", root / "hard.txt")  # and a third time
    fresh = load(root)
    assert {"again.txt", "hard.txt"} <= {s.relpath for s in fresh.skipped}
    same_corpus(corpuscache.load_cached(root), fresh)
    calls = segmented(monkeypatch)
    same_corpus(corpuscache.load_cached(root), fresh)
    assert calls == []


def test_names_that_are_not_utf8_are_kept_and_hit(tmp_path, monkeypatch):
    root = tmp_path / "folder"
    root.mkdir()
    with open(os.path.join(os.fsencode(root), b"a\xff.txt"), "wb") as fh:
        fh.write("# 标题\n\n正文第一段。\n".encode())
    fresh = load(root)
    same_corpus(corpuscache.load_cached(root), fresh)
    calls = segmented(monkeypatch)
    same_corpus(corpuscache.load_cached(root), fresh)
    assert calls == [] and fresh.files[0].relpath == "a\udcff.txt"


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared/corpora")
def test_real_pages_come_back_the_same(tmp_path, monkeypatch):
    """ALTO, hOCR and PAGE files, and a day of OCR front pages: cached equals fresh."""
    root = tmp_path / "real"
    shutil.copytree(SHARED / "formats", root / "formats")
    week = sorted((SHARED / "chronam-1916-04-week1" / "19160404").iterdir())[:6]
    (root / "19160404").mkdir()
    for page in week:
        shutil.copy(page, root / "19160404" / page.name)
    fresh = load(root)
    same_corpus(corpuscache.load_cached(root), fresh)
    calls = segmented(monkeypatch)
    same_corpus(corpuscache.load_cached(root), fresh)
    assert calls == []


def damage_rows(**columns) -> None:
    with sqlite3.connect(cache_dir() / caches.DB_NAME) as db:
        for column, value in columns.items():
            db.execute(f"UPDATE files SET {column} = ?", (value,))


def deep(n: int) -> bytes:
    return b"[" * n + b"]" * n


@pytest.mark.parametrize(
    "damage",
    [
        {"data": "text, not bytes"},
        {"data": 42},
        {"text": 4.5},
        {"stamp": b"\x00\xff"},
        {"code": "text"},
        {"data": b"not json"},
        {"data": b"{}"},
        {"data": b"[[]]"},
        {"data": b'[{"relpath": 1}]'},
        {"data": deep(100_000)},
        {"text": b"\xff\xfe not utf-8"},
        {"text": b"short"},
    ],
    ids=lambda d: next(iter(d)) + ":" + repr(next(iter(d.values())))[:20],
)
def test_a_row_of_the_wrong_shape_is_a_miss_and_replaced(folder, monkeypatch, damage):
    fresh = load(folder)
    corpuscache.load_cached(folder)
    with sqlite3.connect(cache_dir() / caches.DB_NAME) as db:  # let a value of any type in
        db.execute("PRAGMA ignore_check_constraints = ON")
    damage_rows(**damage)
    calls = segmented(monkeypatch)
    same_corpus(corpuscache.load_cached(folder), fresh)
    assert len(calls) == 5
    same_corpus(corpuscache.load_cached(folder), fresh)
    assert len(calls) == 5  # rewritten: warm again


def test_a_record_that_lies_about_its_text_is_a_miss(folder, monkeypatch):
    fresh = load(folder)
    corpuscache.load_cached(folder)
    with sqlite3.connect(cache_dir() / caches.DB_NAME) as db:
        for relpath, data in db.execute("SELECT relpath, data FROM files").fetchall():
            records = json.loads(data)
            for rec in records:
                if "articles" in rec:
                    rec["articles"][0][7][0][2] = [0, 10**9]  # a piece past the article's end
            db.execute("UPDATE files SET data = ? WHERE relpath = ?", (json.dumps(records).encode(), relpath))
    calls = segmented(monkeypatch)
    same_corpus(corpuscache.load_cached(folder), fresh)
    assert len(calls) == 5


@pytest.mark.parametrize("how", ["garbage", "truncated", "foreign", "empty"])
def test_a_damaged_or_foreign_database_is_a_miss_then_rebuilt(folder, monkeypatch, how):
    fresh = load(folder)
    corpuscache.load_cached(folder)
    path = cache_dir() / caches.DB_NAME
    if how == "garbage":
        path.write_bytes(b"\x00\xff garbage " * 1000)
    elif how == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 3])
    elif how == "foreign":
        path.unlink()
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE files (x)")
            db.execute("INSERT INTO files VALUES (1)")
    else:
        path.write_bytes(b"")
    calls = segmented(monkeypatch)
    same_corpus(corpuscache.load_cached(folder), fresh)
    same_corpus(corpuscache.load_cached(folder), fresh)
    assert len(calls) <= 5  # the second load at least found its rows again
    assert len(rows()) == 6


def test_a_missing_folder_is_the_same_error_as_load(tmp_path):
    with pytest.raises(FolderError, match="no such folder"):
        corpuscache.load_cached(tmp_path / "nope")


def test_progress_counts_every_candidate(folder):
    seen = []
    corpuscache.load_cached(folder, progress=lambda n, total: seen.append((n, total)))
    assert seen[-1] == (6, 6) and len(seen) == 6


LINE = st.one_of(
    st.text(alphabet="新华社北京电。，“”abc XYZ-\t#*>", max_size=60),
    st.sampled_from(["", "# 标题", "## Heading", "**本报讯**", "（续）", "    ", "THE NEWS", "续第一版"]),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(LINE, max_size=40))
def test_any_segmentation_comes_back_exactly(lines):
    """The row format round-trips every segmentation: titles, kinds, pieces, shown text."""
    text = "\n".join(lines)
    articles = tuple(segment(text, "f.txt"))
    f = TextFile("f.txt", "/x/f.txt", 3, 4, "utf-8", text, None, articles, "text", (3, 4, 5, 6, 7, 8))
    assert corpuscache.decoded(*corpuscache.encoded([f]), "/x/f.txt", (3, 4, 5, 6, 7, 8)) == [f]


FILLER = (
    "the council met on monday evening and heard the report of the committee on streets which found that "
    "the roads of the county were in good order after the winter rains and the members voted to pay the "
    "bills of the month without delay or further debate "
)


def wrapped(body: str) -> str:
    """A hard-wrapped English page (printed lines of one column), so its cut words rejoin by the folder's words."""
    return "COUNCIL MEETS\n\n" + "\n".join(textwrap.wrap(body, 44)) + "\n"


def cut(left: str, right: str) -> str:
    """A page with a word cut at a line end: ``left`` ends a line, ``right`` starts the next."""
    lines = textwrap.wrap(FILLER * 2, 44)
    lines[3] += " " + left
    lines[4] = right + " " + lines[4]
    return "COUNCIL MEETS\n\n" + "\n".join(lines) + "\n"


def shown(corpus, relpath: str) -> str:
    return "\n".join(a.text for a in corpus.file(relpath).articles)


def test_a_page_follows_the_folder_spelling_and_only_the_pages_that_ask_are_segmented_again(tmp_path, monkeypatch):
    """``co-`` / ``operating`` rejoins as the other pages spell it; editing them re-reads them and that page only."""
    (tmp_path / "a.txt").write_text(cut("co-", "operating"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(wrapped(FILLER + "the cooperating towns and the cooperating farmers " + FILLER))
    (tmp_path / "c.txt").write_text(wrapped(FILLER * 2), encoding="utf-8")
    shutil.copy(SEEDS / "000_0ea74b706e051f9e.txt", tmp_path / "d.txt")
    assert "cooperating members" in shown(corpuscache.load_cached(tmp_path), "a.txt")
    (tmp_path / "b.txt").write_text(wrapped(FILLER + "the co-operating towns and the co-operating farmers " + FILLER))
    fresh = load(tmp_path)
    calls = segmented(monkeypatch)
    got = corpuscache.load_cached(tmp_path)
    same_corpus(got, fresh)
    assert "co-operating members" in shown(got, "a.txt")  # a.txt did not change; the folder's spelling did
    assert sorted(calls) == ["a.txt", "b.txt"]


WORDS = ["cooperating", "co-operating", "supreme", "railroad", "rail-road", "to-day", "today", "council", "roads"]
CUTS = [("co-", "operating"), ("su-", "preme"), ("su", "preme"), ("rail-", "road"), ("to-", "day"), ("to", "day")]
PAGE = st.one_of(
    st.builds(lambda words: wrapped(FILLER + " ".join(words) + " " + FILLER), st.lists(st.sampled_from(WORDS))),
    st.builds(lambda c: cut(*c), st.sampled_from(CUTS)),
)
STEP = st.tuples(st.sampled_from(["write", "delete", "touch"]), st.integers(0, 3), PAGE)


@settings(max_examples=25, deadline=None)
@given(st.lists(STEP, min_size=1, max_size=6))
def test_after_any_edits_the_saved_segmentation_is_what_load_gives(tmp_path_factory, steps):
    """Pages written, deleted and touched in any order: each load_cached equals a fresh load (the lexicon kept right)."""
    root = tmp_path_factory.mktemp("pages")
    (root / "zh.txt").write_bytes((SEEDS / "000_0ea74b706e051f9e.txt").read_bytes())
    for op, n, page in steps:
        f = root / f"{n}.txt"
        if op == "write":
            f.write_text(page, encoding="utf-8")
        elif op == "delete":
            f.unlink(missing_ok=True)
        elif f.exists():
            os.utime(f, ns=(0, f.stat().st_mtime_ns + 10**9))
        same_corpus(corpuscache.load_cached(root), load(root))
