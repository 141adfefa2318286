"""The variant groups of a folder (:func:`find_groups`), saved so that an unchanged folder is grouped at once.

One JSON file per folder in the user cache dir (``NEWSREAD_CACHE_DIR``
overrides platformdirs' ``user_cache_dir("newsread")``).  The key covers every
file's path, size and mtime, every article's id and extent, and the source of
the grouping modules, so any change to the folder, the segmentation or the
grouping code misses.  A
cache that cannot be read, parsed or matched to the corpus is ignored (and
overwritten by the next save); a cache that cannot be written is skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from tui.engine import excerpt, quietgc
from tui.engine.caches import source_fingerprint
from tui.engine.ingest.load import Corpus
from tui.engine.variants import central, clusters, grouping, overlap, passages, scores, shingles, sigla, spans
from tui.locations import cache_dir

FORMAT = 2


def find_groups(
    corpus: Corpus, *, progress: grouping.Progress | None = None, cache: bool = True
) -> list[grouping.Group]:
    """The corpus's variant groups with two or more files.

    ``progress(done, total)`` is called from the calling (worker) thread, once
    per phase step: first over the articles (shingling), then over the
    candidate pairs (verification).  With ``cache``, a result saved for the
    same files (path, size and mtime) is reused.
    """
    with quietgc.held():  # millions of small containers, none cyclic: collections only cost time
        if cache:
            hit = load_groups(corpus)
            if hit is not None:
                if progress:
                    progress(1, 1)
                return hit
        groups = grouping.group_items(grouping.prepare(corpus.articles, progress), progress)
        if cache:
            save_groups(corpus, groups)
        return groups


def cache_path(corpus: Corpus) -> Path:
    name = hashlib.sha256(str(corpus.root).encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return cache_dir() / "groups" / f"{name}.json"


def corpus_key(corpus: Corpus) -> str:
    h = hashlib.sha256(f"{FORMAT}\0".encode())
    h.update(
        source_fingerprint((grouping, central, clusters, excerpt, overlap, passages, scores, shingles, sigla, spans))
    )
    for f in corpus.files:
        h.update(f"{f.relpath}\0{f.size}\0{f.mtime_ns}\0".encode("utf-8", "surrogatepass"))
        for a in f.articles:
            h.update(f"{a.index}:{a.start}:{a.end};".encode())
    return h.hexdigest()


def _record(g: grouping.Group) -> dict:
    return {
        "id": g.id,
        "base": g.base,
        "witnesses": [{"siglum": w.siglum, "file": w.file} for w in g.witnesses],
        "members": [
            {
                "id": m.article_id,
                "siglum": m.siglum,
                "similarity": m.similarity,
                "coverage": m.coverage,
                "span": list(m.span) if m.span else None,
            }
            for m in g.members
        ],
    }


def _group(rec: dict, corpus: Corpus) -> grouping.Group:
    """Rebuild a group from its record; KeyError/TypeError/ValueError when it does not fit."""
    members, shown = [], {}
    for m in rec["members"]:
        a = corpus.article(m["id"])
        if a is None:
            raise KeyError(m["id"])
        span = None
        if m["span"] is not None:
            s, e = (int(x) for x in m["span"])
            if not 0 <= s < e <= len(a.text):
                raise ValueError(m["span"])
            span = (s, e)
        shown.setdefault(a.file, []).append(a if span is None else excerpt.excerpt(a, *span))
        members.append(
            grouping.Member(a.id, a.file, a.title, str(m["siglum"]), float(m["similarity"]), float(m["coverage"]), span)
        )
    witnesses = tuple(
        grouping.Witness(str(w["siglum"]), str(w["file"]), tuple(shown[w["file"]])) for w in rec["witnesses"]
    )
    return grouping.Group(str(rec["id"]), str(rec["base"]), tuple(members), witnesses)


def load_groups(corpus: Corpus) -> list[grouping.Group] | None:
    """The saved groups of ``corpus``, or None on a miss or any damage."""
    try:
        data = json.loads(cache_path(corpus).read_text(encoding="utf-8"))
        if data.get("key") != corpus_key(corpus):
            return None
        return [_group(rec, corpus) for rec in data["groups"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def save_groups(corpus: Corpus, groups: list[grouping.Group]) -> bool:
    """Write atomically (temp file + rename); False when the cache dir is not writable.

    ASCII JSON: a file name that is not UTF-8 holds lone surrogates, which only an
    escape (``\\udcff``) carries through a UTF-8 file and back.
    """
    path = cache_path(corpus)
    text = json.dumps({"key": corpus_key(corpus), "groups": [_record(g) for g in groups]})
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except OSError:
        return False
    try:
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(text)
        os.replace(tmp, path)
        return True
    except OSError:
        return False
    finally:
        Path(tmp).unlink(missing_ok=True)  # gone already once renamed; a failed write leaves no litter
