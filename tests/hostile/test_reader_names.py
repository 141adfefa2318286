"""The reader over names that are not UTF-8: variants, bookmarks, copy, resume and quit all work.

Before, opening such a file killed the store's writer thread (after which
``M`` waited forever and ``q`` did nothing), grouping failed for the whole
folder, and a folder path holding such bytes crashed the start.
"""

from __future__ import annotations

import os
import re

from reader.helpers import make_app, settle

from tui.reader.screens.bookmarks import BookmarksScreen
from tui.reader.screens.compare import DiffScreen

from .folders import NOT_UTF8, build, name

REF = name(NOT_UTF8) + "#1"
SURROGATE = re.compile("[\ud800-\udfff]")  # what no terminal can be sent


def painted(app) -> str:
    """The screen as the terminal would get it (SVG text): no lone surrogate may be in it."""
    svg = app.export_screenshot()
    assert not SURROGATE.search(svg)
    return svg


def errors(app) -> list[str]:
    return [n.message for n in app._notifications if n.severity == "error"]


async def test_a_file_whose_name_is_not_utf8_is_read_diffed_bookmarked_and_resumed(tmp_path):
    folder = build(tmp_path / "hostile")
    app = make_app(folder, open_ref=REF)
    async with app.run_test(size=(110, 32)) as pilot:
        await settle(app, pilot)
        assert app.reader.article.id == REF and not errors(app)
        assert "a\\xff.txt" in painted(app)
        assert len(app.library.group_of(app.reader.article).witnesses) == 3  # variants were found, names and all
        await pilot.press("y")
        assert "a\\xff.txt" in app.clipboard  # the citation names the file as shown
        await pilot.press("m", *"note", "enter")
        await settle(app, pilot)
        await pilot.press("M")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        assert [p.bookmark.file for p in app.screen.shown] == [name(NOT_UTF8)]
        painted(app)
        await pilot.press("escape", "d")
        await settle(app, pilot)
        assert isinstance(app.screen, DiffScreen)
        painted(app)
        await pilot.press("escape")
        assert app.library.state._thread.is_alive() and not errors(app)
        await pilot.press("q")
    assert app.return_code == 0
    again = make_app(folder)
    async with again.run_test(size=(110, 32)) as pilot:
        await settle(again, pilot)
        assert again.reader.article.id == REF  # the last article, read back from the store
        assert REF in again.reader.files.read
        assert [(b.file, b.note) for b in again.library.state.bookmarks()] == [(name(NOT_UTF8), "note")]


async def test_a_folder_whose_path_is_not_utf8_starts_and_resumes(tmp_path):
    folder = tmp_path / name(b"news\xff")
    folder.mkdir()
    (folder / "a.txt").write_text("# 标题\n\n正文。\n", "utf-8")
    app = make_app(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("J")
        await settle(app, pilot)
        assert app.reader.article.id == "a.txt#1" and not errors(app)
        assert "news\\xff" in painted(app)
    again = make_app(os.fsencode(folder).decode("utf-8", "surrogateescape"))
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(again, pilot)
        assert again.reader.article.id == "a.txt#1"
