"""Files changed on disk are re-read and the reader keeps its place."""

from __future__ import annotations

import os

from .helpers import make_app, screen_text, settle

BODY = "\n\n".join(f"第{n}段。" + "新闻内容" * 30 for n in range(1, 40))


async def test_changed_file_is_reread_keeping_article_and_place(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("# 第一篇\n\n" + BODY + "\n", "utf-8")
    (tmp_path / "b.txt").write_text("# 另一篇\n\n内容。\n", "utf-8")
    app = make_app(tmp_path, open_ref="a.txt#1")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("space", "space")
        anchor = app.reader.pane.anchor()
        path.write_text("# 第一篇\n\n" + BODY + "\n\n新增的结尾段落。\n", "utf-8")
        os.utime(path, ns=(1, 1))  # a different stamp even on a coarse clock
        app.check_files()
        await settle(app, pilot)
        assert app.reader.article.id == "a.txt#1"
        assert "新增的结尾段落。" in app.reader.article.text
        assert app.reader.pane.anchor() == anchor
        assert "第" in screen_text(app.reader.pane)


async def test_a_new_file_is_listed_without_a_restart(tmp_path):
    (tmp_path / "a.txt").write_text("# 第一篇\n\n" + BODY + "\n", "utf-8")
    app = make_app(tmp_path, open_ref="a.txt#1")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.check_files()
        await settle(app, pilot)
        assert [f.relpath for f in app.library.corpus.files] == ["a.txt"]
        (tmp_path / "sub").mkdir()
        (tmp_path / "sub" / "b.txt").write_text("# 新来的一篇\n\n内容。\n", "utf-8")
        app.check_files()
        await settle(app, pilot)
        assert [f.relpath for f in app.library.corpus.files] == ["a.txt", "sub/b.txt"]
        assert app.reader.article.id == "a.txt#1"
        assert "b.txt" in screen_text(app.reader.files)


async def test_polls_during_a_slow_reload_do_not_restart_it(tmp_path, monkeypatch):
    import asyncio
    import time

    import tui.reader.library as library_module

    (tmp_path / "a.txt").write_text("# 第一篇\n\n内容。\n", "utf-8")
    real_load, loads = library_module.load_cached, []

    def slow_load(*args, **kwargs):
        loads.append(time.monotonic())
        time.sleep(0.4)
        return real_load(*args, **kwargs)

    monkeypatch.setattr(library_module, "load_cached", slow_load)
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        (tmp_path / "b.txt").write_text("# 新的一篇\n\n内容。\n", "utf-8")
        for _ in range(8):  # polls every 0.1 s while the reload (0.4 s) runs
            app.check_files()
            await asyncio.sleep(0.1)
        await settle(app, pilot)
        assert len(loads) == 2  # the first load and one reload, not one per poll
        assert [f.relpath for f in app.library.corpus.files] == ["a.txt", "b.txt"]


async def test_a_folder_that_goes_keeps_its_listing_and_is_read_again_when_back(tmp_path):
    folder, away = tmp_path / "news", tmp_path / "renamed"
    folder.mkdir()
    (folder / "a.txt").write_text("# 第一篇\n\n" + BODY + "\n", "utf-8")
    app = make_app(folder, open_ref="a.txt#1")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(app, pilot)
        folder.rename(away)
        for _ in range(2):  # the poll after the folder went, and the next one
            app.check_files()
            await settle(app, pilot)
        assert app.is_running
        gone = [n.message for n in app._notifications if "is gone" in n.message]
        assert len(gone) == 1 and str(folder) in gone[0]  # said once, not at every poll
        assert "a.txt" in screen_text(app.reader.files) and app.reader.article.id == "a.txt#1"
        assert "第" in screen_text(app.reader.pane)
        away.rename(folder)
        (folder / "b.txt").write_text("# 新来的一篇\n\n内容。\n", "utf-8")
        app.check_files()
        await settle(app, pilot)
        assert "b.txt" in screen_text(app.reader.files) and app.reader.article.id == "a.txt#1"


async def test_a_note_typed_while_its_file_goes_still_bookmarks_the_passage_shown(tmp_path):
    from tui.engine.bookmarks.store import Store

    (tmp_path / "a.txt").write_text("# 第一篇\n\n" + BODY + "\n", "utf-8")
    (tmp_path / "b.txt").write_text("# 另一篇\n\n内容。\n", "utf-8")
    app = make_app(tmp_path, open_ref="a.txt#1")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("m", *"笔记")  # the note prompt is open
        (tmp_path / "a.txt").unlink()
        app.check_files()
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.is_running
    with Store.open() as store:
        (saved,) = store.bookmarks()
    assert saved.note == "笔记" and saved.file == "a.txt" and "第一篇" in saved.exact


async def test_bookmarking_an_article_whose_file_went_away_says_so(tmp_path):
    """The open article stays shown when its file is deleted; `m` on it then warns instead of raising."""
    path = tmp_path / "a.txt"
    path.write_text("# 第一篇\n\n" + BODY + "\n", "utf-8")
    (tmp_path / "b.txt").write_text("# 另一篇\n\n内容。\n", "utf-8")
    app = make_app(tmp_path, open_ref="a.txt#1")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(app, pilot)
        assert app.reader.article.id == "a.txt#1"
        path.unlink()
        app.check_files()
        await settle(app, pilot)
        assert app.reader.article.id == "a.txt#1", "the article whose file went away is still shown"
        await pilot.press("m")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.is_running and app.library.store.bookmarks() == []
        notes = [n.message for n in app._notifications]
        assert any("a.txt" in m and "no longer" in m for m in notes), notes
