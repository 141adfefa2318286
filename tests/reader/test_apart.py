"""A big folder is grouped in a process of its own; the reader takes the groups it saved."""

from __future__ import annotations

import shutil

from conftest import SEEDS

import tui.engine.variants.grouping as grouping
import tui.reader.apart as apart

from .helpers import make_app, settle


def spied(monkeypatch):
    """Calls of group_apart (and what each returned) and of the grouping itself, in this process."""
    aparts, here = [], []
    real_apart, real_group = apart.group_apart, grouping.group_items
    monkeypatch.setattr(apart, "group_apart", lambda *a: aparts.append(real_apart(*a)) or aparts[-1])
    monkeypatch.setattr(grouping, "group_items", lambda *a, **kw: here.append(1) or real_group(*a, **kw))
    return aparts, here


async def badges(folder) -> dict[str, int]:
    app = make_app(folder)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        for _ in range(300):  # the child takes a moment to start: its own interpreter
            await settle(app, pilot)
            if app.library.grouped:
                break
        assert app.library.grouped, [n.message for n in app._notifications]
        return app.library.badges()


async def test_a_big_folder_is_grouped_in_another_process(tmp_path, monkeypatch):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    expected = await badges(shutil.copytree(SEEDS, tmp_path / "other"))  # grouped here, as a small folder is
    monkeypatch.setattr(apart, "MIN_ARTICLES", 1)
    aparts, here = spied(monkeypatch)
    got = await badges(folder)
    assert aparts == [True] and here == []  # grouped over there, taken from the store here
    assert got == {k.replace("other", "seeds"): v for k, v in expected.items()} and len(got) > 1


async def test_without_a_usable_store_it_is_grouped_here(tmp_path, monkeypatch):
    from tui.locations import cache_dir

    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    cache_dir().chmod(0o777)  # others could plant groups: the store is not used
    monkeypatch.setattr(apart, "MIN_ARTICLES", 1)
    aparts, here = spied(monkeypatch)
    assert len(await badges(folder)) > 1
    assert aparts == [] and here == [1]
