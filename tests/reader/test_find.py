"""`F`: hits listed by article, and enter opens the chosen hit (not the article's first), n/N going on from it."""

from __future__ import annotations

from textual.widgets import OptionList

from tui.reader.screens.find import FindScreen

from .helpers import make_app, settle

QUERY = "党建"  # 40 hits in 003#1, then more in the lead story's witnesses


async def found(app, pilot) -> None:
    """`F`, the query, enter: the hits are listed."""
    await settle(app, pilot)
    await pilot.press("F", *QUERY, "enter")
    await settle(app, pilot)
    assert isinstance(app.screen, FindScreen)


async def test_hits_are_grouped_by_article_with_a_count(seeds):
    app = make_app(seeds)
    async with app.run_test(size=(120, 40)) as pilot:
        await found(app, pilot)
        hits = app.screen.hits
        options = app.screen.query_one(OptionList)._options
        heads = [o for o in options if o.disabled]
        articles = list(dict.fromkeys(h[0] for h in hits))
        assert len(heads) == len(articles) > 1  # each article's title once...
        for head, article_id in zip(heads, articles):
            count = sum(h[0] == article_id for h in hits)
            assert str(head.prompt).endswith(f"{article_id} · {count} hits")
            assert app.reader.library.article(article_id).title[:10] in str(head.prompt)
        assert len(options) == len(hits) + len(heads)  # ...and every hit under it
        assert app.screen.query_one(OptionList).highlighted == 1  # on the first hit, not on a title


async def test_enter_opens_the_chosen_hit_highlighted_and_n_goes_on_from_it(seeds):
    app = make_app(seeds)
    async with app.run_test(size=(120, 40)) as pilot:
        await found(app, pilot)
        first_article = app.screen.hits[0][0]
        await pilot.press("down", "down", "down", "down")  # the fifth hit of the first article
        await pilot.press("enter")
        await settle(app, pilot)
        pane = app.reader.pane
        assert app.reader.article.id == first_article
        assert pane.query == QUERY and len(pane.hits) > 6
        assert pane.hit == 4
        block, start, _ = pane.hits[4]
        assert pane.scroll_y <= pane.line_of(block, start) < pane.scroll_y + pane.size.height  # on screen
        await pilot.press("n")
        assert pane.hit == 5
        await pilot.press("N", "N")
        assert pane.hit == 3
        assert f"/{QUERY} 4/{len(pane.hits)}" in str(app.reader.query_one("#status").render())
