"""The file list as drawn: read rows dimmer than unread ones, every row readable (WCAG 4.5:1), in both themes.

Colours are read from the Pilot screenshot, so a style that the theme
computes right but the list draws wrong (a cursor colour winning over the
read colour, an alpha blended against the wrong background) fails here.
"""

from __future__ import annotations

import shutil

import pytest

from .cells import find, glyph_contrast, read_cells
from .helpers import make_app, settle

READABLE = 4.5
READ, SELECTED, UNREAD = (f"000_0ea74b706e051f9e.txt#{n}" for n in (2, 3, 4))


@pytest.fixture
def folder(tmp_path, seeds):
    for path in seeds.glob("*.txt"):
        shutil.copy(path, tmp_path)
    (tmp_path / "zz_empty.txt").write_text("\n\n", "utf-8")  # a skipped file
    return tmp_path


def title_contrast(app, grid, article_id: str) -> float:
    """The lowest contrast of the article's title as drawn in its row of the list."""
    files = app.reader.files
    article = app.library.article(article_id)
    row = grid[files.region.y + files.nodes[article_id].line - int(files.scroll_y)]
    start = find(row, f"{article.index}. ")
    assert start >= 0, f"{article_id} is not on screen"
    return glyph_contrast(row, start, files.region.right - 1)


def skipped_contrast(app, grid) -> float:
    files = app.reader.files
    row = next(r for r in grid if find(r, "zz_empty.txt") >= 0)
    return glyph_contrast(row, find(row, "zz_empty.txt"), files.region.right - 1)


@pytest.mark.parametrize("theme", ["newsread-dark", "newsread-light"])
async def test_list_rows_as_drawn_read_dimmer_than_unread_and_all_readable(folder, theme):
    app = make_app(folder, open_ref=READ, theme_name=theme)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("J")  # READ was opened, SELECTED is open (the cursor row), UNREAD never was
        await settle(app, pilot)
        for focused in (app.reader.files, app.reader.pane):
            focused.focus()
            await pilot.pause()
            grid = read_cells(app.export_screenshot())
            where = f"{theme}, focus on {focused.id}"
            read, unread = title_contrast(app, grid, READ), title_contrast(app, grid, UNREAD)
            assert read < unread, f"{where}: read {read:.2f} is not dimmer than unread {unread:.2f}"
            assert read >= READABLE, f"{where}: read rows {read:.2f}:1"
            assert unread >= READABLE, f"{where}: unread rows {unread:.2f}:1"
            assert title_contrast(app, grid, SELECTED) >= READABLE, f"{where}: the selected row"
            assert skipped_contrast(app, grid) >= READABLE, f"{where}: skipped files"
