"""A first look at a big folder: its first files read and segmented, the others only named.

The reader shows this while the whole folder is read (from the store, or
read and segmented when it is new), so that the first screen of 100,000
articles does not wait for all of them.  The files are read directly, not
from the store: a few files take milliseconds either way.  Their segmentation
uses their own words only (a hard-wrapped page's cut words rejoin by the
folder's spelling, which this look does not have), so an article may differ
slightly from the whole reading that replaces it.
"""

from __future__ import annotations

import os

from tui.engine.ingest.load import Corpus, build, folder_root
from tui.engine.ingest.scan import DEFAULT_MAX_BYTES, RawFile, natural_key, read_candidate, walk
from tui.engine.model import Skipped, TextFile


def glance(
    folder: str | os.PathLike, count: int, also: str | None = None
) -> tuple[Corpus, list[TextFile | str]] | None:
    """``folder``'s first ``count`` files (and the file ``also``) read, with the listing in natural order:
    the texts read, and the paths of the other files, not read.

    None for a folder of fewer than ten times ``count`` files: reading it all
    is about as quick.  FolderError if it is not there.
    """
    root = folder_root(folder).resolve()
    found = sorted((item for item in walk(root) if not isinstance(item, Skipped)), key=lambda i: natural_key(i[0]))
    if len(found) < 10 * count:
        return None
    read, listing = [], []
    for n, item in enumerate(found):
        if n < count or item[0] == also:
            read.append(len(listing))
        listing.append(item)
    raws, refused = [], []
    for n in read:
        raw = read_candidate(root, *listing[n], DEFAULT_MAX_BYTES)
        (raws if isinstance(raw, RawFile) else refused).append(raw)
    corpus = build(root, raws, refused)
    texts = sorted(corpus.files, key=lambda f: natural_key(f.relpath))
    chosen = set(read)
    named = [item[0] for n, item in enumerate(listing) if n not in chosen]
    return corpus, _merged(texts, named)


def _merged(texts: list[TextFile], named: list[str]) -> list[TextFile | str]:
    """Two lists in natural order merged into one (the few texts placed among the many names)."""
    out: list[TextFile | str] = []
    i = 0
    for text in texts:
        key = natural_key(text.relpath)
        while i < len(named) and natural_key(named[i]) < key:
            out.append(named[i])
            i += 1
        out.append(text)
    return out + named[i:]
