"""The note prompt and the bookmarks panel, driven by Pilot in a tiny host app."""

from dataclasses import replace
from pathlib import Path

import pytest
from conftest import SEEDS
from textual.app import App
from textual.widgets import Input, OptionList, Static

from tui.engine.bookmarks.anchor import (
    Anchorer,
    make_bookmark,
    paragraph_span,
    quote_span,
    text_spans,
)
from tui.engine.bookmarks.store import Store
from tui.engine.ingest.load import load
from tui.reader.screens.bookmarks import BookmarksScreen, NoteScreen

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
        orphan = screen.query_one(OptionList).get_option_at_index(2).prompt
        assert orphan.plain.startswith("ORPHANED") and "␛[31m" in orphan.plain
        noted = screen.query_one(OptionList).get_option_at_index(0).prompt
        assert "乡村 [red]振兴[/red]" in noted.plain
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


async def test_fuzzy_filter_then_enter(entries, store):
    app = Host(lambda: BookmarksScreen(entries, store))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash")
        assert isinstance(app.screen.focused, Input)
        app.screen.query_one("#filter", Input).value = "重大战略"
        await pilot.pause()
        assert ids(app.screen) == [entries[1].bookmark.id]
        app.screen.query_one("#filter", Input).value = "完全不相干的东西xyz"
        await pilot.pause()
        assert ids(app.screen) == []
        app.screen.query_one("#filter", Input).value = "乡村"
        await pilot.pause()
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
