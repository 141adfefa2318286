"""Reading state survives a restart: read marks, the last article and its scroll position."""

from __future__ import annotations

import os
from pathlib import Path

from tui.engine.bookmarks.store import DB_NAME

from .helpers import make_app, settle

LEAD = "000_0ea74b706e051f9e.txt#2"


async def test_relaunch_reopens_last_article_at_its_place_with_read_marks(seeds):
    app = make_app(seeds, open_ref="001#3")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.reader.open_article(app.library.article(LEAD))
        await pilot.press("space", "space", "j")
        await pilot.pause()
        place = app.reader.place()
        top = app.reader.pane.anchor()
        assert place > 0
    again = make_app(seeds)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(again, pilot)
        assert again.reader.article.id == LEAD
        assert abs(again.reader.place() - place) < 0.02
        assert again.reader.pane.anchor()[0] == top[0]
        assert {"001_f369ed2dbcb57396.txt#3", LEAD} <= again.reader.files.read
        assert "000_0ea74b706e051f9e.txt#1" not in again.reader.files.read


async def test_corrupt_store_is_moved_aside_user_told_and_reader_runs(seeds):
    data = Path(os.environ["NEWSREAD_DATA_DIR"])
    (data / DB_NAME).write_bytes(b"this is not a database" * 100)
    app = make_app(seeds)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        notes = [n.message for n in app._notifications]
        assert any("moved to" in m for m in notes)
        await pilot.press("J")
        assert app.reader.article is not None and app.is_running
    assert [p for p in data.iterdir() if p.name != DB_NAME and p.name.startswith(DB_NAME)]


async def test_bookmark_with_m_then_relaunch_and_jump_with_M(seeds):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("space", "space")
        await pilot.pause()
        wanted = app.reader.pane.first_whole_block()
        paragraph = app.reader.article.paragraphs[wanted]
        await pilot.press("m", *"要点", "enter")
        await settle(app, pilot)
        assert any(b == wanted for b, _, _ in app.reader.pane.marks)  # marked in the pane
        await pilot.press("J")
    again = make_app(seeds)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(again, pilot)
        assert again.reader.article.id == "000_0ea74b706e051f9e.txt#3"  # the last article read
        await pilot.press("M")
        await pilot.pause()
        from tui.reader.screens.bookmarks import BookmarksScreen

        panel = again.screen
        assert isinstance(panel, BookmarksScreen)
        assert [p.bookmark.note for p in panel.shown] == ["要点"]
        assert panel.shown[0].bookmark.exact.strip() in again.library.article(LEAD).raw
        await pilot.press("enter")
        await settle(again, pilot)
        assert again.reader.article.id == LEAD
        assert again.reader.pane.top_block() == wanted
        assert paragraph.text.startswith(again.reader.pane.blocks[wanted].text[:10])
