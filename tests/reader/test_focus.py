"""Focus never swallows a reading key, and the pane that has it is marked on screen."""

from __future__ import annotations

from textual.widgets import Input

from .cells import read_cells
from .helpers import make_app, settle

LEAD = "000_0ea74b706e051f9e.txt#2"


async def test_reading_keys_act_on_the_article_whatever_has_focus(seeds):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        files, pane = app.reader.files, app.reader.pane
        await pilot.press("J", "K")
        files.focus()
        await pilot.pause()
        page = pane.scrollable_content_region.height - 1
        await pilot.press("space")
        assert pane.scroll_y == page
        await pilot.press("b")
        assert pane.scroll_y == 0
        await pilot.press("j", "j", "k")
        assert pane.scroll_y == 1
        await pilot.press("G")
        assert pane.scroll_y == pane.max_scroll_y > 0
        await pilot.press("g")
        assert pane.scroll_y == 0
        assert app.focused is files
        assert all(node.is_expanded for node in files.root.children if node.allow_expand)  # space folded nothing
        await pilot.press("slash", *"述职", "enter")
        assert pane.hits and pane.hit == 0
        files.focus()
        await pilot.press("n")
        assert pane.hit == 1
        await pilot.press("N")
        assert pane.hit == 0


async def test_after_the_diff_the_list_keeps_focus_and_space_still_pages(seeds):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.reader.files.focus()
        await pilot.press("d")
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is app.reader and app.focused is app.reader.files
        await pilot.press("space")
        assert app.reader.pane.scroll_y > 0


async def test_reading_keys_are_typed_into_the_search_bar(seeds):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"jkbgG n/", "space")
        bar = app.reader.query_one("#searchbar", Input)
        assert app.focused is bar and bar.value == "jkbgG n/ "
        assert app.reader.pane.scroll_y == 0


def left_edge(grid, x: int, rows: range) -> set[str]:
    """The colours drawn in column ``x`` over ``rows`` (a pane's left edge; a bar is drawn as fg, or as bg of ▊)."""
    return {colour for y in rows for colour in (grid[y][x].fg, grid[y][x].bg) if colour}


async def test_the_focused_pane_is_marked_on_screen(seeds):
    for theme in ("newsread-dark", "newsread-light"):
        app = make_app(seeds, open_ref=LEAD, theme_name=theme)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(app, pilot)
            files, pane = app.reader.files, app.reader.pane
            rows = range(pane.region.y, pane.region.bottom)
            mark = app.current_theme.primary.lower()
            seen = {}
            for focused in (files, pane):
                focused.focus()
                await pilot.pause()
                grid = read_cells(app.export_screenshot())
                seen[focused] = (left_edge(grid, files.region.x, rows), left_edge(grid, pane.region.x, rows))
            assert mark in seen[files][0] and mark not in seen[files][1], theme
            assert mark in seen[pane][1] and mark not in seen[pane][0], theme
