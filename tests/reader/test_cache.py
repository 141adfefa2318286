"""The reader reads the saved segmentation as the command line does, and says when the cache is not used."""

from __future__ import annotations

import shutil
import threading

from conftest import SEEDS

from tui.engine.ingest import load as load_mod
from tui.engine.ingest.corpuscache import load_cached
from tui.engine.variants import groupcache
from tui.locations import cache_dir
from tui.reader.widgets.file_list import FileList, article_label

from .helpers import make_app, settle


def segmented(monkeypatch) -> list[str]:
    calls = []
    real = load_mod.segment
    monkeypatch.setattr(
        load_mod, "segment", lambda text, relpath="", **kw: calls.append(relpath) or real(text, relpath, **kw)
    )
    return calls


async def test_a_warm_reader_shows_the_saved_titles_before_grouping_ends(tmp_path, monkeypatch):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    corpus = load_cached(folder)  # as `newsread list` leaves it
    calls = segmented(monkeypatch)
    gate = threading.Event()
    real = groupcache.find_groups
    monkeypatch.setattr(groupcache, "find_groups", lambda c, **kw: gate.wait(30) and real(c, **kw))
    app = make_app(folder)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):
            await pilot.pause(0.05)
            if app.library.loaded and app.reader.built and app.reader.waiting is None:
                break  # the list is laid out a frame after the folder is read
        assert app.library.loaded and not app.library.grouped  # the titles are up, the grouping still runs
        labels = {aid: str(node.label) for aid, node in app.reader.query_one(FileList).nodes.items()}
        assert labels == {a.id: article_label(a) for a in corpus.articles}
        assert calls == []  # nothing segmented: every file came from the store
        gate.set()
        await settle(app, pilot)
        assert app.library.grouped


async def test_a_cache_dir_others_can_write_is_not_used_and_the_reader_says_so(tmp_path, monkeypatch):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    load_cached(folder)
    cache_dir().chmod(0o777)
    calls = segmented(monkeypatch)
    app = make_app(folder)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(app, pilot)
        assert len(calls) == 5  # read and segmented: the saved rows are not trusted
        assert any("cache not used" in n.message and "writable by others" in n.message for n in app._notifications)
