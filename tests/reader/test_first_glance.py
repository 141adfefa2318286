"""A big folder's first screen comes before the folder is read: its first files' titles, the others named."""

from __future__ import annotations

import threading

import pytest

import tui.reader.library as library_module
from tui.reader.app import GLANCE_FILES

from .helpers import make_app, screen_text, settle, until

FILES = 10 * GLANCE_FILES + 5


def big_folder(root):
    for n in range(FILES):
        stories = [f"# 第{n}版头条\n\n今天的新闻内容。第{n}版。\n", f"# 第{n}版次条\n\n另一条新闻。\n"]
        (root / f"p{n:03d}.txt").write_text("\n\n\n".join(stories), "utf-8")
    return root


@pytest.fixture
def held_read(monkeypatch):
    """The whole-folder read waits until the test lets it go (the first glance does not)."""
    go, started = threading.Event(), threading.Event()
    real = library_module.load_cached

    def held(*args, **kwargs):
        started.set()
        assert go.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(library_module, "load_cached", held)
    yield go, started
    go.set()


async def test_the_first_titles_show_while_the_folder_is_read(tmp_path, held_read, monkeypatch):
    import tui.engine.variants.groupcache as groupcache

    go, started = held_read
    grouped = []
    real_groups = groupcache.find_groups
    monkeypatch.setattr(
        groupcache, "find_groups", lambda corpus, **kw: grouped.append(corpus) or real_groups(corpus, **kw)
    )
    app = make_app(big_folder(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: started.is_set() and app.library.loaded and app.reader.built)
        await pilot.pause()
        listed = screen_text(app.reader.files)
        assert "1. 第0版头条" in listed and "2. 第0版次条" in listed  # the first file's titles
        assert "p001.txt" in listed and f"p{GLANCE_FILES + 3:03d}.txt" in listed  # later files by name
        assert app.library.partial and len(app.library.order) == 2 * GLANCE_FILES
        assert "so far" in screen_text(app.reader.query_one("#status"))
        await pilot.press("J", "J", "J")  # reading goes on in what is read
        assert app.reader.article.id == "p001.txt#1"
        assert grouped == []  # the glance is not grouped: its groups would be wrong
        go.set()
        await settle(app, pilot)
        assert not app.library.partial and len(app.library.order) == 2 * FILES
        assert app.reader.article.id == "p001.txt#1"  # still open
        assert len(grouped) == 1 and len(grouped[0].articles) == 2 * FILES
        assert "so far" not in screen_text(app.reader.query_one("#status"))


async def test_open_finds_an_article_past_the_glance_once_the_folder_is_read(tmp_path, held_read):
    go, started = held_read
    app = make_app(big_folder(tmp_path), open_ref=f"p{FILES - 1:03d}.txt#2")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await until(pilot, lambda: started.is_set() and app.library.loaded and app.reader.built)
        assert app.reader.article is None  # not the wrong one meanwhile
        go.set()
        await settle(app, pilot)
        assert app.reader.article.id == f"p{FILES - 1:03d}.txt#2"
        assert not [n for n in app._notifications if "--open" in n.message]


async def test_the_article_last_read_opens_from_the_glance(tmp_path, held_read):
    go, _ = held_read
    folder = big_folder(tmp_path)
    go.set()
    app = make_app(folder, open_ref=f"p{FILES - 3:03d}.txt#2")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
    go.clear()
    again = make_app(folder)
    async with again.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: again.library.loaded and again.reader.article is not None)
        assert again.library.partial and again.reader.article.id == f"p{FILES - 3:03d}.txt#2"
        go.set()
        await settle(again, pilot)


async def test_a_small_folder_is_read_at_once(tmp_path):
    for n in range(3):
        (tmp_path / f"p{n}.txt").write_text(f"# 第{n}篇\n\n内容。\n", "utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert not app.library.partial and app.library.glance(GLANCE_FILES)[0] is None
