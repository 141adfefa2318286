"""Files changed on disk are re-read and the reader keeps its place."""

from __future__ import annotations

import os

from .helpers import make_app, screen_text, settle, until

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


# -- watching (kernel events) and the polling fallback ---------------------------
def listed(app) -> list[str]:
    return [f.relpath for f in app.library.corpus.files] if app.library.corpus else []


async def test_watched_folder_is_reread_on_change_without_polling(tmp_path, monkeypatch):
    import asyncio

    import tui.reader.app as app_module

    monkeypatch.setattr(app_module, "POLL_SECONDS", 0.05)  # were it polling, it would stat 20 times a second
    (tmp_path / "a.txt").write_text("# 第一篇\n\n" + BODY + "\n", "utf-8")
    app = make_app(tmp_path, open_ref="a.txt#1", poll=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.watcher is not None and app.watcher.running and app.polling is None
        looks = []
        real = app.library.current_stamps
        monkeypatch.setattr(app.library, "current_stamps", lambda: looks.append(1) or real())
        await asyncio.sleep(0.5)
        assert looks == []  # idle: nothing stat'ed
        (tmp_path / "sub").mkdir()
        (tmp_path / "sub" / "b.txt").write_text("# 新来的一篇\n\n内容。\n", "utf-8")
        await until(pilot, lambda: listed(app) == ["a.txt", "sub/b.txt"])
        (tmp_path / "a.txt").write_text("# 第一篇\n\n" + BODY + "\n\n新增的结尾段落。\n", "utf-8")
        await until(pilot, lambda: "新增的结尾段落。" in app.reader.article.text)
        (tmp_path / "sub" / "b.txt").unlink()
        await until(pilot, lambda: listed(app) == ["a.txt"])
        assert app.reader.article.id == "a.txt#1" and not any("polling" in n.message for n in app._notifications)


async def test_hidden_files_changing_do_not_reread_the_folder(tmp_path, monkeypatch):
    import asyncio

    (tmp_path / "a.txt").write_text("# 第一篇\n\n内容。\n", "utf-8")
    app = make_app(tmp_path, poll=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        looks = []
        real = app.library.current_stamps
        monkeypatch.setattr(app.library, "current_stamps", lambda: looks.append(1) or real())
        for n in range(5):  # an editor's swap file
            (tmp_path / ".a.txt.swp").write_text(f"{n}", "utf-8")
            await asyncio.sleep(0.08)
        await asyncio.sleep(0.3)
        assert looks == []
        (tmp_path / "b.txt").write_text("# 新的一篇\n\n内容。\n", "utf-8")
        await until(pilot, lambda: listed(app) == ["a.txt", "b.txt"])
        assert looks


async def test_a_name_that_is_not_utf8_does_not_end_the_watch(tmp_path):
    import os

    (tmp_path / "a.txt").write_text("# 第一篇\n\n内容。\n", "utf-8")
    app = make_app(tmp_path, poll=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        with open(os.path.join(os.fsencode(tmp_path), b"b\xff.txt"), "wb") as f:
            f.write("# 第二篇\n\n内容。\n".encode())
        await until(pilot, lambda: len(listed(app)) == 2)
        (tmp_path / "c.txt").write_text("# 第三篇\n\n内容。\n", "utf-8")
        await until(pilot, lambda: len(listed(app)) == 3)  # still watched: watchfiles' failure did not stick
        assert app.watcher is not None and app.watcher.running and app.polling is None


async def test_a_change_while_the_folder_is_read_is_not_lost(tmp_path, monkeypatch):
    import time

    import tui.reader.library as library_module

    (tmp_path / "a.txt").write_text("# 第一篇\n\n内容。\n", "utf-8")
    real_load = library_module.load_cached

    def slow_load(*args, **kwargs):
        corpus = real_load(*args, **kwargs)
        if not (tmp_path / "b.txt").exists():
            (tmp_path / "b.txt").write_text("# 新的一篇\n\n内容。\n", "utf-8")  # after the read, before it is shown
            time.sleep(0.3)  # the event arrives while the load is still under way
        return corpus

    monkeypatch.setattr(library_module, "load_cached", slow_load)
    app = make_app(tmp_path, poll=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: listed(app) == ["a.txt", "b.txt"])


async def test_a_watched_folder_that_goes_is_watched_again_when_back(tmp_path, monkeypatch):
    import tui.reader.app as app_module

    monkeypatch.setattr(app_module, "POLL_SECONDS", 0.05)
    folder, away = tmp_path / "news", tmp_path / "away"
    folder.mkdir()
    (folder / "a.txt").write_text("# 第一篇\n\n" + BODY + "\n", "utf-8")
    app = make_app(folder, open_ref="a.txt#1", poll=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(app, pilot)
        folder.rename(away)
        await until(pilot, lambda: any("is gone" in n.message for n in app._notifications))
        assert app.watcher is None and app.polling is not None  # a folder made again would be another one
        folder.mkdir()
        (folder / "b.txt").write_text("# 新来的一篇\n\n内容。\n", "utf-8")
        await until(pilot, lambda: listed(app) == ["b.txt"])
        assert app.watcher is not None and app.watcher.running and app.polling is None
        (folder / "c.txt").write_text("# 又一篇\n\n内容。\n", "utf-8")
        await until(pilot, lambda: listed(app) == ["b.txt", "c.txt"])
        assert not any("polling" in n.message or "changes every" in n.message for n in app._notifications)


async def falls_back(tmp_path, monkeypatch, reason: str, meanwhile=None) -> None:
    """The reader says it polls and why, and sees a new file by polling (``meanwhile(app)`` once it has read)."""
    import tui.reader.app as app_module

    monkeypatch.setattr(app_module, "POLL_SECONDS", 0.05)
    (tmp_path / "a.txt").write_text("# 第一篇\n\n内容。\n", "utf-8")
    app = make_app(tmp_path, poll=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(app, pilot)
        if meanwhile:
            meanwhile(app)
            await until(pilot, lambda: app.watcher is None)
        assert app.watcher is None and app.polling is not None
        said = [n.message for n in app._notifications if "looking for changes every" in n.message]
        assert len(said) == 1 and reason in said[0]
        (tmp_path / "b.txt").write_text("# 新的一篇\n\n内容。\n", "utf-8")
        await until(pilot, lambda: listed(app) == ["a.txt", "b.txt"])


async def test_polls_when_asked_to(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSREAD_WATCH", "poll")
    await falls_back(tmp_path, monkeypatch, "NEWSREAD_WATCH=poll")


async def test_polls_when_the_limit_on_watches_is_reached(tmp_path, monkeypatch):
    import errno

    import watchfiles._rust_notify as rust

    def limit(*args, **kwargs):
        raise OSError(errno.ENOSPC, "OS file watch limit reached")

    monkeypatch.setattr(rust, "RustNotify", limit)
    await falls_back(tmp_path, monkeypatch, "watch limit reached")


async def test_polls_without_watchfiles(tmp_path, monkeypatch):
    import sys

    for name in [m for m in sys.modules if m == "watchfiles" or m.startswith("watchfiles.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "watchfiles", None)  # import watchfiles: ImportError
    await falls_back(tmp_path, monkeypatch, "watchfiles is not installed")


async def test_polls_when_watching_stops_working(tmp_path, monkeypatch):
    def stops(app) -> None:
        assert app.watcher is not None
        import threading

        say = threading.Thread(target=app.watcher.failed, args=("watching the folder stopped (queue overflow)",))
        say.start()  # from another thread, as the watching thread says it
        say.join()

    await falls_back(tmp_path, monkeypatch, "queue overflow", stops)
