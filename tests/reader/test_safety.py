"""File text is shown, never obeyed: markup, actions and escape sequences stay literal."""

from __future__ import annotations

from .helpers import make_app, screen_text, settle

EVIL = "标题 [bold]粗[/] 链接 [@click=app.quit]退出[/]\n\n正文 \x1b[31m红色\x1b[0m 结束 [/] [b]\n"


async def test_markup_and_escapes_shown_literally_and_app_keeps_running(tmp_path):
    (tmp_path / "[red]evil[b]\x1b[31m.txt").write_text(EVIL, "utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        shown = screen_text(app.reader.pane)
        assert "[bold]粗[/]" in shown
        assert "[@click=app.quit]退出[/]" in shown
        assert "␛[31m红色␛[0m" in shown and "\x1b" not in shown
        # clicking the would-be link and pressing keys must not quit
        await pilot.click(app.reader.pane, offset=(10, 0))
        await pilot.press("j", "k")
        await pilot.pause()
        assert app.is_running
        labels = [
            str(app.reader.files.render_label(n, app.reader.files.rich_style, app.reader.files.rich_style))
            for n in app.reader.files.root.children
        ]
        assert any("[red]evil[b]␛[31m.txt" in label for label in labels)
        header = str(app.reader.query_one("#header").render())
        assert "[red]evil[b]␛[31m.txt" in header and "\x1b" not in header
