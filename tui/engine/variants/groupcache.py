"""The variant groups of a folder (:func:`find_groups`), saved so that an unchanged folder is grouped at once.

One row per folder in the cache store (:mod:`tui.engine.caches`), as JSON.
The key covers every file's path and stamp (size, times, mode, inode,
device: the stamps the saved segmentation is keyed by, so an edit that keeps
size and mtime misses too), every article's id and extent, and the source of
the segmenting and grouping code, so any change to the folder, the
segmentation or the grouping code misses.  A row that cannot be parsed or
matched to the corpus is ignored (and replaced by the next save); a store
that cannot be used is skipped.
"""

from __future__ import annotations

import hashlib
import json

from tui.engine import caches, excerpt, quietgc
from tui.engine.caches import source_fingerprint
from tui.engine.ingest import corpuscache
from tui.engine.ingest.load import Corpus
from tui.engine.variants import central, clusters, grouping, overlap, passages, scores, shingles, sigla, spans

FORMAT = 2


def find_groups(
    corpus: Corpus, *, progress: grouping.Progress | None = None, cache: bool = True
) -> list[grouping.Group]:
    """The corpus's variant groups with two or more files.

    ``progress(done, total)`` is called from the calling (worker) thread, once
    per phase step: first over the articles (shingling), then over the
    candidate pairs (verification).  With ``cache``, a result saved for the
    same files (path and stamp) is reused.
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


def corpus_key(corpus: Corpus) -> str:
    """What the groups of ``corpus`` depend on: its files' paths and stamps, its articles' extents, the code."""
    h = hashlib.sha256(f"{FORMAT}\0".encode())
    h.update(
        source_fingerprint((grouping, central, clusters, excerpt, overlap, passages, scores, shingles, sigla, spans))
    )
    h.update(corpuscache.code_fingerprint())
    for f in corpus.files:
        # a corpus built without stamps (by hand) is keyed by its text
        stamp = f.stamp or hashlib.sha256(f.text.encode("utf-8", "surrogatepass")).hexdigest()
        h.update(f"{f.relpath}\0{f.path}\0{stamp}\0".encode("utf-8", "surrogatepass"))
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
    with caches.folder(corpus.root) as store:
        row = store.groups() if store else None
    if row is None:
        return None
    try:
        key, data = row
        if key != corpus_key(corpus):
            return None
        return [_group(rec, corpus) for rec in json.loads(data)]
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None


def save_groups(corpus: Corpus, groups: list[grouping.Group]) -> None:
    """Save the groups of ``corpus`` (nothing happens when the store cannot be used)."""
    data = json.dumps([_record(g) for g in groups], separators=(",", ":")).encode("ascii")
    with caches.folder(corpus.root) as store:
        if store:
            store.put_groups(corpus_key(corpus), data)
