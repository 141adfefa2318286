"""What an archive's folder layout says about a page: paper, date, edition, page; one witness per page.

Recognised layouts (anywhere in the relative path, inside a zip too,
compressed or not):

* Chronicling America's OCR dumps: ``LCCN/YYYY/MM/DD/ed-N/seq-N/ocr.txt`` and
  ``ocr.xml``;
* its batches: ``LCCN/REEL/YYYYMMDDEE/NNNN.xml`` (``REEL`` is a reel number or
  ``print``; ``EE`` the edition, ``NNNN`` the page);
* flat names ``LCCN-ed-N_seq-N.txt``, dated by a ``YYYYMMDD`` folder above them.

An LCCN is a Library of Congress control number (``sn85058396``,
``2010218505``).  A page's witness name (its siglum in a variant group) is
``LCCN YYYY-MM-DD ed-N``.

The same page in two formats is one witness, not a variant of itself: files
with the same paper, date, edition and page, or else in the same folder with
the same name but for the extension and of different formats, keep the one in
the best format (:data:`PREFERENCE`: ALTO first) and the others are skipped
with a reason.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from dataclasses import replace

from tui.engine.model import Article, Skipped, Source, TextFile

_LCCN = r"(?P<paper>[a-z]{0,3}\d{8,10})"
_TAIL = r"(?:\.gz|\.bz2)?$"
_LAYOUTS = (
    re.compile(
        rf"(?:^|/){_LCCN}/(?P<y>\d{{4}})/(?P<m>\d\d)/(?P<d>\d\d)/ed-(?P<ed>\d+)/seq-(?P<seq>\d+)/ocr\.\w+{_TAIL}"
    ),
    re.compile(rf"(?:^|/){_LCCN}/[^/]+/(?P<y>\d{{4}})(?P<m>\d\d)(?P<d>\d\d)(?P<ed>\d\d)/(?P<seq>\d{{4}})\.xml{_TAIL}"),
    re.compile(
        rf"(?:^|/)(?:(?P<y>\d{{4}})(?P<m>\d\d)(?P<d>\d\d)/)?{_LCCN}-ed-(?P<ed>\d+)_seq-(?P<seq>\d+)\.\w+{_TAIL}"
    ),
)
PREFERENCE = ("alto", "page", "hocr", "html", "jsonl", "text")


def path_source(relpath: str) -> Source | None:
    """Paper, date, edition and page named by the path, or None when it follows no known layout."""
    for layout in _LAYOUTS:
        m = layout.search(relpath)
        if m:
            date = f"{m['y']}-{m['m']}-{m['d']}" if m["y"] else ""
            edition = f"ed-{int(m['ed'])}"
            witness = " ".join(x for x in (m["paper"], date, edition) if x)
            return Source(m["paper"], date, edition, f"seq-{int(m['seq'])}", witness=witness)
    return None


def merged(base: Source | None, extra: Source | None) -> Source | None:
    """``base`` with the fields ``extra`` knows filled in (the record's or page's own metadata wins)."""
    if base is None or extra is None:
        return extra or base
    fields = {k: getattr(extra, k) or getattr(base, k) for k in base.__dataclass_fields__}
    return Source(**fields)


def _page_key(tf: TextFile) -> tuple:
    src = tf.articles[0].source if tf.articles else None
    if src and src.page:
        return ("page", src.paper, src.date, src.edition, src.page)
    folder, name = posixpath.split(tf.relpath)
    return ("name", folder, name.split(".", 1)[0])


def one_witness_per_page(files: Sequence[TextFile]) -> tuple[list[TextFile], list[Skipped]]:
    """Files in order, each page once in its best format; the others skipped (see the module docstring)."""
    best: dict[tuple, TextFile] = {}
    for tf in files:
        key = _page_key(tf)
        held = best.get(key)
        if held is None or PREFERENCE.index(tf.format) < PREFERENCE.index(held.format):
            best[key] = tf
    kept, dropped = [], []
    for tf in files:
        winner = best[_page_key(tf)]
        if winner is tf or winner.format == tf.format:
            kept.append(tf)
        else:
            dropped.append(Skipped(tf.relpath, f"same page as {winner.relpath} ({winner.format} preferred)"))
    return kept, dropped


def with_sources(articles: Sequence[Article], sources: Sequence[Source | None]) -> tuple[Article, ...]:
    """The articles, each carrying its source (None leaves an article as it is)."""
    return tuple(a if s is None else replace(a, source=s) for a, s in zip(articles, sources))
