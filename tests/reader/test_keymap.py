"""keymap.toml remaps binding ids to keys; unknown ids are reported, not fatal."""

from __future__ import annotations

from tui.reader.keymap import load_keymap

from .helpers import config_dir, make_app, settle


def test_load_keymap_reports_unknown_ids_and_bad_values(tmp_path):
    path = tmp_path / "keymap.toml"
    path.write_text('"reader.next-article" = "ctrl+n, L"\n"nope" = "x"\n"reader.raw" = 3\n', "utf-8")
    keymap, notices = load_keymap(path, {"reader.next-article", "reader.raw"})
    assert keymap == {"reader.next-article": "ctrl+n,L"}
    assert len(notices) == 2 and any("'nope'" in n for n in notices) and any("reader.raw" in n for n in notices)


def test_missing_keymap_is_no_notice(tmp_path):
    assert load_keymap(tmp_path / "none.toml", set()) == ({}, [])


async def test_remapped_key_moves_to_next_article(seeds):
    (config_dir() / "keymap.toml").write_text('"reader.next-article" = "L"\n', "utf-8")
    app = make_app(seeds, open_ref="000#1")
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("L")
        assert app.reader.article.id.endswith("#2")
        await pilot.press("J")  # the old key is gone
        assert app.reader.article.id.endswith("#2")


async def test_dialog_and_bookmarks_panel_keys_are_remappable(seeds):
    keymap = '"find.close" = "ctrl+g"\n"help.close" = "h"\n"picker.close" = "ctrl+g"\n"bookmarks.close" = "x"\n'
    (config_dir() / "keymap.toml").write_text(keymap, "utf-8")
    app = make_app(seeds, open_ref="000_0ea74b706e051f9e.txt#2")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert not [n.message for n in app._notifications if "keymap" in n.message]
        start = app.screen
        for opener, closer in (("F", "ctrl+g"), ("question_mark", "h"), ("M", "x")):
            await pilot.press(opener)
            await settle(app, pilot)
            dialog = app.screen
            assert dialog is not start
            if opener == "M":
                assert "x close" in str(dialog.query_one("#help").render())  # the hint follows the keymap
            await pilot.press("escape")  # the default key is gone
            await pilot.pause()
            assert app.screen is dialog
            await pilot.press(closer)
            await pilot.pause()
            assert app.screen is start
        await pilot.press("d")
        await settle(app, pilot)
        diff = app.screen
        await pilot.press("B")
        await pilot.pause()
        assert app.screen is not diff
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert app.screen is diff
