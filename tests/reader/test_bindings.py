"""One table of key bindings: every binding of every screen and widget is in it, and `?` lists it as remapped."""

from __future__ import annotations

import importlib
import io
import pkgutil

from rich.console import Console
from textual.dom import DOMNode
from textual.widgets import Static

import tui.reader
from tui.reader import bindings
from tui.reader.screens.help import HelpScreen

from .helpers import config_dir, make_app, settle


def reader_classes() -> list[type[DOMNode]]:
    """Every app, screen and widget class the reader defines (all of tui.reader imported)."""
    for module in pkgutil.walk_packages(tui.reader.__path__, "tui.reader."):
        importlib.import_module(module.name)
    found, todo = [], [DOMNode]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("tui.reader."):
            found.append(cls)
    return found


def test_every_binding_of_every_screen_and_widget_is_a_row_of_the_table():
    table = {id(b) for _, section in bindings.SECTIONS for b in section}
    classes = reader_classes()
    assert {"NewsreadApp", "ReaderScreen", "BookmarksScreen", "NoteScreen", "FindScreen", "BasePicker"} <= {
        c.__name__ for c in classes
    }
    for cls in classes:
        for binding in cls.__dict__.get("BINDINGS", []):
            assert id(binding) in table, f"{cls.__name__}: {binding} is not in tui/reader/bindings.py"
    ids = [b.id for _, section in bindings.SECTIONS for b in section]
    assert all(ids) and len(ids) == len(set(ids)) == len(bindings.BINDING_IDS)


async def test_help_lists_every_binding_id_with_its_remapped_keys(seeds):
    (config_dir() / "keymap.toml").write_text('"bookmarks.delete" = "x"\n"find.close" = "ctrl+g"\n', "utf-8")
    app = make_app(seeds)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=200, record=True, file=io.StringIO())
        console.print(app.screen.query_one(Static).content)
        rows = {line.split()[-1]: line for line in console.export_text().splitlines() if line.strip()}
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
    assert set(rows) >= bindings.BINDING_IDS
    assert rows["bookmarks.delete"].split()[0] == "x"
    assert rows["find.close"].split()[0] == "^g"
    assert rows["reader.next-article"].split()[0] == "J"


async def test_help_names_tab_enter_and_escape_and_the_keys_textual_brings(seeds):
    app = make_app(seeds)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        console = Console(width=200, record=True, file=io.StringIO())
        console.print(app.screen.query_one(Static).content)
    lines = console.export_text().splitlines()
    first_words = {line.split()[0] for line in lines if line.strip()}
    assert {"tab", "enter", "escape", "shift+tab", "mouse"} <= first_words
    assert any(line.split()[0] == "o" and line.split()[-1] == "files.fold" for line in lines if line.strip())


# j, k and b extend a selection while there is one (ReaderScreen.check_action) and scroll or page otherwise.
GATED = {"reader.select-down", "reader.select-up", "reader.select-word-back"}


def keys_on(table) -> dict[str, list[str]]:
    """Each key of ``table`` with the ids of the bindings on it (the gated selection keys left out)."""
    on: dict[str, list[str]] = {}
    for b in table:
        if b.id not in GATED:
            for key in b.key.split(","):
                on.setdefault(key.strip(), []).append(b.id)
    return on


def test_no_key_is_on_two_bindings_in_one_context():
    for name, table in bindings.SECTIONS:
        assert {k: ids for k, ids in keys_on(table).items() if len(ids) > 1} == {}, name
    # Reading: the screen's keys, the file list's (its focus never takes a reading key) and the app's.
    reading = keys_on(bindings.READER + bindings.FILES + bindings.APP)
    assert {k: ids for k, ids in reading.items() if len(ids) > 1} == {}
    # Comparing: `q` goes back to reading and `?` shows the legend (with the keys) instead of quit and help.
    comparing = keys_on(bindings.COMPARE + bindings.APP)
    assert {k: ids for k, ids in comparing.items() if len(ids) > 1} == {
        "q": ["compare.back", "app.quit"],
        "question_mark": ["compare.legend", "app.help"],
    }
