"""References to articles: ``FILE#N``, ``FILE#N-M``, ``FILE#N@S-E`` and ``FILE``.

FILE is a path relative to the folder, an absolute path inside it, or any
unique prefix of a file name (``001#1``).  A resolved reference is a list of
articles of one file, in order; ``FILE#N-M`` is read as one text (a story the
page layout split in two); ``FILE#N@S-E`` is the passage of article N from
character S to E of its shown text (paragraphs joined by blank lines), as
``newsread variants`` names a passage two articles share.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from tui.engine.excerpt import excerpt
from tui.engine.ingest.load import Corpus
from tui.engine.model import Article, TextFile

_REF = re.compile(r"^(?P<file>.+?)(?:#(?P<n>\d{1,9})(?:-(?P<m>\d{1,9})|@(?P<s>\d{1,9})-(?P<e>\d{1,9}))?)?$")


AMBIGUOUS_SHOWN = 10  # files named in the error for an ambiguous prefix (20,000 made a 154 KB line)


class RefError(ValueError):
    """A reference that names nothing, or more than one thing."""


@dataclass(frozen=True)
class Resolved:
    ref: str  # canonical: relpath, relpath#N or relpath#N-M
    file: TextFile
    articles: tuple[Article, ...]


def find_file(corpus: Corpus, name: str) -> TextFile:
    """The file named by a relative path, an absolute path or a unique name prefix."""
    by_rel = {f.relpath: f for f in corpus.files}
    if not os.path.isabs(name):
        name = posixpath.normpath(name.replace(os.sep, "/"))  # "./a.txt", "sub//a.txt"
    if name in by_rel:
        return by_rel[name]
    if os.path.isabs(name):
        try:
            rel = Path(name).resolve().relative_to(corpus.root).as_posix()
        except ValueError:
            raise RefError(f"{name}: not inside {corpus.root}") from None
        if rel in by_rel:
            return by_rel[rel]
        raise RefError(f"{name}: no such text file in the folder")
    hits = [f for f in corpus.files if f.relpath.startswith(name) or f.relpath.rsplit("/", 1)[-1].startswith(name)]
    if len(hits) == 1:
        return hits[0]
    if not hits:
        skipped = [s for s in corpus.skipped if s.relpath.startswith(name)]
        if skipped:
            raise RefError(f"{name}: {skipped[0].relpath} was skipped ({skipped[0].reason})")
        raise RefError(f"{name}: no file matches")
    raise RefError(f"{name}: ambiguous, matches {len(hits)} files: {first_few([f.relpath for f in hits])}")


def first_few(names: list[str]) -> str:
    """The first names of an ambiguous match and a count of the rest: the message stays one short line."""
    more = f" and {len(names) - AMBIGUOUS_SHOWN} more" if len(names) > AMBIGUOUS_SHOWN else ""
    return ", ".join(names[:AMBIGUOUS_SHOWN]) + more


def resolve(corpus: Corpus, ref: str) -> Resolved:
    m = _REF.match(ref.strip())
    if not m:
        raise RefError(f"{ref!r}: not a reference (FILE, FILE#N, FILE#N-M or FILE#N@S-E)")
    tf = find_file(corpus, m.group("file"))
    if m.group("n") is None:
        return Resolved(tf.relpath, tf, tf.articles)
    n = int(m.group("n"))
    last = int(m.group("m") or n)
    count = len(tf.articles)
    if not (1 <= n <= last <= count):
        raise RefError(f"{ref}: {tf.relpath} has articles 1-{count}")
    if m.group("s") is not None:
        article, s, e = tf.articles[n - 1], int(m.group("s")), int(m.group("e"))
        if not 0 <= s < e <= len(article.text):
            raise RefError(f"{ref}: article {n} of {tf.relpath} has characters 0-{len(article.text)}")
        return Resolved(f"{tf.relpath}#{n}@{s}-{e}", tf, (excerpt(article, s, e),))
    suffix = f"#{n}" if last == n else f"#{n}-{last}"
    return Resolved(tf.relpath + suffix, tf, tf.articles[n - 1 : last])
