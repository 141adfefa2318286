"""A folder loaded: its text files, their articles, and what was skipped.

This is what the CLI and the reader hold.  ``load`` reads, decodes and
segments; it never raises for a bad file (that file becomes a ``Skipped``),
only for a folder that is not there.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from tui.engine import quietgc
from tui.engine.ingest import lexicon
from tui.engine.ingest.formats import Doc, archive, dispatch
from tui.engine.ingest.layout import merged, one_witness_per_page, path_source, with_sources
from tui.engine.ingest.reflow import folder_lexicon
from tui.engine.ingest.scan import DEFAULT_MAX_BYTES, RawFile, is_binary, is_candidate, natural_key, scan
from tui.engine.ingest.segment import segment
from tui.engine.model import Article, Skipped, TextFile, bind
from tui.locations import bundled_seeds


class FolderError(Exception):
    """The folder cannot be opened at all."""


@dataclass
class Corpus:
    root: Path
    files: list[TextFile]
    skipped: list[Skipped]
    _by_id: dict[str, Article] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {a.id: a for f in self.files for a in f.articles}

    @property
    def articles(self) -> list[Article]:
        return [a for f in self.files for a in f.articles]

    def article(self, article_id: str) -> Article | None:
        return self._by_id.get(article_id)

    def file(self, relpath: str) -> TextFile | None:
        return next((f for f in self.files if f.relpath == relpath), None)


# The texts of the files a build has already read (to count the folder's words), by path.
_READ: ContextVar[dict[str, list[tuple[str, Doc] | Skipped]] | None] = ContextVar("read_docs", default=None)


def read_docs(raw: RawFile) -> list[tuple[str, Doc] | Skipped]:
    """Read and decode one scanned file: (member path, text) for each text it holds (an archive's
    members, a JSON lines file's series), and the refusals among them."""
    out: list[tuple[str, Doc] | Skipped] = []
    for member in archive.expand(raw.relpath, raw.data, raw.max_bytes, is_candidate):
        if isinstance(member, Skipped):
            out.append(member)
        elif is_binary(member.data):
            out.append(Skipped(member.relpath, "binary"))
        else:
            docs = dispatch.read(member.data)
            if isinstance(docs, str):
                out.append(Skipped(member.relpath, docs))
            else:
                out.extend((member.relpath, doc) for doc in docs)
    return out


def read_file(raw: RawFile) -> list[TextFile | Skipped]:
    """Read, decode and segment one scanned file: the texts it holds and the refusals among them."""
    known = _READ.get()
    got = known.pop(raw.relpath, None) if known is not None else None
    return segmented(raw, got if got is not None else read_docs(raw))


def segmented(raw: RawFile, docs: list[tuple[str, Doc] | Skipped]) -> list[TextFile | Skipped]:
    """The texts :func:`read_docs` found in ``raw``, segmented (under the lexicon in place); refusals kept."""
    return [item if isinstance(item, Skipped) else _text_file(raw, *item) for item in docs]


def _text_file(raw: RawFile, relpath: str, doc: Doc) -> TextFile | Skipped:
    if doc.name:
        relpath = f"{relpath}/{doc.name}"
    if not doc.text.strip():
        return Skipped(relpath, "empty" if doc.format == "text" else f"empty: no text in this {doc.format} file")
    articles = segment(doc.text, relpath, cues=dict(doc.cues), starts=doc.starts)
    layout = path_source(raw.path + relpath[len(raw.relpath) :])  # the whole path: a dated folder may be the root
    if doc.starts:
        extra = doc.sources or (None,) * len(articles)
        articles = with_sources(articles, [merged(layout, s) for s in extra])
    elif layout is not None:
        articles = with_sources(articles, [layout] * len(articles))
    bind(tuple(articles), doc.text)
    return TextFile(
        relpath=relpath,
        path=raw.path,
        size=raw.size,
        mtime_ns=raw.mtime_ns,
        encoding=doc.encoding,
        text=doc.text,
        warning=doc.warning,
        articles=tuple(articles),
        format=doc.format,
        stamp=raw.stamp,
    )


def folder_root(folder: str | os.PathLike | None) -> Path:
    """``folder`` as a Path (default: the bundled seeds); FolderError if it is no folder."""
    root = Path(folder) if folder is not None else bundled_seeds()
    if not root.is_dir():
        raise FolderError(f"not a folder: {root}" if root.exists() else f"no such folder: {root}")
    try:
        with os.scandir(root):
            pass
    except OSError as e:
        raise FolderError(f"cannot read folder {root}: {e.strerror}") from None
    return root


def build(
    root: Path,
    raws: list[RawFile],
    skipped: list[Skipped],
    progress: Callable[[int, int], None] | None = None,
) -> Corpus:
    """Decode and segment scanned files into a corpus (no collector pass over it while it grows).

    Every file is read first: the words of the folder's hard-wrapped pages
    (:func:`.reflow.folder_lexicon`) decide how each page's cut words rejoin.
    Each page is kept once, in its best format (:func:`.layout.one_witness_per_page`).
    """
    skipped = list(skipped)
    files: list[TextFile] = []
    with quietgc.held():
        read = {raw.relpath: read_docs(raw) for raw in raws}
        texts = (item[1].text for items in read.values() for item in items if not isinstance(item, Skipped))
        token = _READ.set(read)
        try:
            with lexicon.using(folder_lexicon(texts)):
                for n, raw in enumerate(raws, 1):
                    for got in read_file(raw):
                        (skipped if isinstance(got, Skipped) else files).append(got)
                    if progress:
                        progress(n, len(raws))
        finally:
            _READ.reset(token)
    return assemble(root, files, skipped)


def assemble(root: Path, files: list[TextFile], skipped: list[Skipped]) -> Corpus:
    """The corpus of the texts read from a folder (each page once), the refusals in natural order."""
    files, same = one_witness_per_page(files)
    return Corpus(root.resolve(), files, sorted([*skipped, *same], key=lambda s: natural_key(s.relpath)))


def load(
    folder: str | os.PathLike | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Callable[[int, int], None] | None = None,
) -> Corpus:
    """Load ``folder`` (default: the bundled seeds)."""
    root = folder_root(folder)
    raws, skipped = scan(root, max_bytes)
    return build(root, raws, skipped, progress)
