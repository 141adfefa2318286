"""Reading a folder in worker processes gives the corpus one process gives: the same files, articles and
refusals in the same order, hard-wrapped pages rejoined by the whole folder's words, rows saved the same."""

import concurrent.futures
import io
import os
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, SEEDS
from hypothesis import given
from hypothesis import strategies as st

from tests.engine.ingest.test_corpuscache import FILLER, SHARED, cut, rows, same_corpus, shown, wrapped
from tests.engine.ingest.test_scan import make_bad_folder
from tui.engine.ingest import corpuscache
from tui.engine.ingest.load import load


def test_two_processes_give_the_seeds_as_one_does(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    fresh = load(tmp_path / "seeds")
    same_corpus(corpuscache.load_cached(tmp_path / "seeds", workers=2), fresh)
    saved = sorted(rows())
    same_corpus(corpuscache.load_cached(tmp_path / "seeds", workers=2), fresh)  # warm: every row a hit
    assert sorted(rows()) == saved and len(saved) == 5


def test_rows_made_in_workers_are_the_rows_one_process_makes(tmp_path, monkeypatch):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    corpuscache.load_cached(tmp_path / "seeds", workers=1)
    one = sorted(rows())
    monkeypatch.setenv("NEWSREAD_CACHE_DIR", str(tmp_path / "other-cache"))
    corpuscache.load_cached(tmp_path / "seeds", workers=2)
    assert sorted(rows()) == one


def test_hard_wrapped_pages_rejoin_by_the_whole_folder_in_workers(tmp_path):
    """A worker knows only its own files' words: a page whose answers change with the folder's is done again."""
    (tmp_path / "a.txt").write_text(cut("co-", "operating"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(wrapped(FILLER + "the cooperating towns and the cooperating farmers " + FILLER))
    (tmp_path / "c.txt").write_text(wrapped(FILLER * 2), encoding="utf-8")
    shutil.copy(SEEDS / "000_0ea74b706e051f9e.txt", tmp_path / "d.txt")
    got = corpuscache.load_cached(tmp_path, workers=2)
    assert "cooperating members" in shown(got, "a.txt")
    same_corpus(got, load(tmp_path))
    same_corpus(corpuscache.load_cached(tmp_path, workers=1), load(tmp_path))  # its row has the folder's answers


def test_refusals_and_links_in_workers_are_as_load_gives_them(tmp_path):
    root, outside = tmp_path / "folder", tmp_path / "elsewhere"
    root.mkdir()
    outside.mkdir()
    make_bad_folder(root, outside)
    os.symlink(root / "good.txt", root / "again.txt")
    os.link(root / "good.txt", root / "hard.txt")
    same_corpus(corpuscache.load_cached(root, workers=2), load(root))


def test_a_changed_file_read_in_workers(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    corpuscache.load_cached(tmp_path / "seeds")
    first = sorted((tmp_path / "seeds").iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n\n# 新增\n\n新增一段。\n", encoding="utf-8")
    same_corpus(corpuscache.load_cached(tmp_path / "seeds", workers=2), load(tmp_path / "seeds"))


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared/corpora")
def test_real_pages_in_workers(tmp_path):
    """ALTO, hOCR and PAGE files and a day of OCR front pages, read by two processes."""
    root = tmp_path / "real"
    shutil.copytree(SHARED / "formats", root / "formats")
    (root / "19160404").mkdir()
    for page in sorted((SHARED / "chronam-1916-04-week1" / "19160404").iterdir())[:6]:
        shutil.copy(page, root / "19160404" / page.name)
    same_corpus(corpuscache.load_cached(root, workers=2), load(root))


def test_progress_in_workers_ends_at_every_candidate(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    seen = []
    corpuscache.load_cached(tmp_path / "seeds", workers=2, progress=lambda n, total: seen.append((n, total)))
    assert seen[-1] == (5, 5) and [n for n, _ in seen] == sorted(n for n, _ in seen)


def test_a_small_folder_stays_in_one_process(tmp_path, monkeypatch):
    def no_pool(*args, **kw):
        raise AssertionError("a pool for five files")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_pool)
    shutil.copytree(SEEDS, tmp_path / "seeds")
    with open(tmp_path / "seeds" / "huge.txt", "wb") as fh:  # refused unread: nothing to share out
        fh.truncate(corpuscache.PARALLEL_MIN_BYTES * 2)
    got = corpuscache.load_cached(tmp_path / "seeds", max_bytes=corpuscache.PARALLEL_MIN_BYTES)
    same_corpus(got, load(tmp_path / "seeds", max_bytes=corpuscache.PARALLEL_MIN_BYTES))
    assert "huge.txt" in {s.relpath for s in got.skipped}


@pytest.mark.parametrize("failure", ["cannot start", "a worker dies"])
def test_when_workers_fail_the_rest_is_read_in_this_process(tmp_path, monkeypatch, failure):
    """Workers that cannot start (no processes left) or one killed (out of memory) cost speed, not the corpus."""
    real = corpuscache._segment_chunk

    class NoProcesses:
        def __init__(self, *args, **kw):
            raise OSError(11, "Resource temporarily unavailable")

    if failure == "cannot start":
        monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", NoProcesses)
    else:
        monkeypatch.setattr(corpuscache, "CHUNK_FILES", 2)  # three chunks: the first comes back, then one dies
        monkeypatch.setattr(corpuscache, "_segment_chunk", _dies_on_second_chunk)
    shutil.copytree(SEEDS, tmp_path / "seeds")
    same_corpus(corpuscache.load_cached(tmp_path / "seeds", workers=2), load(tmp_path / "seeds"))
    monkeypatch.setattr(corpuscache, "_segment_chunk", real)
    same_corpus(corpuscache.load_cached(tmp_path / "seeds", workers=1), load(tmp_path / "seeds"))  # rows all saved


def _dies_on_second_chunk(root, items, max_bytes, counts):
    if items[0][0] != sorted(p.name for p in SEEDS.glob("*.txt"))[0]:
        os._exit(1)
    return corpuscache._segment_chunk(root, items, max_bytes, counts)


def test_workers_start_under_the_reader_whose_stderr_has_no_descriptor(tmp_path, monkeypatch):
    """Textual's capture of stderr gives -1 for a descriptor: multiprocessing must not be handed it."""

    class Captured(io.StringIO):
        def fileno(self) -> int:
            return -1

    read_here = []
    real = corpuscache._Plan._miss
    monkeypatch.setattr(corpuscache._Plan, "_miss", lambda plan, key: read_here.append(key) or real(plan, key))
    monkeypatch.setattr(sys, "stderr", Captured())
    shutil.copytree(SEEDS, tmp_path / "seeds")
    same_corpus(corpuscache.load_cached(tmp_path / "seeds", workers=2), load(tmp_path / "seeds"))
    assert read_here == [] and isinstance(sys.stderr, Captured)  # all read by the workers


SCRIPT = """
import sys
from tui.engine.ingest.corpuscache import load_cached
with open(sys.argv[2], "a") as fh:
    fh.write("ran\\n")
print(len(load_cached(sys.argv[1], workers=2).articles))
"""


def test_workers_do_not_run_the_main_script_again(tmp_path):
    """A script without a main guard (and ``python -m tui``, whose main module starts the reader) runs once."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    (tmp_path / "script.py").write_text(SCRIPT, encoding="utf-8")
    marker = tmp_path / "ran.txt"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, str(tmp_path / "script.py"), str(tmp_path / "seeds"), str(marker)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(len(load(tmp_path / "seeds").articles))
    assert marker.read_text() == "ran\n"


@given(st.lists(st.integers(0, 3 * corpuscache.CHUNK_BYTES), max_size=600))
def test_chunks_keep_every_file_in_order_and_stay_small(sizes):
    items = list(range(len(sizes)))
    chunks = corpuscache._chunks(items, sizes)
    assert [i for c in chunks for i in c] == items and all(chunks)
    for c in chunks:
        assert len(c) <= corpuscache.CHUNK_FILES
        assert sum(sizes[i] for i in c[:-1]) < corpuscache.CHUNK_BYTES  # only its last file takes it over
