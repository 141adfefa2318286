"""A store SQLite's integrity check passes but newsread cannot use: one clear message, moved aside, nothing lost.

Built at test time: a store whose columns hold values of the wrong type (a BLOB
where text belongs, text where an offset or a scroll position belongs), another
program's database under the store's name, and our table names with other
columns.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from cli.test_cli import run
from reader.helpers import make_app, settle

from tui.engine.bookmarks.store import DB_NAME, Store

QUOTE = "2021年以来,甘肃全面实施乡村振兴战略"

WRONG_TYPES = {
    "blob-title": "UPDATE bookmarks SET title = x'ff00'",
    "text-offset": "UPDATE bookmarks SET start = 'abc'",
    "blob-last": "INSERT INTO last VALUES ('/news', x'00')",
    "text-scroll": "INSERT INTO positions VALUES ('/news', 'a.txt#1', 'far down')",
}
FOREIGN = {
    "another-program": ["CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)", "INSERT INTO moz_places VALUES (1, 'x')"],
    "other-columns": ["CREATE TABLE bookmarks (url TEXT, title TEXT)", "INSERT INTO bookmarks VALUES ('x', 'y')", "PRAGMA user_version = 1"],
}  # fmt: skip


def data_dir() -> Path:
    return Path(os.environ["NEWSREAD_DATA_DIR"])


def execute(statements: list[str]) -> None:
    conn = sqlite3.connect(data_dir() / DB_NAME)
    for sql in statements:
        conn.execute(sql)
    conn.commit()
    conn.close()


def contents(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    conn.text_factory = bytes
    tables = [t.decode() for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    out = {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    conn.close()
    return out


def damaged(capsys, damage: str) -> dict[str, list[tuple]]:
    """A store holding one real bookmark, then damaged; what it holds."""
    code, _, err = run(capsys, "bookmarks", "add", "003#2", "--quote", QUOTE)
    assert code == 0, err
    execute([WRONG_TYPES[damage]])
    return contents(data_dir() / DB_NAME)


def moved_aside() -> Path:
    (moved,) = [p for p in data_dir().iterdir() if ".corrupt-" in p.name and not p.name.endswith(("-wal", "-shm"))]
    return moved


@pytest.mark.parametrize("damage", sorted(WRONG_TYPES))
def test_a_value_of_the_wrong_type_moves_the_store_aside_with_everything_in_it(capsys, damage):
    before = damaged(capsys, damage)
    with Store.open() as store:
        assert not store.readonly and store.bookmarks() == []
        assert str(moved_aside()) in store.notice and "wrong type" not in store.notice
        assert "holds a" in store.notice and "value in column" in store.notice
    assert contents(moved_aside()) == before  # the user's bookmark (and the bad value) kept as they were


@pytest.mark.parametrize("kind", sorted(FOREIGN))
def test_a_foreign_database_is_moved_aside_untouched(kind):
    execute(FOREIGN[kind])
    before = contents(data_dir() / DB_NAME)
    with Store.open() as store:
        assert not store.readonly and "not a newsread store" in store.notice
        assert str(moved_aside()) in store.notice
    assert contents(moved_aside()) == before  # none of our tables written into it


@pytest.mark.parametrize("argv", [("bookmarks",), ("bookmarks", "--json"), ("bookmarks", "export", "-")])
def test_the_cli_says_so_in_one_line(capsys, argv):
    damaged(capsys, "blob-title")
    code, _, err = run(capsys, *argv)
    assert code == 0 and "Traceback" not in err
    (line,) = [line for line in err.splitlines() if "store" in line]
    assert "moved to" in line and str(moved_aside()) in line


@pytest.mark.parametrize("kind", sorted(FOREIGN))
def test_the_cli_names_a_foreign_store(capsys, kind):
    execute(FOREIGN[kind])
    code, out, err = run(capsys, "bookmarks")
    assert code == 0 and out == ""
    assert err.count("\n") == 1 and "not a newsread store" in err and str(moved_aside()) in err


async def test_the_reader_starts_and_says_so(capsys, seeds):
    damaged(capsys, "text-offset")
    app = make_app(seeds)
    async with app.run_test(notifications=True) as pilot:
        await settle(app, pilot)
        assert app.library.store is not None and not app.library.store.readonly
        notes = [n.message for n in app._notifications]
        assert sum("moved to" in m for m in notes) == 1, notes
        assert app.library.loaded and app.library.corpus.articles
