"""Small things a user notices: q leaves a comparison, y says where the copy went, the palette offers every action."""

from __future__ import annotations

from tui.locations import data_dir
from tui.reader.clipboard import CLIPBOARD_FILE
from tui.reader.commands import ScreenActions
from tui.reader.screens.bookmarks import BookmarksScreen
from tui.reader.screens.compare import CollationScreen, DiffScreen

from .helpers import make_app, settle

LEAD = "000_0ea74b706e051f9e.txt#2"


async def test_q_in_the_diff_or_the_collation_goes_back_to_reading_and_ctrl_q_quits(seeds):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        for key, screen in (("d", DiffScreen), ("c", CollationScreen)):
            await pilot.press(key)
            await settle(app, pilot)
            assert isinstance(app.screen, screen)
            await pilot.press("q")
            await settle(app, pilot)
            assert app.screen is app.reader and app.is_running
        await pilot.press("d")
        await settle(app, pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_y_copies_and_says_where_the_text_went(seeds):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("y")
        await settle(app, pilot)
        article = app.reader.article
        first = article.paragraphs[0]
        cite = f"{first.text}\n— {article.title}, {article.file}, line {first.line}"
        assert app.clipboard == cite  # sent to the terminal (OSC 52)
        path = data_dir() / CLIPBOARD_FILE
        assert path.read_text("utf-8") == cite
        notice = [n.message for n in app._notifications][-1]
        assert "OSC 52" in notice and str(path) in notice


async def offered(app) -> dict[str, str]:
    """The palette's actions on the current screen without a query: help text -> key and binding id."""
    provider = ScreenActions(app.screen)
    return {str(hit.text): hit.help async for hit in provider.discover()}


async def test_the_palette_offers_every_action_of_the_screen(seeds):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        ids = {help.split("·")[-1].strip() for help in (await offered(app)).values()}
        wanted = {"reader.diff", "reader.collate", "reader.bookmark", "reader.bookmarks", "app.theme", "reader.raw"}
        assert wanted | {"reader.sidebar", "app.help", "app.quit"} <= ids
        await pilot.press("d")
        await settle(app, pilot)
        ids = {help.split("·")[-1].strip() for help in (await offered(app)).values()}
        assert {"compare.back", "compare.next-witness", "compare.swap", "compare.collate", "app.theme"} <= ids
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("ctrl+p", *"bookmarks panel")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, BookmarksScreen)
