"""Where bookmarks and reading state are kept: one SQLite file in the user data dir.

Why SQLite: WAL mode lets two running copies of newsread read and write the
same store, each write is one short ``BEGIN IMMEDIATE`` transaction (waiting up
to ``BUSY_MS`` for the other copy), and a committed transaction survives the
process being killed.  ``synchronous=FULL`` makes it survive a power cut too.

The store never stops the reader: a corrupt or unreadable file is moved aside
with a timestamped name and a fresh one is started; a data dir that cannot be
written gives a read-only store whose writes return False.  Either way
``Store.notice`` says what happened, for the UI or the CLI to show.

A file SQLite's integrity check passes may still not be ours: another
program's database (tables but no schema version: migrating it would write our
tables into it), our table names with other columns, or a value of the wrong
type in a column (SQLite lets a BLOB sit where text belongs).  Each open checks
the tables and the type of every value against the schema the migrations make;
such a file is moved aside like a corrupt one, untouched.
"""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import astuple, fields
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TypeVar

from tui.engine.bookmarks.bookmark import Bookmark, folder_key
from tui.locations import data_dir as user_data_dir

T = TypeVar("T")
DB_NAME = "newsread.sqlite3"
_SURROGATE = re.compile("[\ud800-\udfff]")
_NOT_FROM_BYTES = re.compile("[\ud800-\udc7f\udd00-\udfff]")  # lone surrogates no undecodable byte gives
BUSY_MS = 15_000
PAGE = 1000  # bookmarks read at a time by iter_bookmarks
MAX_FILTER_WORDS = 16
_COLUMNS = tuple(f.name for f in fields(Bookmark))
_COLUMN_LIST = ", ".join(f'"{c}"' for c in _COLUMNS)
_NAMES = frozenset({"folder", "file", "article"})  # the columns that hold names the OS gave

# Schema versions, applied in order inside one transaction; PRAGMA user_version
# holds how many have been applied.  Append, never edit.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE bookmarks (
            id TEXT PRIMARY KEY, folder TEXT NOT NULL, file TEXT NOT NULL, article TEXT NOT NULL,
            title TEXT NOT NULL, article_start INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            exact TEXT NOT NULL, prefix TEXT NOT NULL, suffix TEXT NOT NULL, file_hash TEXT NOT NULL,
            created TEXT NOT NULL, note TEXT NOT NULL DEFAULT '')""",
        "CREATE TABLE positions (folder TEXT, article TEXT, scroll_y REAL NOT NULL, PRIMARY KEY (folder, article))",
        "CREATE TABLE reads (folder TEXT, article TEXT, at TEXT NOT NULL, PRIMARY KEY (folder, article))",
        "CREATE TABLE last (folder TEXT PRIMARY KEY, article TEXT NOT NULL)",
    ),
    ("CREATE INDEX bookmarks_by_age ON bookmarks (created, id)",),  # pages of the list, oldest first
)
SCHEMA_VERSION = len(MIGRATIONS)

# Error names that mean the file itself is bad (moved aside), not that it is busy or read-only.
_BAD_FILE = {"SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_PERM"}


class _Corrupt(sqlite3.DatabaseError):
    """The integrity check failed, or the file is a database that is not a newsread store."""


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")


def _is_bad_file(e: sqlite3.Error) -> bool:
    if isinstance(e, _Corrupt):
        return True
    name = getattr(e, "sqlite_errorname", "") or ""
    return any(name == bad or name.startswith(bad + "_") for bad in _BAD_FILE)


def _writable(folder: Path) -> str | None:
    """Why ``folder`` cannot hold the store, or None.  Tried, not guessed (root ignores modes)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as e:
        return e.strerror or str(e)
    return None


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` (the write lock, waiting up to BUSY_MS) ... ``COMMIT``, or roll back."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _migrate(conn: sqlite3.Connection) -> None:
    """Bring the schema up to date in one transaction (two copies starting at once are serialised)."""
    with _transaction(conn):
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        _check_tables(conn, MIGRATIONS[:version])  # what it claims to be, before it is changed
        for statements in MIGRATIONS[version:]:
            for sql in statements:
                conn.execute(sql)
        # Written even when unchanged: a store file we may not write fails here, not on the first save.
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


# What a value's typeof() may be in a column of each declared type.
_TYPES = {"TEXT": ("text",), "INTEGER": ("integer",), "REAL": ("real", "integer")}


def _columns(conn: sqlite3.Connection, table: str) -> tuple[tuple[str, str, bool], ...]:
    """(name, declared type, NULL allowed) of each column of ``table``; empty if there is no such table."""
    rows = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
    return tuple((name, decl.upper(), not notnull and not pk) for _, name, decl, notnull, _, pk in rows)


@cache
def _schema(migrations: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, str, bool], ...]]:
    """The tables and columns ``migrations`` make, read from a scratch database."""
    conn = sqlite3.connect(":memory:")
    try:
        for sql in (sql for statements in migrations for sql in statements):
            conn.execute(sql)
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: _columns(conn, t) for t in tables}
    finally:
        conn.close()


def _check_tables(conn: sqlite3.Connection, migrations: tuple[tuple[str, ...], ...]) -> None:
    """Raise _Corrupt unless the tables ``migrations`` make are there, column for column."""
    for table, columns in _schema(migrations).items():
        if _columns(conn, table) != columns:
            raise _Corrupt(f"it is not a newsread store: its table {table} has other columns")


def _check_schema(conn: sqlite3.Connection) -> None:
    """Raise _Corrupt unless every table is ours, column for column, and every value has its column's type.

    One scan per table, stopping at the first bad value; like quick_check it
    reads the whole file.
    """
    _check_tables(conn, MIGRATIONS)
    for table, columns in _schema(MIGRATIONS).items():
        allowed = [
            _TYPES.get(decl, ("text", "integer", "real", "blob")) + ("null",) * nullable
            for _, decl, nullable in columns
        ]
        kinds = ", ".join(f'typeof("{name}")' for name, _, _ in columns)
        wrong = " OR ".join(
            f'typeof("{name}") NOT IN ({", ".join(map(repr, ok))})' for (name, _, _), ok in zip(columns, allowed)
        )
        row = conn.execute(f'SELECT {kinds} FROM "{table}" WHERE {wrong} LIMIT 1').fetchone()
        if row:
            kind, (name, decl, _) = next((k, c) for k, c, ok in zip(row, columns, allowed) if k not in ok)
            raise _Corrupt(f"its table {table} holds a {kind} value in column {name}, which takes {decl}")


def _connect(path: Path, *, uri_mode: str = "rwc") -> sqlite3.Connection:
    conn = sqlite3.connect(
        f"{path.as_uri()}?mode={uri_mode}",
        uri=True,
        timeout=BUSY_MS / 1000,
        isolation_level=None,
        check_same_thread=False,
    )
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise _Corrupt(check)
        if uri_mode == "rwc":
            _refuse_foreign(conn)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
    except BaseException:
        conn.close()
        raise
    return conn


def _refuse_foreign(conn: sqlite3.Connection) -> None:
    """Tables without a schema version: another program's database, which migrating would write into."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise _Corrupt("it is another program's database, not a newsread store")


def _retry_busy(step: Callable[[], T]) -> T:
    """Run ``step``, retrying while another copy holds the lock.

    Switching a new file to WAL mode can answer SQLITE_BUSY at once, without
    waiting on the busy timeout, when a second copy is creating the same store.
    """
    deadline = time.monotonic() + BUSY_MS / 1000
    while True:
        try:
            return step()
        except sqlite3.OperationalError as e:
            busy = (getattr(e, "sqlite_errorname", "") or "").startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))
            if not busy or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _storable(value: T) -> T:
    """Text SQLite can hold: a lone surrogate (from a broken import) becomes U+FFFD."""
    return _SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value  # type: ignore[return-value]


def _name(value: str) -> bytes:
    """A folder, file or article name as the bytes the OS gave, to bind as ``CAST(? AS TEXT)``.

    A name that is not UTF-8 (``a\\xff.txt``) comes as a str with lone surrogates
    (surrogateescape), which sqlite3 cannot bind as text.  SQLite stores text as
    bytes and compares it bytewise, so the name is kept as its very bytes, still
    of type text, and :func:`_text` reads it back as the same str.  A UTF-8 name
    is stored exactly as a str would be.
    """
    return _NOT_FROM_BYTES.sub("\ufffd", value).encode("utf-8", "surrogateescape")


def _text(raw: bytes) -> str:
    """How text is read back: a name that is not UTF-8 as the str the OS gave for it."""
    return raw.decode("utf-8", "surrogateescape")


def _key(folder: Path) -> bytes:
    return _name(folder_key(folder))


def _row(b: Bookmark) -> tuple:
    return tuple(_name(v) if c in _NAMES else _storable(v) for c, v in zip(_COLUMNS, astuple(b)))


def _like(text: str) -> str:
    """``text`` as a literal inside a LIKE pattern (with ESCAPE '\\')."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _move_aside(path: Path) -> Path:
    """Rename the store (and its WAL files) out of the way; returns the new name."""
    moved = path.with_name(f"{path.name}.corrupt-{_stamp()}")
    for suffix in ("", "-wal", "-shm"):
        src = Path(str(path) + suffix)
        if src.exists():
            src.replace(Path(str(moved) + suffix))
    return moved


class Store:
    """Bookmarks, reading positions, read marks and the last article, per folder."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path, *, readonly: bool = False, notice: str | None = None
    ) -> None:
        self._conn = conn
        self._conn.text_factory = _text
        self._lock = threading.Lock()
        self.path = path
        self.readonly = readonly
        self.notice = notice

    # opening -----------------------------------------------------------

    @classmethod
    def open(cls, data_dir: str | os.PathLike | None = None) -> Store:
        """Open (or create) the store; never raises, see ``notice`` and ``readonly``."""
        folder = (Path(data_dir) if data_dir is not None else user_data_dir()).expanduser().absolute()
        path = folder / DB_NAME
        why = _writable(folder)
        if why:
            return cls._read_only(path, f"bookmarks cannot be saved: {folder} is not writable ({why})")
        conn = None
        try:
            conn = _retry_busy(lambda: _connect(path))
            if conn.execute("PRAGMA user_version").fetchone()[0] > SCHEMA_VERSION:
                conn.close()
                return cls._read_only(path, f"bookmarks cannot be saved: {path} was made by a newer newsread")
            _retry_busy(lambda: _migrate(conn))
            _check_schema(conn)
            return cls(conn, path)
        except sqlite3.Error as e:
            if conn is not None:
                conn.close()  # before the file is moved aside
            if not _is_bad_file(e):
                return cls._read_only(path, f"bookmarks cannot be saved: {path}: {e}")
            reason = str(e)
        try:
            moved = _move_aside(path)
            conn = _connect(path)
            _migrate(conn)
        except (OSError, sqlite3.Error) as e:
            return cls._read_only(path, f"bookmarks cannot be saved: {path} is unreadable ({reason}) and {e}")
        return cls(
            conn,
            path,
            notice=f"the bookmark store could not be read ({reason}); it was moved to {moved} and a new one started",
        )

    @classmethod
    def _read_only(cls, path: Path, notice: str) -> Store:
        """Read what is there if we can, else an empty in-memory store; writes refused either way."""
        for mode in ("ro", "ro&immutable=1"):
            if not path.exists():
                break
            try:
                conn = _connect(path, uri_mode=mode)
            except sqlite3.Error:
                continue
            try:
                if conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
                    _check_schema(conn)
            except sqlite3.Error as e:
                conn.close()
                notice = f"{notice}; its contents cannot be used either ({e})"
                break
            return cls(conn, path, readonly=True, notice=notice)
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        with suppress(sqlite3.Error):  # only a broken migration fails here; reads then come back empty
            _migrate(conn)
        return cls(conn, path, readonly=True, notice=notice)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # plumbing -----------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock, _transaction(self._conn) as conn:
            yield conn

    def _write(self, sql: str, params: tuple = ()) -> int | None:
        """Run one statement in its own short transaction; rows changed, or None if not saved."""
        if self.readonly:
            return None
        try:
            with self._transaction() as conn:
                return conn.execute(sql, params).rowcount
        except sqlite3.Error as e:
            self.notice = f"could not save to {self.path}: {e}"
            return None

    def _rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        try:
            with self._lock:
                return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as e:
            self.notice = self.notice or f"could not read {self.path}: {e}"
            return []

    # reading state ------------------------------------------------------

    def mark_read(self, folder: Path, article_id: str) -> bool:
        sql = "INSERT OR IGNORE INTO reads (folder, article, at) VALUES (CAST(? AS TEXT), CAST(? AS TEXT), ?)"
        return self._write(sql, (_key(folder), _name(article_id), datetime.now(UTC).isoformat())) is not None

    def read_ids(self, folder: Path) -> set[str]:
        return {r[0] for r in self._rows("SELECT article FROM reads WHERE folder = CAST(? AS TEXT)", (_key(folder),))}

    def set_position(self, folder: Path, article_id: str, scroll_y: float) -> bool:
        sql = (
            "INSERT OR REPLACE INTO positions (folder, article, scroll_y) VALUES (CAST(? AS TEXT), CAST(? AS TEXT), ?)"
        )
        return self._write(sql, (_key(folder), _name(article_id), float(scroll_y))) is not None

    def position(self, folder: Path, article_id: str) -> float | None:
        sql = "SELECT scroll_y FROM positions WHERE folder = CAST(? AS TEXT) AND article = CAST(? AS TEXT)"
        rows = self._rows(sql, (_key(folder), _name(article_id)))
        return rows[0][0] if rows else None

    def set_last(self, folder: Path, article_id: str) -> bool:
        sql = "INSERT OR REPLACE INTO last (folder, article) VALUES (CAST(? AS TEXT), CAST(? AS TEXT))"
        return self._write(sql, (_key(folder), _name(article_id))) is not None

    def last(self, folder: Path) -> str | None:
        rows = self._rows("SELECT article FROM last WHERE folder = CAST(? AS TEXT)", (_key(folder),))
        return rows[0][0] if rows else None

    # bookmarks ----------------------------------------------------------

    def add_bookmark(self, bookmark: Bookmark) -> bool:
        """Save a bookmark (one with the same id already there is kept as it is)."""
        return self.import_bookmarks([bookmark]) is not None

    def import_bookmarks(self, bookmarks: Iterable[Bookmark]) -> int | None:
        """Save many in one transaction; how many were new, or None if nothing could be saved."""
        if self.readonly:
            return None
        marks = ", ".join("CAST(? AS TEXT)" if c in _NAMES else "?" for c in _COLUMNS)
        sql = f"INSERT OR IGNORE INTO bookmarks ({_COLUMN_LIST}) VALUES ({marks})"
        try:
            with self._transaction() as conn:
                return sum(conn.execute(sql, _row(b)).rowcount for b in bookmarks)
        except sqlite3.Error as e:
            self.notice = f"could not save to {self.path}: {e}"
            return None

    def bookmarks(self) -> list[Bookmark]:
        """Every bookmark, oldest first."""
        return [Bookmark(*r) for r in self._rows(f"SELECT {_COLUMN_LIST} FROM bookmarks ORDER BY created, id")]

    def iter_bookmarks(self) -> Iterator[Bookmark]:
        """Every bookmark, oldest first, read PAGE at a time: a million need not be in memory at once."""
        sql = (
            f"SELECT {_COLUMN_LIST} FROM bookmarks WHERE (created, id) > (CAST(? AS TEXT), CAST(? AS TEXT))"
            f" ORDER BY created, id LIMIT {PAGE}"
        )
        after: tuple[bytes, bytes] = (b"", b"")
        while rows := self._rows(sql, after):
            yield from (Bookmark(*r) for r in rows)
            after = (_name(rows[-1][_COLUMNS.index("created")]), _name(rows[-1][0]))  # as stored, bytewise

    def bookmark(self, bookmark_id: str) -> Bookmark | None:
        rows = self._rows(f"SELECT {_COLUMN_LIST} FROM bookmarks WHERE id = ?", (bookmark_id,))
        return Bookmark(*rows[0]) if rows else None

    def find_bookmarks(self, id_prefix: str) -> list[Bookmark]:
        """Bookmarks whose id starts with ``id_prefix`` (the CLI accepts a short id)."""
        sql = f"SELECT {_COLUMN_LIST} FROM bookmarks WHERE id LIKE ? ESCAPE '\\' ORDER BY id"
        return [Bookmark(*r) for r in self._rows(sql, (_like(id_prefix) + "%",))]

    def matching_ids(self, query: str) -> set[str]:
        """Ids of the bookmarks whose title, quote, note or article hold every word of ``query``.

        The bookmarks panel's filter: one scan in SQL (LIKE, so ASCII letters
        match in either case), not a Python pass over every bookmark.
        """
        words = query.split()[:MAX_FILTER_WORDS]
        text = "(title || ' ' || exact || ' ' || note || ' ' || article)"
        where = " AND ".join([f"{text} LIKE ? ESCAPE '\\'"] * len(words)) or "1"
        return {
            r[0]
            for r in self._rows(
                f"SELECT id FROM bookmarks WHERE {where}", tuple(f"%{_like(_storable(w))}%" for w in words)
            )
        }

    def remove_bookmark(self, bookmark_id: str) -> bool:
        """Delete one; False if it was not there or could not be deleted."""
        return bool(self._write("DELETE FROM bookmarks WHERE id = ?", (bookmark_id,)))

    def set_note(self, bookmark_id: str, note: str) -> bool:
        return bool(self._write("UPDATE bookmarks SET note = ? WHERE id = ?", (_storable(note), bookmark_id)))
