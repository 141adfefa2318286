"""The note prompt and the bookmarks panel, driven by Pilot in a tiny host app."""

import importlib.util
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS
from textual.app import App
from textual.widgets import Input, Static

from tui.engine.bookmarks.anchor import (
    Anchorer,
    Placed,
    make_bookmark,
    paragraph_span,
    quote_span,
    text_spans,
)
from tui.engine.bookmarks.store import Store
from tui.engine.ingest.load import load
from tui.reader.screens.bookmarks import BookmarksScreen, NoteScreen
from tui.reader.widgets.mark_list import ROW, MarkList

CORPUS = load(SEEDS)
UNSET = object()


class Host(App):
    """Pushes one screen and keeps what it dismissed with."""

    def __init__(self, make_screen) -> None:
        super().__init__()
        self.make_screen = make_screen
        self.result = UNSET

    def on_mount(self) -> None:
        self.push_screen(self.make_screen(), self.done)

    def done(self, result) -> None:
        self.result = result


def bookmark(article_id: str, quote: str, note: str = ""):
    article = CORPUS.article(article_id)
    start, end = quote_span(article, quote)
    return make_bookmark(CORPUS, article, start, end, note)


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "data") as s:
        yield s


@pytest.fixture
def entries(store):
    marks = [
        bookmark("003_d8c59b5a4561fd51.txt#2", "2021年以来,甘肃全面实施乡村振兴战略", "乡村 [red]振兴[/red]"),
        bookmark("001_f369ed2dbcb57396.txt#1", "服务重大战略"),
        replace(
            bookmark("004_80446cc888259cef.txt#4", "四张小桌"),
            exact="早已删去的一段\x1b[31m文字",
            start=0,
            end=3,
            article_start=0,
        ),
    ]
    for b in marks:
        assert store.add_bookmark(b)
    return Anchorer(CORPUS).place(marks)


def ids(screen: BookmarksScreen) -> list[str]:
    return [p.bookmark.id for p in screen.shown]


def screen_lines(screen: BookmarksScreen) -> str:
    view = screen.query_one(MarkList)
    return "\n".join(view.render_line(y).text for y in range(view.size.height))


def row_text(screen: BookmarksScreen, index: int) -> str:
    return "\n".join(t.plain for t in screen.query_one(MarkList).lines_of(index))


async def filter_by(app, pilot, text: str) -> None:
    """Type a filter and wait for the store's answer (asked when typing pauses, in a worker thread)."""
    app.screen.query_one("#filter", Input).value = text
    for _ in range(200):
        await pilot.pause(0.05)
        if app.screen.shown_for == text.strip():
            return
    raise AssertionError(f"no answer for {text!r}")


async def test_note_prompt_returns_the_note_or_none():
    for keys, expected in ((("a", "b", "enter"), "原有ab"), (("x", "escape"), None)):
        app = Host(lambda: NoteScreen("引用的[b]文字[/b]\x1b", "原有"))
        async with app.run_test() as pilot:
            quote = app.screen.query_one("#quote", Static)
            assert str(quote.content) == "引用的[b]文字[/b]␛"  # shown, not obeyed
            assert app.screen.query_one(Input).value == "原有"
            app.screen.query_one(Input).cursor_position = 2
            await pilot.press(*keys)
            await pilot.pause()
        assert app.result == expected


async def test_panel_lists_all_and_jumps_to_the_highlighted(entries, store):
    app = Host(lambda: BookmarksScreen(entries, store))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert ids(screen) == [p.bookmark.id for p in entries]
        orphan = row_text(screen, 2)
        assert orphan.startswith("ORPHANED") and "␛[31m" in orphan
        assert "乡村 [red]振兴[/red]" in row_text(screen, 0)
        await pilot.press("down", "enter")
        await pilot.pause()
    assert app.result is entries[1]


async def test_an_orphan_cannot_be_jumped_to(entries, store):
    app = Host(lambda: BookmarksScreen(entries, store))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.result is UNSET and isinstance(app.screen, BookmarksScreen)
        assert any("orphaned" in n.message for n in app._notifications)


async def test_filter_then_enter(entries, store):
    app = Host(lambda: BookmarksScreen(entries, store))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash")
        assert isinstance(app.screen.focused, Input)
        await filter_by(app, pilot, "重大战略")
        assert ids(app.screen) == [entries[1].bookmark.id]
        await filter_by(app, pilot, "完全不相干的东西xyz")
        assert ids(app.screen) == []
        assert "Nothing matches." in screen_lines(app.screen)
        await filter_by(app, pilot, "  乡村   振兴 ")  # every word, anywhere in title, quote or note
        assert ids(app.screen) == [entries[0].bookmark.id]
        await pilot.press("enter")
        await pilot.pause()
    assert app.result is entries[0]


async def test_letters_typed_in_the_filter_do_not_delete(entries, store):
    app = Host(lambda: BookmarksScreen(entries, store))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", "d", "n")
        await pilot.pause()
        assert app.screen.query_one("#filter", Input).value == "dn"
        assert len(store.bookmarks()) == 3 and isinstance(app.screen, BookmarksScreen)


async def test_edit_note_and_delete_are_saved(entries, store):
    app = Host(lambda: BookmarksScreen(entries, store))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "n")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        app.screen.query_one(Input).value = "新的笔记"
        await pilot.press("enter")
        await pilot.pause()
        panel = app.screen
        assert isinstance(panel, BookmarksScreen)
        assert store.bookmark(entries[1].bookmark.id).note == "新的笔记"
        assert panel.current().bookmark.note == "新的笔记"
        await pilot.press("d")
        await pilot.pause()
        assert store.bookmark(entries[1].bookmark.id) is None
        assert ids(panel) == [entries[0].bookmark.id, entries[2].bookmark.id]
        await pilot.press("escape")
        await pilot.pause()
    assert app.result is None


async def test_a_read_only_store_keeps_the_entry_and_says_why(entries, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    readonly = Store.open(Path(blocker, "data"))
    app = Host(lambda: BookmarksScreen(entries, readonly))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert len(app.screen.shown) == 3
        assert any("cannot be saved" in n.message for n in app._notifications)


class MiniReader(App):
    """The wiring the reader needs, in a few lines: m and M, the last article and its scroll position."""

    BINDINGS = [("m", "bookmark"), ("M", "bookmarks")]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.corpus = load(folder)
        self.store = Store.open()
        last = self.store.last(folder)
        self.article = self.corpus.article(last) if last else self.corpus.articles[0]
        self.scroll_y = self.store.position(folder, self.article.id) or 0.0
        self.jumped = None

    def open_article(self, article_id: str, scroll_y: float) -> None:
        self.article, self.scroll_y = self.corpus.article(article_id), scroll_y
        self.store.set_last(self.folder, article_id)
        self.store.mark_read(self.folder, article_id)
        self.store.set_position(self.folder, article_id, scroll_y)

    def action_bookmark(self) -> None:
        paragraph = self.article.paragraphs[3]  # the reader: the selection, else the first paragraph fully visible

        def save(note: str | None) -> None:
            if note is not None:
                start, end = paragraph_span(paragraph)
                self.store.add_bookmark(make_bookmark(self.corpus, self.article, start, end, note))

        self.push_screen(NoteScreen(paragraph.text), save)

    def action_bookmarks(self) -> None:
        entries = Anchorer(self.corpus).place(self.store.bookmarks())  # the reader: in a worker thread
        self.push_screen(BookmarksScreen(entries, self.store), lambda placed: setattr(self, "jumped", placed))


async def test_bookmark_quit_relaunch_and_jump(tmp_path):
    first = MiniReader(SEEDS)
    async with first.run_test() as pilot:
        first.open_article("003_d8c59b5a4561fd51.txt#2", 42.0)
        await pilot.press("m")
        await pilot.pause()
        first.screen.query_one(Input).value = "回头再读"
        await pilot.press("enter")
        await pilot.pause()
    first.store.close()
    second = MiniReader(SEEDS)
    assert (second.article.id, second.scroll_y) == ("003_d8c59b5a4561fd51.txt#2", 42.0)
    assert second.store.read_ids(SEEDS) == {"003_d8c59b5a4561fd51.txt#2"}
    async with second.run_test(size=(100, 30)) as pilot:
        await pilot.press("M")
        await pilot.pause()
        assert isinstance(second.screen, BookmarksScreen)
        await pilot.press("enter")
        await pilot.pause()
    second.store.close()
    placed = second.jumped
    paragraph = second.article.paragraphs[3]
    assert placed.bookmark.note == "回头再读" and placed.anchor.ref == "003_d8c59b5a4561fd51.txt#2"
    assert (placed.anchor.start, placed.anchor.end) == paragraph_span(paragraph)
    (span,) = text_spans(second.article, placed.anchor.start, placed.anchor.end)
    assert span == (3, 0, len(paragraph.text))  # what the article pane marks


def bench_module(name: str):
    """A module of bench/ (the bookmarks bench measures stalls the way this test does)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


Stalls = bench_module("bench_store").Stalls


async def panel_stalls(tmp_path, count: int, tries: int = 3) -> tuple[float, float]:
    """The longest UI stall while the panel opens on ``count`` bookmarks, and while a filter is typed and applied.

    The least of ``tries``: a stall of the machine is not one of the panel.
    """
    one = bookmark("003_d8c59b5a4561fd51.txt#2", "2021年以来,甘肃全面实施乡村振兴战略")
    marks = [replace(one, id=f"{i:032x}", note=f"笔记 {i}") for i in range(count)]
    (anchor,) = [p.anchor for p in Anchorer(CORPUS).place([one])]
    entries = [Placed(b, anchor) for b in marks]
    opening, typing = [], []
    with Store.open(tmp_path / str(count)) as store:
        store.import_bookmarks(marks)
        app = App()
        async with app.run_test(size=(100, 30)) as pilot:
            for n in range(tries):
                async with Stalls() as stalls:
                    await app.push_screen(BookmarksScreen(entries, store))
                    await pilot.pause()
                opening.append(stalls.longest)
                async with Stalls() as stalls:
                    await filter_by(app, pilot, f"笔记 {count - 1 - n}")
                typing.append(stalls.longest)
                assert ids(app.screen) == [marks[-1 - n].id]
                app.pop_screen()
                await pilot.pause()
    return min(opening), min(typing)


async def test_the_panel_never_stalls_longer_with_many_bookmarks(tmp_path):
    """100,000 bookmarks held the UI 8 s to open and 1 s a filter keystroke; now as long as 200 do."""
    few, many = await panel_stalls(tmp_path, 200), await panel_stalls(tmp_path, 20_000)
    assert many[0] < 3 * few[0] and many[1] < 3 * few[1], (few, many)


async def test_page_keys_and_a_click_move_through_a_long_list(entries, store):
    many = [replace(entries[0], bookmark=replace(entries[0].bookmark, id=f"{i:032x}")) for i in range(100)]
    app = Host(lambda: BookmarksScreen(many, store))
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.query_one(MarkList)
        await pilot.press("end")
        assert view.highlighted == 99 and view.scroll_offset.y > 0
        await pilot.press("home", "pagedown")
        assert 0 < view.highlighted < 99
        await pilot.press("home")
        await pilot.click(MarkList, offset=(5, ROW + 1))
        await pilot.pause()
    assert app.result is many[1]
