"""Where newsread's caches live: one SQLite file in the cache dir, trusted only when it is the user's own, capped.

The saved segmentation (:mod:`.ingest.corpuscache`, one row per file) and the
saved groups (:mod:`.variants.groupcache`, one row per folder) are plain data
(JSON and text, zlib-compressed): nothing read back can run code.  The store
is read and written only when the cache dir and the database are this user's
own and not writable by group or others (:func:`cache_problem` says why not);
otherwise every lookup is a miss.  A database that is not newsread's, of
another schema, or damaged is deleted and started afresh: it is a cache.

The store is capped (:func:`max_bytes`: ``NEWSREAD_CACHE_MAX_BYTES``, default
1 GiB of saved data): after a write, the least recently used folders are
evicted until the rest fits.  A folder holds only the rows of its files as they
are now: the row of a changed or vanished file is replaced or dropped.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import stat
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

from tui.locations import cache_dir

DB_NAME = "cache.sqlite3"
SCHEMA = 1  # PRAGMA user_version of the database this code reads
DEFAULT_MAX_BYTES = 1 << 30
MAX_BYTES_ENV = "NEWSREAD_CACHE_MAX_BYTES"
TIMEOUT = 2.0  # seconds to wait for another newsread's write before giving up (a miss)
_BROKEN = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_FORMAT}
_OLD_FILE = re.compile(r"[0-9a-f]{24}\.(pickle|json)|tmp\w*\.tmp")  # the caches of newsread before the store
_TABLES = """
CREATE TABLE folders (id INTEGER PRIMARY KEY, root BLOB UNIQUE NOT NULL, used INTEGER NOT NULL,
                      bytes INTEGER NOT NULL DEFAULT 0);
CREATE TABLE files (folder INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE, relpath BLOB NOT NULL,
                    stamp TEXT NOT NULL, code BLOB NOT NULL, data BLOB NOT NULL, text BLOB NOT NULL,
                    words BLOB NOT NULL, asked BLOB NOT NULL, PRIMARY KEY (folder, relpath)) WITHOUT ROWID;
CREATE TABLE groups (folder INTEGER PRIMARY KEY REFERENCES folders(id) ON DELETE CASCADE, key TEXT NOT NULL,
                     data BLOB NOT NULL);
"""


def source_fingerprint(modules: Sequence[ModuleType]) -> bytes:
    """A digest of the modules' source: a cache made by other code is another cache."""
    h = hashlib.sha256()
    for mod in modules:
        h.update(Path(mod.__file__).read_bytes())
    return h.digest()


def max_bytes() -> int:
    """The cap on saved data: ``NEWSREAD_CACHE_MAX_BYTES`` (a whole number of bytes), else 1 GiB."""
    try:
        return max(0, int(os.environ.get(MAX_BYTES_ENV, "")))
    except ValueError:
        return DEFAULT_MAX_BYTES


def _unsafe(st: os.stat_result) -> str | None:
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        return "is not yours"
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return "is writable by others"
    return None


def cache_problem(directory: Path | None = None) -> str | None:
    """Why the cache in ``directory`` (default: the cache dir) must not be used, or None.

    The dir and the database files must be this user's and not writable by
    group or others: anyone who can write them could plant what newsread shows.
    """
    directory = cache_dir() if directory is None else directory
    try:
        st = os.stat(directory)
    except FileNotFoundError:
        return None  # made private when first written
    except OSError as e:
        return f"cache not used: {directory}: {e.strerror}"
    why = "is not a folder" if not stat.S_ISDIR(st.st_mode) else _unsafe(st)
    if why:
        return f"cache not used: {directory} {why}"
    for name in (DB_NAME, DB_NAME + "-journal"):
        try:
            st = os.lstat(directory / name)
        except FileNotFoundError:
            continue
        except OSError as e:
            return f"cache not used: {directory / name}: {e.strerror}"
        why = "is not a regular file" if not stat.S_ISREG(st.st_mode) else _unsafe(st)
        if why:
            return f"cache not used: {directory / name} {why}"
    return None


class Folder:
    """One folder's rows in the store, for one load or grouping in one thread (see :func:`folder`).

    No method raises for the database: a failure reads as nothing saved and
    writes nothing (a damaged database is deleted when the folder is left).
    """

    def __init__(self, db: sqlite3.Connection, folder_id: int) -> None:
        self.db = db
        self.id = folder_id
        self.wrote = False
        self.broken = False

    def files(self) -> list[tuple]:
        """(relpath, stamp, code, data, text) of every saved file; the values are as stored (check them)."""
        query = "SELECT relpath, stamp, code, data, text FROM files WHERE folder = ?"
        return self._run(lambda: self.db.execute(query, (self.id,)).fetchall(), [])

    def words(self) -> list[tuple]:
        """(relpath, words, asked) of every saved file: what its text adds to the folder's lexicon, what it
        asked of it (see :mod:`.ingest.corpuscache`), as stored."""
        query = "SELECT relpath, words, asked FROM files WHERE folder = ?"
        return self._run(lambda: self.db.execute(query, (self.id,)).fetchall(), [])

    def put_files(self, rows: list[tuple], keep: set[bytes]) -> None:
        """Save (relpath, stamp, code, data, text, words, asked) rows, replacing those of the same paths,
        and drop the rows of files not in ``keep`` (no longer in the folder)."""

        def write() -> None:
            saved = self.db.execute("SELECT relpath FROM files WHERE folder = ?", (self.id,)).fetchall()
            gone = [(self.id, r) for (r,) in saved if r not in keep]
            if not rows and not gone:
                return
            with _transaction(self.db):
                self.db.executemany("DELETE FROM files WHERE folder = ? AND relpath = ?", gone)
                self.db.executemany(
                    "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [(self.id, *r) for r in rows]
                )
            self.wrote = True

        self._run(write, None)

    def groups(self) -> tuple | None:
        """(key, data) of the saved groups, as stored."""
        return self._run(
            lambda: self.db.execute("SELECT key, data FROM groups WHERE folder = ?", (self.id,)).fetchone(), None
        )

    def put_groups(self, key: str, data: bytes) -> None:
        def write() -> None:
            with _transaction(self.db):
                self.db.execute("INSERT OR REPLACE INTO groups VALUES (?, ?, ?)", (self.id, key, data))
            self.wrote = True

        self._run(write, None)

    def _run(self, op, default):
        try:
            return op()
        except sqlite3.Error as e:
            self.broken = self.broken or _is_broken(e)
            return default


@contextmanager
def folder(root: Path) -> Iterator[Folder | None]:
    """The store's rows for the folder ``root`` (None when the cache cannot or must not be used).

    Opening marks the folder as the most recently used; leaving after a write
    evicts what the cap does not hold.
    """
    directory = cache_dir()
    db = _connect(directory)
    store = None
    if db is not None:
        try:
            with _transaction(db):
                db.execute(
                    "INSERT INTO folders (root, used) VALUES (?1, (SELECT COALESCE(MAX(used), 0) + 1 FROM folders))"
                    " ON CONFLICT (root) DO UPDATE SET used = excluded.used",
                    (_name(str(root)),),
                )
            (folder_id,) = db.execute("SELECT id FROM folders WHERE root = ?", (_name(str(root)),)).fetchone()
            store = Folder(db, folder_id)
        except sqlite3.Error as e:
            if _is_broken(e):
                db.close()
                _discard(directory / DB_NAME)
            db.close()
            db = None
    try:
        yield store
    finally:
        if store is not None and not store.broken:
            store._run(lambda: _evict(db, store.id, store.wrote, max_bytes()), None)
        if db is not None:
            db.close()
        if store is not None and store.broken:
            _discard(directory / DB_NAME)


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    """A write transaction (the connection is in autocommit mode: no implicit ones)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _is_broken(e: sqlite3.Error) -> bool:
    """A damaged database or not one at all (rather than a busy one)."""
    return getattr(e, "sqlite_errorcode", None) in _BROKEN


def _name(text: str) -> bytes:
    """A path as stored: UTF-8 keeping the bytes of a name that is not (surrogate escapes)."""
    return text.encode("utf-8", "surrogatepass")


def _connect(directory: Path) -> sqlite3.Connection | None:
    """The store, made if missing; None when it is not safe (:func:`cache_problem`) or cannot be opened."""
    if cache_problem(directory):
        return None
    path = directory / DB_NAME
    for _ in range(2):  # a second time after deleting a database that is not one of ours
        try:
            _create(directory, path)
            db = sqlite3.connect(path, timeout=TIMEOUT, isolation_level=None)
        except (OSError, sqlite3.Error):
            return None
        try:
            if _init(db):
                db.execute("PRAGMA foreign_keys = ON")
                return db
        except sqlite3.Error as e:
            if not _is_broken(e):
                db.close()
                return None
        db.close()
        _discard(path)
    return None


def _create(directory: Path, path: Path) -> None:
    """Make the dir (private) and an empty database file of mode 0600, unless they exist."""
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except FileExistsError:
        return
    os.close(fd)
    _remove_old_caches(directory)


def _init(db: sqlite3.Connection) -> bool:
    """True when the database has this schema, giving it to an empty one; False when it holds another."""
    if db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA:
        return True
    db.execute("PRAGMA auto_vacuum = INCREMENTAL")  # takes effect with the first table, and only then
    with _transaction(db):
        if db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA:
            return True  # another newsread made it meanwhile
        if db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]:
            return False
        for statement in _TABLES.split(";"):
            if statement.strip():
                db.execute(statement)
        db.execute(f"PRAGMA user_version = {SCHEMA}")
    return True


def _discard(path: Path) -> None:
    for p in (path, path.with_name(path.name + "-journal")):
        try:
            p.unlink()
        except OSError:
            pass


def _remove_old_caches(directory: Path) -> None:
    """Delete the pickles and JSON files earlier versions left in corpus/ and groups/: never read again."""
    for sub in ("corpus", "groups"):
        d = directory / sub
        if not d.is_dir() or d.is_symlink():
            continue
        for entry in os.scandir(d):
            if _OLD_FILE.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                Path(entry.path).unlink(missing_ok=True)
        try:
            d.rmdir()
        except OSError:
            pass


def _evict(db: sqlite3.Connection, current: int, wrote: bool, cap: int) -> None:
    """Drop the least recently used folders until the saved data fits ``cap``.

    The folder in use is kept unless it alone is over the cap; past the first
    other folder that does not fit, every older one goes too.  Its size is
    counted again when it was written.
    """
    if not wrote and db.execute("SELECT COALESCE(SUM(bytes), 0) FROM folders").fetchone()[0] <= cap:
        return
    with _transaction(db):
        db.execute(
            "UPDATE folders SET bytes = (SELECT COALESCE(SUM(LENGTH(data) + LENGTH(text) + LENGTH(words)"
            " + LENGTH(asked)), 0) FROM files WHERE folder = ?1)"
            " + (SELECT COALESCE(SUM(LENGTH(data)), 0) FROM groups WHERE folder = ?1) WHERE id = ?1",
            (current,),
        )
        sizes = db.execute("SELECT id, bytes FROM folders ORDER BY id = ? DESC, used DESC", (current,)).fetchall()
        total, full, evict = 0, False, []
        for folder_id, size in sizes:
            if full or total + size > cap:
                evict.append((folder_id,))
                full = full or folder_id != current
            else:
                total += size
        db.executemany("DELETE FROM folders WHERE id = ?", evict)
    if evict:
        db.executescript("PRAGMA incremental_vacuum")  # to the end (execute() would free one page)
