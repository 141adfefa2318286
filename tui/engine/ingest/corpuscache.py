"""A folder's segmented files, saved so that an unchanged folder loads without segmenting again.

Segmenting is most of the time of loading a large folder (19 MB: 1.4 s), and
``newsread variants`` on an unchanged folder should answer at once.  The
saved files live in the user cache dir beside the groups
(:func:`.caches.cache_dir`), one pickle per folder, keyed by the folder's
:func:`.scan.stamps` (every candidate's path, size, times, mode and inode, or
its refusal) and the source of the modules that decode and segment (so a new
segmenter misses).  An unchanged folder is only listed and stat'ed, not
read; anything wrong with the saved copy (missing, damaged, another key)
means a normal :func:`.corpus.load`.

The cache is written and read only by this user's own newsread, in their own
cache dir; pickle is what makes reading 10,000 articles back take 0.3 s.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from tui.engine import model, quietgc
from tui.engine.caches import source_fingerprint
from tui.engine.ingest import decode, english, formats, layout, lexicon, lines, paragraphs, reflow, segment
from tui.engine.ingest.load import Corpus, build, folder_root
from tui.engine.ingest.scan import DEFAULT_MAX_BYTES, scan, stamps
from tui.locations import cache_dir

FORMAT = 2  # the key, then the corpus, as two pickles in one file


def _code_fingerprint() -> bytes:
    modules = (decode, english, layout, lexicon, lines, model, paragraphs, reflow, segment)
    return source_fingerprint(modules) + formats.fingerprint()


def _path(root: Path) -> Path:
    name = hashlib.sha256(str(root).encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return cache_dir() / "corpus" / f"{name}.pickle"


def _key(folder_stamps: list[tuple], max_bytes: int) -> str:
    h = hashlib.sha256(f"{FORMAT}\0{max_bytes}\0".encode())
    h.update(_code_fingerprint())
    h.update(repr(folder_stamps).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _read(path: Path, key: str):
    """The saved (files, refusals) for ``key``; the key is read first, so a stale copy costs no unpickling."""
    try:
        with open(path, "rb") as fh:
            if pickle.load(fh) != key:
                return None
            with quietgc.held():  # unpickling builds ~10 objects per paragraph, none cyclic
                return pickle.load(fh)
    except Exception:  # any damage at all: a miss, never a crash
        return None


def _write(path: Path, key: str, corpus: Corpus) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(key, fh, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump((corpus.files, corpus.skipped), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)


def load_cached(folder: str | os.PathLike | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Corpus:
    """Like :func:`.corpus.load` (same errors), reusing the saved segmentation when nothing changed."""
    root = folder_root(folder)
    key = _key(stamps(root), max_bytes)
    path = _path(root.resolve())
    saved = _read(path, key)
    if saved is not None:
        files, refused = saved
        return Corpus(root=root.resolve(), files=files, skipped=refused)
    corpus = build(root, *scan(root, max_bytes))
    _write(path, key, corpus)
    return corpus
