"""Files and folders swapped for symlinks while a scan runs: nothing outside the folder is read, nothing crashes.

The folder is built at test time.  One thread keeps replacing a file with a
symlink to a secret outside the folder (and back), and a subfolder with a
symlink to a folder outside; the scan runs again and again meanwhile.
"""

import os
import threading

from tui.engine.ingest.scan import CHANGED, scan

SECRET = b"SECRET-OUTSIDE-THE-FOLDER"
SCANS = 400


def _swap_file(path, target, stop: threading.Event) -> None:
    """Atomically replace the file ``path`` with a symlink to ``target`` and back, until stopped."""
    link, copy = path.with_name(".link"), path.with_name(".copy")
    while not stop.is_set():
        os.symlink(target, link)
        os.replace(link, path)
        copy.write_text("正文。\n", encoding="utf-8")
        os.replace(copy, path)


def _swap_folder(path, target, stop: threading.Event) -> None:
    """Move the folder ``path`` aside, put a symlink to ``target`` in its place, and back, until stopped."""
    aside = path.with_name(".aside")
    while not stop.is_set():
        os.rename(path, aside)
        os.symlink(target, path)
        os.unlink(path)
        os.rename(aside, path)


def test_a_file_and_a_folder_swapped_for_symlinks_never_lead_outside(tmp_path):
    root, outside = tmp_path / "folder", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_bytes(SECRET)
    (outside / "racy.txt").write_bytes(SECRET)
    for n in range(20):
        (root / f"{n:02d}.txt").write_text(f"第{n}篇。\n", encoding="utf-8")
    racy, sub = root / "racy.txt", root / "sub"
    racy.write_text("正文。\n", encoding="utf-8")
    sub.mkdir()
    (sub / "racy.txt").write_text("子目录的正文。\n", encoding="utf-8")

    stop = threading.Event()
    errors: list[BaseException] = []

    def run(swap, *args):
        try:
            swap(*args, stop)
        except BaseException as e:  # a failing swapper would make the test pass for nothing
            errors.append(e)

    threads = [
        threading.Thread(target=run, args=(_swap_file, racy, outside / "secret.txt")),
        threading.Thread(target=run, args=(_swap_folder, sub, outside)),
    ]
    for t in threads:
        t.start()
    leaked, reasons = [], set()
    try:
        for _ in range(SCANS):
            files, skipped = scan(root)
            leaked += [f.relpath for f in files if SECRET in f.data]
            reasons |= {s.reason for s in skipped}
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert not errors
    assert leaked == []
    assert reasons <= {
        CHANGED,
        "vanished during the scan",
        "symlink outside folder",
        "broken symlink",
    }
