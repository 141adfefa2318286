"""passim's clusters as newsread's groups, so diff, collate and the reader work on them unchanged.

passim writes ``out.json/part-*`` files of JSON lines, one line per reused
passage: ``cluster``, ``id`` (the document, here an article reference as
:mod:`tui.engine.export.passim` wrote it), ``begin`` and ``end`` (the
passage's offsets into the document's text) and more.  A cluster becomes a
group of its articles: witnesses by file, sigla and the base witness chosen
as newsread's own grouping chooses them (:func:`grouping.whole_articles_group`).
Articles a cluster names that the folder does not hold are counted and
skipped; a cluster left with fewer than two files is no group.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tui.engine.ingest.load import Corpus
from tui.engine.variants.grouping import Group, whole_articles_group


class ClusterError(Exception):
    """The path holds no passim output that can be read."""


@dataclass(frozen=True)
class Passage:
    cluster: str
    id: str
    begin: int
    end: int


def cluster_files(path: Path) -> list[Path]:
    """passim's output files: a file itself, ``DIR/out.json/part-*`` or ``DIR/part-*`` (``.json``, ``.jsonl``)."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise ClusterError(f"no such file or folder: {path}")
    folder = path / "out.json" if (path / "out.json").is_dir() else path
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.name.startswith("part-"))
    files = files or sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in (".json", ".jsonl"))
    if not files:
        raise ClusterError(f"{path}: no passim output (out.json/part-* files)")
    return files


def passages(lines: Iterable[str]) -> Iterator[Passage]:
    """The passages of passim's JSON lines; a line without ``cluster`` and ``id`` is passed over."""
    for line in lines:
        try:
            rec = json.loads(line)
        except ValueError:
            continue
        if not isinstance(rec, dict) or "cluster" not in rec or not isinstance(rec.get("id"), str):
            continue
        begin, end = rec.get("begin", 0), rec.get("end", 0)
        yield Passage(
            str(rec["cluster"]), rec["id"], begin if isinstance(begin, int) else 0, end if isinstance(end, int) else 0
        )


def read_clusters(path: Path) -> dict[str, list[Passage]]:
    """Cluster -> its passages, in file order."""
    out: dict[str, list[Passage]] = defaultdict(list)
    for file in cluster_files(path):
        try:
            with open(file, encoding="utf-8", errors="surrogateescape") as f:
                for p in passages(f):
                    out[p.cluster].append(p)
        except OSError as e:
            raise ClusterError(f"cannot read {file}: {e.strerror or e}") from None
    return dict(out)


def groups_from_clusters(corpus: Corpus, clusters: dict[str, list[Passage]]) -> tuple[list[Group], list[str]]:
    """newsread groups of passim's clusters, and the article ids the folder does not hold."""
    known = {a.id: a for a in corpus.articles}
    missing = sorted({p.id for ps in clusters.values() for p in ps if p.id not in known})
    groups = []
    for cluster, ps in clusters.items():
        articles = list(dict.fromkeys(known[p.id] for p in ps if p.id in known))
        if len({a.file for a in articles}) >= 2:
            groups.append(whole_articles_group(f"p{cluster}", articles))
    return groups, missing
