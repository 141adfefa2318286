"""`e` in the diff or the collation: the export is written where the reader says, and only into the data dir when
the reader is served on the network (``NEWSREAD_EXPORTS=data-dir``), whatever path is typed."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from lxml import etree
from textual.widgets import Input

from .helpers import make_app, settle

LEAD = "000_0ea74b706e051f9e.txt#2"


def exports() -> Path:
    return Path(os.environ["NEWSREAD_DATA_DIR"]) / "exports"


def said(app) -> list[str]:
    return [n.message for n in app._notifications]


async def export(app, pilot, opener: str, *keys: str, path: str | None = None):
    """Open the comparison, press e, pick a format with ``keys``, type ``path`` (else keep the default), enter.

    Returns what the prompt said about where exports go, and the path it offered.
    """
    await settle(app, pilot)
    await pilot.press(opener)
    await settle(app, pilot)
    await pilot.press("e")
    await pilot.pause()
    prompt = app.screen
    await pilot.press(*keys)
    await pilot.pause()
    field = prompt.query_one("#path", Input)
    default, where = field.value, str(prompt.query_one("#where").render())
    if path is not None:
        field.value = path
    await pilot.press("enter")
    await settle(app, pilot)
    return where, default


async def test_e_in_the_diff_writes_html_into_the_data_dir_and_says_where(seeds):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(120, 40)) as pilot:
        _, default = await export(app, pilot, "d")
        written = exports() / "diff-000-001.html"
        assert default == str(written) and written.is_file()
        page = written.read_text("utf-8")
        assert page.startswith("<!DOCTYPE html>") and "000_0ea74b706e051f9e.txt#1-2" in page
        assert "125 width, 1 space differences hidden" in page  # what the screen showed, kinds hidden included
        assert any(str(written) in m and "HTML" in m for m in said(app))
        assert str(written) in str(app.screen.query_one("#info").render())
        await pilot.press("e")  # a second export takes a new name: the first is kept
        await pilot.pause()
        assert app.screen.query_one("#path", Input).value == str(exports() / "diff-000-001-2.html")


async def test_the_collation_exports_tei_or_a_table_to_a_typed_path(seeds, tmp_path):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(120, 40)) as pilot:
        target = tmp_path / "lead.xml"
        _, default = await export(app, pilot, "c", "shift+tab", "down", "enter", path=str(target))
        assert default == str(exports() / "collation-000-001-002.xml")  # the default follows the format
        tei = etree.parse(str(target)).getroot()
        assert tei.tag == "{http://www.tei-c.org/ns/1.0}TEI"
        points = len(app.screen.collation.points)
        assert len(tei.findall(".//{http://www.tei-c.org/ns/1.0}app")) == points
        assert any(str(target) in m for m in said(app))
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("shift+tab", "down", "down", "enter", "enter")
        await settle(app, pilot)
        table = list(csv.reader(io.StringIO((exports() / "collation-000-001-002.csv").read_text("utf-8"))))
        assert table[0] == ["point", "base", "000", "001", "002"] and len(table) == points + 1


async def test_a_path_that_cannot_be_written_is_one_message_and_nothing_written(seeds, tmp_path):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(120, 40)) as pilot:
        await export(app, pilot, "d", path=str(tmp_path))  # a folder
        assert any("a folder; not replaced" in m for m in said(app))
        assert list(tmp_path.iterdir()) == []
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(tmp_path / "no" / "such" / "dir.html")
        await pilot.press("enter")
        await settle(app, pilot)
        assert any("cannot write" in m for m in said(app)) and list(tmp_path.iterdir()) == []


async def test_served_on_the_network_a_typed_path_only_names_a_file_in_the_data_dir(seeds, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSREAD_EXPORTS", "data-dir")
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(120, 40)) as pilot:
        where, default = await export(app, pilot, "d", path=str(tmp_path / "evil.html"))
        assert default == "diff-000-001.html"  # a name, not a path
        assert f"exports go to {exports()} only" in where and "keeps only its file name" in where
        assert not (tmp_path / "evil.html").exists() and (exports() / "evil.html").is_file()
        assert any(str(exports() / "evil.html") in m for m in said(app))
        for typed in ("../../escape.html", "~/.bashrc", str(tmp_path)):
            await pilot.press("e")
            await pilot.pause()
            app.screen.query_one("#path", Input).value = typed
            await pilot.press("enter")
            await settle(app, pilot)
        assert sorted(p.name for p in exports().iterdir()) == ["bashrc", "escape.html", "evil.html", tmp_path.name]
        assert list(tmp_path.iterdir()) == []
        # a name in the exports folder that leads out of it (a symlink) is refused, not followed
        (exports() / "link.html").symlink_to(tmp_path / "outside.html")
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = "link.html"
        await pilot.press("enter")
        await settle(app, pilot)
        assert not (tmp_path / "outside.html").exists()
        assert any("leads out of" in m for m in said(app))
