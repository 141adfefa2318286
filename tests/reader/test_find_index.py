"""`F` through the folder's search index: pages on demand, OCR-tolerant hits, and reading while it is built."""

from __future__ import annotations

from textual.widgets import OptionList

from tui.engine.search import search as search_mod
from tui.reader.screens.find import MORE, FindScreen, parse

from .helpers import make_app, settle

QUERY = "述职评议考核"  # in four articles of the seeds


async def find(app, pilot, typed: str) -> FindScreen:
    await settle(app, pilot)
    await pilot.press("F")
    await settle(app, pilot)  # the index is built in a worker
    await pilot.press(*typed, "enter")
    await settle(app, pilot)
    assert isinstance(app.screen, FindScreen)
    return app.screen


async def test_f_goes_through_the_index_once_it_is_built(seeds):
    app = make_app(seeds)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await find(app, pilot, QUERY)
        assert screen.search.how == "index"
        assert app.reader.search_index.ready(app.reader.library.corpus) is not None
        assert len({h[0] for h in screen.hits}) == 4 and all(h[3] == QUERY for h in screen.hits)


async def test_pages_come_on_demand_and_go_on_where_the_last_ended(seeds, monkeypatch):
    monkeypatch.setattr(search_mod, "PAGE_ARTICLES", 1)
    app = make_app(seeds)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await find(app, pilot, QUERY)
        hit_list = screen.query_one(OptionList)
        assert len({h[0] for h in screen.hits}) == 1
        assert hit_list.get_option_at_index(hit_list.option_count - 1).id == MORE
        first = list(screen.hits)
        hit_list.highlighted = hit_list.option_count - 1
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.hits[: len(first)] == first and len({h[0] for h in screen.hits}) == 2
        assert hit_list.highlighted is not None and hit_list.get_option_at_index(hit_list.highlighted).id == str(
            len(first)
        )  # on the new page's first hit
        assert [o.id for o in hit_list._options].count(MORE) == 1


async def test_a_fuzzy_hit_opens_highlighted_as_it_is_printed(seeds):
    app = make_app(seeds)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await find(app, pilot, "~述职评仪考核")
        assert screen.search.edits == 1 and screen.hits
        article_id = screen.hits[0][0]
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.reader.article.id == article_id
        assert app.reader.pane.query == QUERY and app.reader.pane.hits


async def test_before_the_index_is_ready_f_reads_the_articles_and_says_so(seeds):
    app = make_app(seeds)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.reader.index_folder = lambda corpus: None  # the index never comes
        await pilot.press("F", *QUERY, "enter")
        await settle(app, pilot)
        screen = app.screen
        assert len({h[0] for h in screen.hits}) == 4
        assert "indexing the folder" in str(screen.query_one("#count").render())


async def test_a_query_that_cannot_be_searched_says_why(seeds):
    app = make_app(seeds)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await find(app, pilot, "~~ab")
        assert not screen.hits and "matches anything" in str(screen.query_one("#count").render())


def test_tildes_ask_for_edits():
    assert parse("~~abc") == ("abc", 2) and parse("abc") == ("abc", 0) and parse("~~~ab") == ("ab", 2)
