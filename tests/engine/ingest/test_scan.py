"""Reading a folder: order, hidden files, and every kind of path that is not a text file."""

import json
import os
import subprocess
import sys

import pytest

from tui.engine.ingest.load import load
from tui.engine.ingest.scan import natural_key

GOOD = "# 标题\n\n正文第一段。\n"


def make_bad_folder(root, outside):
    (root / "good.txt").write_text(GOOD, encoding="utf-8")
    (root / "binary.txt").write_bytes(b"abc\x00def" * 10)
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.md").write_text("\n  \n\t\n", encoding="utf-8")
    os.mkfifo(root / "fifo.txt")
    os.symlink("loop.txt", root / "loop.txt")
    (outside / "secret.txt").write_text(GOOD, encoding="utf-8")
    os.symlink(outside / "secret.txt", root / "outside.txt")
    os.symlink(root / "missing.txt", root / "broken.txt")
    (root / "markup.txt").write_text("# 标题 [bold]x[/]\n\n正文\x1b[31m红[@click=app.quit]。\n", encoding="utf-8")


@pytest.fixture
def bad_folder(tmp_path):
    root, outside = tmp_path / "folder", tmp_path / "elsewhere"
    root.mkdir()
    outside.mkdir()
    make_bad_folder(root, outside)
    return root


def test_bad_paths_are_reported_with_reasons(bad_folder):
    corpus = load(bad_folder)
    assert [f.relpath for f in corpus.files] == ["good.txt", "markup.txt"]
    reasons = {s.relpath: s.reason for s in corpus.skipped}
    assert reasons == {
        "binary.txt": "binary",
        "blank.md": "empty",
        "broken.txt": "broken symlink",
        "empty.txt": "empty",
        "fifo.txt": "fifo",
        "loop.txt": "symlink loop",
        "outside.txt": "symlink outside folder",
    }


def test_list_json_on_a_bad_folder_finishes(bad_folder):
    # A FIFO must never block the scan: a subprocess with a timeout proves it.
    out = subprocess.run(
        [sys.executable, "-m", "tui", "list", "--json", "--folder", str(bad_folder)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    data = json.loads(out.stdout)
    assert [a["file"] for a in data["articles"]] == ["good.txt", "markup.txt"]
    assert len(data["skipped"]) == 7
    assert any("[bold]" in a["title"] for a in data["articles"])


def test_size_cap_skips_with_a_reason(tmp_path):
    (tmp_path / "big.txt").write_text("正文。" * 100, encoding="utf-8")
    corpus = load(tmp_path, max_bytes=100)
    assert corpus.files == [] and corpus.skipped[0].reason.startswith("too large")


def test_recursive_natural_order_and_hidden_skipped(tmp_path):
    for name in ["10.txt", "2.txt", "sub/1.md", "sub/10.md", "sub/9.md", ".hidden.txt", ".git/x.txt", "notes.rtf"]:
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(GOOD, encoding="utf-8")
    corpus = load(tmp_path)
    assert [f.relpath for f in corpus.files] == ["2.txt", "10.txt", "sub/1.md", "sub/9.md", "sub/10.md"]


def test_symlinked_folder_inside_is_read_once(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text(GOOD, encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "a" / "up")  # a folder loop
    corpus = load(tmp_path)
    assert [f.relpath for f in corpus.files] == ["a/x.txt"]


def test_natural_key_compares_numbers():
    assert sorted(["a10.txt", "a2.txt", "a1.txt"], key=natural_key) == ["a1.txt", "a2.txt", "a10.txt"]


def test_unreadable_file(tmp_path, monkeypatch):
    p = tmp_path / "locked.txt"
    p.write_text(GOOD, encoding="utf-8")
    real_open = os.open

    def refuse(path, *args, **kw):  # root reads everything, so refuse as the kernel would
        if str(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kw)

    monkeypatch.setattr(os, "open", refuse)
    assert load(tmp_path).skipped[0].reason == "unreadable: Permission denied"


def test_a_symlink_to_a_file_inside_is_read_once(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    os.symlink(tmp_path / "a.txt", tmp_path / "sub" / "link.txt")
    corpus = load(tmp_path)
    assert [f.relpath for f in corpus.files] == ["a.txt"]
    assert [(s.relpath, s.reason) for s in corpus.skipped] == [("sub/link.txt", "same file as a.txt")]
