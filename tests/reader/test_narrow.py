"""The reader at 80x24: list titles cut with an ellipsis, untitled fragments by their first words, `?` in the Footer,
and the sidebar hidden and shown with one key."""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets._footer import FooterKey

from tui.reader.bindings import footer_rank
from tui.reader.widgets.file_list import article_label
from tui.reader.widgets.footer import KeyFooter, key_width

from .cells import find, read_cells
from .helpers import make_app, settle

LEAD = "000_0ea74b706e051f9e.txt#2"


async def test_list_titles_are_cut_with_an_ellipsis_at_a_cell_boundary(seeds):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        files = app.reader.files
        grid = read_cells(app.export_screenshot())
        region = files.scrollable_content_region
        cut = 0
        for article_id, node in files.nodes.items():
            y = node.line - int(files.scroll_y)
            if not 0 <= y < region.height:
                continue
            row = grid[region.y + y][region.x : region.right]
            shown = "".join(c.char for c in row).rstrip()
            label = article_label(app.library.article(article_id))
            start = find(row, label[:3])
            assert start >= 0, f"{article_id}: {shown!r} does not show {label!r}"
            if cell_len(label) > region.width - start:
                cut += 1
                kept = shown[shown.index(label[:3]) :]
                assert kept.endswith("…"), shown
                assert label.startswith(kept[:-1]), shown  # the title itself, up to the cut: no half character
                assert start + cell_len(kept) <= region.width
        assert cut >= 5  # most seed titles are longer than the 80-column list


async def test_an_untitled_fragment_shows_its_first_words(seeds):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        files = app.reader.files
        untitled = [a for a in app.library.order if a.untitled]
        assert untitled
        grid = read_cells(app.export_screenshot())
        for article in untitled:
            node = files.nodes[article.id]
            y = files.scrollable_content_region.y + node.line - int(files.scroll_y)
            if y < files.scrollable_content_region.bottom:
                assert find(grid[y], article.title[:4]) >= 0, "".join(c.char for c in grid[y])


def footer_keys(app):
    """(shown, left out) binding ids of the Footer's keys, and the footer row as drawn."""
    footer = app.screen.query_one(KeyFooter)
    active = app.screen.active_bindings
    drawn = [k for k in footer.query(FooterKey) if not k.has_class("-command-palette")]
    shown = [active[k.key].binding.id for k in drawn]
    wanted = {a.binding.id for a in active.values() if a.binding.show and a.binding.id != "app.palette"}
    palette = footer.query_one(".-command-palette", FooterKey)
    for key in footer.query(FooterKey):
        assert key.outer_size.width == key_width(key), key.key  # what the footer counts is what is drawn
        assert footer.region.x <= key.region.x and key.region.right <= footer.region.right, key.key
        assert key is palette or key.region.right <= palette.region.x, key.key
    return shown, wanted - set(shown)


async def test_the_footer_keeps_help_and_leaves_out_the_least_needed_keys_first(seeds):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        for screen_keys in ((), ("d",), ("escape", "c")):
            await pilot.press(*screen_keys)
            await settle(app, pilot)
            shown, left_out = footer_keys(app)
            help_key = "compare.legend" if screen_keys else "app.help"  # `?` in a comparison: legend and keys
            assert help_key in shown and left_out, app.screen
            assert min(map(footer_rank, left_out)) >= max(map(footer_rank, shown))
            footer_row = "".join(c.char for c in read_cells(app.export_screenshot())[-1])
            assert ("? Legend" if screen_keys else "? Help") in footer_row
        await pilot.press("escape")
        await pilot.resize_terminal(160, 48)
        await settle(app, pilot)
        assert footer_keys(app)[1] == set()  # wide enough: every key


async def test_backslash_hides_and_shows_the_file_list(seeds):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        files, pane = app.reader.files, app.reader.pane
        narrow = pane.scrollable_content_region.width
        files.focus()
        await pilot.press("backslash")
        await pilot.pause()
        assert not files.display and app.focused is pane
        assert pane.outer_size.width == app.screen.size.width and pane.scrollable_content_region.width > narrow
        await pilot.press("backslash")
        await pilot.pause()
        assert files.display and pane.scrollable_content_region.width == narrow
