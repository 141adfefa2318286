"""A folder's trigram index: an SQLite FTS5 table beside the store, kept as a cache.

One database per folder in ``<cache dir>/search/``.  Each article's text,
folded (:mod:`.fold`), goes into a contentless FTS5 table with the
``trigram`` tokenizer (every three characters: Chinese and English alike);
the index answers which articles hold every trigram of a piece of the
query, and :mod:`.spans` checks those candidates against the text itself.
Contentless and without positions (``detail=none``), the index is about 8
bytes a character, and the text is not kept twice.

Each file has a slot, the high bits of its articles' rowids, kept with its
stamp and a digest of its articles' text: a changed file gets a new slot and
costs only itself, and a vanished file's slot is dropped.  Its rows stay in
the FTS table until a rebuild (a contentless table cannot delete them without
the old text); a candidate of a dropped slot is ignored, and once the dead
rows outnumber the live ones the index is built again.

A cache: the directory and the database must be the user's own and not
writable by group or others; a database that is damaged, of another schema,
another folder or another segmenter is deleted and built again.  The
indexes are capped with the store (``NEWSREAD_CACHE_MAX_BYTES``): after a
write the least recently used indexes of other folders are deleted until the
rest fit, and an index that alone would not fit is not built.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import sqlite3
import stat
import threading
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path

from tui.engine import caches, quietgc
from tui.engine.ingest.corpuscache import code_fingerprint
from tui.engine.ingest.load import Corpus
from tui.engine.model import TextFile
from tui.engine.search import fold
from tui.locations import cache_dir

SCHEMA = 1
SLOT_BITS = 24  # an article's rowid: its file's slot above, its index (1-based) below
MAX_INDEX = (1 << SLOT_BITS) - 1
BYTES_PER_CHAR = 8  # what a character of text costs in the index (7.6 measured on 100k synthetic articles)
BATCH_CHARS = 20_000_000  # text written per transaction: an interrupted build keeps what it wrote
OPTIMIZE_AFTER = 2_000  # articles added in one sync past which the index is merged into one segment
_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE files (slot INTEGER PRIMARY KEY, relpath BLOB UNIQUE NOT NULL, stamp TEXT NOT NULL,
                    digest INTEGER NOT NULL, articles INTEGER NOT NULL);
CREATE VIRTUAL TABLE fts USING fts5(text, content='', detail=none, tokenize='trigram case_sensitive 1');
"""


class Unavailable(Exception):
    """The index cannot be used (the reason is the message); search falls back to reading the texts."""


def index_dir() -> Path:
    return cache_dir() / "search"


def fingerprint() -> bytes:
    """What decides an index's content: the segmenter's code and the fold's."""
    return code_fingerprint() + caches.source_fingerprint([fold])


def digest(f: TextFile) -> int:
    """A checksum of a file's articles as they read (their segmentation may change with the folder's lexicon)."""
    crc = zlib.crc32(str(len(f.articles)).encode())
    for a in f.articles:
        crc = zlib.crc32(a.text.encode("utf-8", "surrogatepass") + b"\0", crc)
    return crc


def _stamp(f: TextFile) -> str:
    """The file's path and stamp as saved (repr escapes a lone surrogate: 40x faster than JSON)."""
    return repr((f.path, f.stamp))


def _key(relpath: str) -> bytes:
    return relpath.encode("utf-8", "surrogatepass")


class Index:
    """The index of one folder, synced with a loaded corpus (:meth:`sync`), then asked for candidates.

    Safe to share between threads (one lock); no method raises sqlite3.Error:
    a failure is an :class:`Unavailable`, and a damaged database is deleted.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()
        name = hashlib.sha256(_key(str(self.root))).hexdigest()[:24]
        self.path = index_dir() / f"{name}.sqlite3"
        self.lock = threading.Lock()
        self.db: sqlite3.Connection | None = None
        self.files: dict[int, tuple[int, TextFile]] = {}  # slot -> (position in the folder, file)
        self.in_order = True  # slots rise with the files' positions: rowid order is folder order
        self.order: dict[str, int] = {}  # relpath -> position in the folder

    # -- opening ---------------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        if self.db is not None:
            return self.db
        problem = caches.cache_problem() or _private_dir(index_dir())
        if problem:
            raise Unavailable(problem)
        for _ in range(2):  # again after deleting a database that is not this one's
            try:
                _create(self.path)
                if problem := _private_file(self.path):
                    raise Unavailable(problem)
                db = sqlite3.connect(self.path, timeout=caches.TIMEOUT, isolation_level=None, check_same_thread=False)
            except (OSError, sqlite3.Error) as e:
                raise Unavailable(f"search index not used: {self.path}: {e}") from None
            try:
                if self._init(db):
                    os.utime(self.path)  # most recently used
                    self.db = db
                    return db
            except sqlite3.Error:
                pass
            db.close()
            self.discard()
        raise Unavailable(f"search index not used: {self.path} cannot be made")

    def _init(self, db: sqlite3.Connection) -> bool:
        """True when ``db`` is this folder's index of this code (made so when empty); False when not."""
        if db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA:
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
            return meta.get("root") == _key(str(self.root)) and meta.get("code") == fingerprint()
        if db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]:
            return False
        db.execute("PRAGMA auto_vacuum = INCREMENTAL")  # so that the pages a merge frees can be given back
        db.execute("BEGIN IMMEDIATE")
        for statement in _TABLES.split(";"):
            if statement.strip():
                db.execute(statement)
        db.executemany(
            "INSERT INTO meta VALUES (?, ?)", [("root", _key(str(self.root))), ("code", fingerprint()), ("dead", 0)]
        )
        db.execute(f"PRAGMA user_version = {SCHEMA}")
        db.execute("COMMIT")
        return True

    def close(self) -> None:
        with self.lock:
            if self.db is not None:
                self.db.close()
                self.db = None

    def discard(self) -> None:
        """Delete the database (it is a cache): the next :meth:`sync` builds it again."""
        if self.db is not None:
            self.db.close()
            self.db = None
        self.files = {}
        for p in (self.path, self.path.with_name(self.path.name + "-journal")):
            try:
                p.unlink()
            except OSError:
                pass

    # -- keeping up with the folder --------------------------------------------------------------

    def sync(self, corpus: Corpus, progress: Callable[[int, int], None] | None = None) -> None:
        """Bring the index up to ``corpus``: index the files that changed or are new, drop the gone ones.

        Unavailable when it cannot (not safe, too big for the cache cap, damaged twice).  ``progress(n, total)``
        is called after each file indexed; what it raises stops the sync, keeping the batches written.
        """
        with self.lock, quietgc.held():  # a build makes millions of short-lived rows beside a big corpus
            for attempt in range(2):
                try:
                    self._sync(corpus, progress)
                    break
                except sqlite3.Error as e:
                    self.discard()
                    if attempt:
                        raise Unavailable(f"search index not used: {e}") from None
                except BaseException:  # Unavailable, or stopped by ``progress``: nothing half-written
                    self.files = {}
                    if self.db is not None and self.db.in_transaction:
                        self.db.execute("ROLLBACK")
                    raise
            _evict(self.path, caches.max_bytes())

    def _sync(self, corpus: Corpus, progress: Callable[[int, int], None] | None) -> None:
        db = self._open()
        saved = {
            bytes(rel): (slot, stamp, dig, n)
            for slot, rel, stamp, dig, n in db.execute("SELECT slot, relpath, stamp, digest, articles FROM files")
        }
        current = {_key(f.relpath): (pos, f) for pos, f in enumerate(corpus.files)}
        stamps = {k: _stamp(f) for k, (_, f) in current.items()}
        # Nothing changed: every text is as it was indexed (no digest needed).
        same = saved.keys() == current.keys() and all(saved[k][1] == stamp for k, stamp in stamps.items())
        keep, todo = {}, []
        for k, (pos, f) in current.items():
            row = saved.get(k)
            if row and row[1] == stamps[k] and (same or row[2] == digest(f)):
                keep[row[0]] = (pos, f)
            else:
                todo.append((pos, f))
        gone = [(row[0], row[3]) for k, row in saved.items() if row[0] not in keep]
        dead = int(db.execute("SELECT value FROM meta WHERE key = 'dead'").fetchone()[0]) + sum(n for _, n in gone)
        live = sum(len(f.articles) for _, f in keep.values())
        if dead > max(live, 1000):  # mostly dead rows: start afresh
            self.discard()
            db, keep, todo, dead = self._open(), {}, sorted(current.values(), key=lambda pf: pf[0]), 0
            gone = []
        self._fits(sum(len(a.text) for _, f in todo for a in f.articles))
        self.files = keep
        self._write(db, todo, gone, dead, progress)
        positions = [pos for _, (pos, _) in sorted(self.files.items())]
        self.in_order = all(a < b for a, b in itertools.pairwise(positions))
        self.order = {f.relpath: pos for pos, f in self.files.values()}

    def _fits(self, chars: int) -> None:
        """Unavailable when the index with ``chars`` more characters would not fit the cache cap."""
        size = _size(self.path) + chars * BYTES_PER_CHAR
        cap = caches.max_bytes()
        if size > cap:
            self.discard()
            raise Unavailable(
                f"search index not built: it would take about {size >> 20} MB, over the cache cap of {cap >> 20} MB"
                f" ({caches.MAX_BYTES_ENV})"
            )

    def _write(self, db, todo: list[tuple[int, TextFile]], gone: list[tuple[int, int]], dead: int, progress) -> None:
        """Drop the slots ``gone``, index the files ``todo``, a batch per transaction; merge after a bulk write.

        A bulk write turns automatic merging off (twice as fast) and merges once at the end; an interrupted
        one leaves ``merged`` at 0, so that the sync that finishes it merges.
        """
        if not todo and not gone:
            return
        slot = db.execute("SELECT COALESCE(MAX(slot), 0) + 1 FROM files").fetchone()[0]
        bulk = sum(len(f.articles) for _, f in todo) > OPTIMIZE_AFTER
        db.execute("BEGIN IMMEDIATE")
        db.executemany("DELETE FROM files WHERE slot = ?", [(s,) for s, _ in gone])  # changed or vanished
        db.execute("UPDATE meta SET value = ? WHERE key = 'dead'", (dead,))
        if bulk:
            db.execute("INSERT OR REPLACE INTO meta VALUES ('merged', 0)")
            db.execute("INSERT INTO fts(fts, rank) VALUES ('automerge', 0)")
        chars = 0
        for n, (pos, f) in enumerate(todo, 1):
            rows = [((slot << SLOT_BITS) | a.index, fold.folded(a.text)) for a in f.articles if a.index <= MAX_INDEX]
            db.executemany("INSERT INTO fts(rowid, text) VALUES (?, ?)", rows)
            db.execute(
                "INSERT INTO files VALUES (?, ?, ?, ?, ?)", (slot, _key(f.relpath), _stamp(f), digest(f), len(rows))
            )
            self.files[slot] = (pos, f)
            slot += 1
            chars += sum(len(text) for _, text in rows)
            if chars > BATCH_CHARS:
                db.execute("COMMIT")
                db.execute("BEGIN IMMEDIATE")
                chars = 0
            if progress:
                progress(n, len(todo))  # may raise to stop: what was committed stays
        db.execute("COMMIT")
        if db.execute("SELECT value FROM meta WHERE key = 'merged'").fetchone() == (0,):
            db.execute("INSERT INTO fts(fts) VALUES ('optimize')")
            db.execute("INSERT INTO fts(fts, rank) VALUES ('automerge', 4)")
            db.execute("UPDATE meta SET value = 1 WHERE key = 'merged'")
            db.executescript("PRAGMA incremental_vacuum")  # the pages of the merged segments (a third)

    # -- asking ----------------------------------------------------------------------------------

    def candidates(
        self, conditions: Iterable[Iterable[Iterable[str]]], after: int = 0, limit: int = -1
    ) -> tuple[list[tuple[TextFile, int]], int, bool]:
        """The articles that meet every condition, rowids past ``after``, at most ``limit`` (-1: all) looked at:
        ((file, article index) of each, in rowid order; the last rowid looked at; whether that was all).

        A condition is met by an article holding every trigram of every piece of at least one of its
        alternatives; each piece is folded and at least three characters long.  Rowid order is folder order
        while :attr:`in_order`; after a file changed, its articles come last.
        """
        expr = " AND ".join(
            "(" + " OR ".join("(" + " AND ".join(map(_all_trigrams, pieces)) + ")" for pieces in alternatives) + ")"
            for alternatives in conditions
        )
        query = "SELECT rowid FROM fts WHERE fts MATCH ? AND rowid > ? ORDER BY rowid LIMIT ?"
        with self.lock:
            if self.db is None or not self.files:
                raise Unavailable("search index not ready")
            try:
                rowids = [r for (r,) in self.db.execute(query, (expr, after, limit))]
            except sqlite3.Error as e:
                self.discard()
                raise Unavailable(f"search index not used: {e}") from None
            files = self.files
        mask = (1 << SLOT_BITS) - 1
        out = []
        for r in rowids:
            got = files.get(r >> SLOT_BITS)
            if got is not None and (r & mask) <= len(got[1].articles):
                out.append((got[1], r & mask))
        return out, rowids[-1] if rowids else after, len(rowids) != limit

    def position(self, f: TextFile) -> int:
        """Where ``f`` comes in the folder (for putting candidates in folder order)."""
        return self.order[f.relpath]


def _all_trigrams(piece: str) -> str:
    """An FTS5 expression true of a text that holds every trigram of ``piece`` (a covering few: each third,
    and the last)."""
    starts = sorted({*range(0, len(piece) - 2, 3), len(piece) - 3})
    grams = dict.fromkeys(piece[i : i + 3] for i in starts)
    return " AND ".join('"' + g.replace('"', '""') + '"' for g in grams)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _private_dir(directory: Path) -> str | None:
    """Why ``directory`` may not hold indexes (made private when missing), or None."""
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        st = os.lstat(directory)
    except OSError as e:
        return f"search index not used: {directory}: {e.strerror}"
    if not stat.S_ISDIR(st.st_mode):
        return f"search index not used: {directory} is not a folder"
    return _owned(directory, st)


def _private_file(path: Path) -> str | None:
    for p in (path, path.with_name(path.name + "-journal")):
        try:
            st = os.lstat(p)
        except FileNotFoundError:
            continue
        if not stat.S_ISREG(st.st_mode):
            return f"search index not used: {p} is not a regular file"
        if problem := _owned(p, st):
            return problem
    return None


def _owned(path: Path, st: os.stat_result) -> str | None:
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        return f"search index not used: {path} is not yours"
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"search index not used: {path} is writable by others"
    return None


def _create(path: Path) -> None:
    """An empty database file of mode 0600, unless there is one."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except FileExistsError:
        return
    os.close(fd)


def _evict(current: Path, cap: int) -> None:
    """Delete the least recently used indexes of other folders until the indexes fit ``cap``."""
    try:
        entries = [e for e in os.scandir(current.parent) if e.name.endswith(".sqlite3") and e.is_file()]
    except OSError:
        return
    sized = sorted(((e.stat().st_mtime_ns, e.stat().st_size, Path(e.path)) for e in entries), reverse=True)
    total = _size(current)
    for _, size, path in sized:
        if path == current:
            continue
        if total + size > cap:
            for p in (path, path.with_name(path.name + "-journal")):
                p.unlink(missing_ok=True)
        else:
            total += size
