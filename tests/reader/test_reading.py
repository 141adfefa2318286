"""Driving the reader from the keyboard on the seeds (and a few small folders)."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from tui.engine.ingest.load import load
from tui.reader.widgets.article_view import ArticleView

from .helpers import make_app, screen_text, settle

LEAD = "000_0ea74b706e051f9e.txt#2"


async def test_enter_opens_and_JK_cross_file_boundaries(seeds):
    corpus = load(seeds)
    last_of_000 = [a for a in corpus.articles if a.file.startswith("000")][-1]
    first_of_001 = next(a for a in corpus.articles if a.file.startswith("001"))
    app = make_app(seeds)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.reader.article is None
        await pilot.press("enter")  # the cursor starts on the first article
        await pilot.pause()
        assert app.reader.article.id == corpus.articles[0].id
        assert app.focused is app.reader.pane
        for _ in range(len([a for a in corpus.articles if a.file.startswith("000")]) - 1):
            await pilot.press("J")
        assert app.reader.article.id == last_of_000.id
        await pilot.press("J")
        assert app.reader.article.id == first_of_001.id
        await pilot.press("K")
        assert app.reader.article.id == last_of_000.id
        assert str(app.reader.article.file) in app.reader.where


async def test_scroll_keys_and_status(seeds):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        pane = app.reader.pane
        assert app.reader.article.id == LEAD
        await pilot.press("j", "j")
        assert pane.scroll_y == 2
        await pilot.press("space")
        assert pane.scroll_y == 2 + pane.scrollable_content_region.height - 1
        await pilot.press("b", "g")
        assert pane.scroll_y == 0
        await pilot.press("G")
        assert pane.scroll_y == pane.max_scroll_y > 0
        await pilot.pause()
        status = str(app.reader.query_one("#status").render())
        assert "100% read" in status and "article 2 of" in status


async def test_search_in_article_with_n_and_N(seeds):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        pane = app.reader.pane
        await pilot.press("slash", *"述职", "enter")
        expected = sum(p.text.count("述职") for p in app.reader.article.paragraphs)
        assert len(pane.hits) == expected > 3
        assert pane.hit == 0
        await pilot.press("n", "n")
        assert pane.hit == 2
        await pilot.press("N")
        assert pane.hit == 1
        block, start, _ = pane.hits[1]
        y = pane.line_of(block, start)
        assert pane.scroll_y <= y < pane.scroll_y + pane.size.height  # the hit is on screen
        await pilot.press("escape")
        assert pane.hits == [] and pane.query == ""


async def test_raw_toggle_shows_markup_and_keeps_place(seeds):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        pane = app.reader.pane
        assert "# 全面提高" not in screen_text(pane)
        await pilot.press("r")
        assert pane.raw and screen_text(pane).lstrip().startswith("# 全面提高")
        await pilot.press("r")
        assert not pane.raw


async def test_next_unread_skips_read_articles(seeds):
    corpus = load(seeds)
    app = make_app(seeds, open_ref=corpus.articles[0].id)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("J", "J", "g")  # 1, 2, 3 read
        app.reader.open_article(corpus.articles[0])
        await pilot.press("u")
        assert app.reader.article.id == corpus.articles[3].id
        assert {a.id for a in corpus.articles[:4]} <= app.reader.files.read


async def test_copy_paragraph_with_citation(seeds):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        article = app.reader.article
        await pilot.press("y")
        first = article.paragraphs[0]
        assert app.clipboard == f"{first.text}\n— {article.title}, {article.file}, line {first.line}"


async def test_corpus_search_jumps_to_hit(seeds):
    app = make_app(seeds)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("F", *"静音车厢", "enter")
        await settle(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.article.id == "001_f369ed2dbcb57396.txt#4"
        assert app.reader.pane.query == "静音车厢" and app.reader.pane.hits


async def test_command_palette_jumps_by_fuzzy_title(seeds):
    app = make_app(seeds)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p", *"普京表示", "enter")
        await settle(app, pilot)
        assert app.reader.article.id == "001_f369ed2dbcb57396.txt#3"


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (200, 60)])
async def test_resizes_without_crash_or_overlong_rows(seeds, size):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("j")
        top = app.reader.pane.anchor()
        await pilot.resize_terminal(*size)
        await pilot.pause()
        pane = app.reader.query_one(ArticleView)
        width = pane.scrollable_content_region.width
        assert all(
            cell_len(pane.blocks[ln.block].text[ln.start : ln.end]) <= width for ln in pane.lines if ln.block >= 0
        )
        for y in range(pane.size.height):
            assert pane.render_line(y).cell_length == width
        assert pane.anchor()[0] == top[0]  # same paragraph at the top


async def test_quit(seeds):
    app = make_app(seeds)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0 and not app.is_running


async def test_skipped_files_greyed_with_reason_and_tab_moves_focus(tmp_path):
    (tmp_path / "a.txt").write_text("# 标题\n\n正文。\n", "utf-8")
    (tmp_path / "empty.txt").write_text("\n\n", "utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        files = app.reader.files
        skipped = [n for n in files.root.children if n.data.__class__.__name__ == "Skipped"]
        assert len(skipped) == 1
        label = files.render_label(skipped[0], files.rich_style, files.rich_style)
        assert "empty.txt" in label.plain and "empty" in label.plain.split("—")[1]
        assert any(span.style == files.get_component_rich_style("files--skipped", partial=True) for span in label.spans)
        assert app.focused is files
        await pilot.press("tab")
        assert app.focused is app.reader.pane
        await pilot.press("tab")
        assert app.focused is files


async def test_the_start_hint_wraps_at_80_columns(seeds):
    app = make_app(seeds)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.reader.article is None
        shown = " ".join(line.strip() for line in screen_text(app.reader.pane).splitlines())
        assert app.reader.pane.placeholder in shown  # every word on screen, none cut at the edge


async def test_the_scrollbar_follows_the_article_length(tmp_path):
    (tmp_path / "a.txt").write_text("# 短的一篇\n\n一段话。\n", "utf-8")
    (tmp_path / "b.txt").write_text(
        "# 长的一篇\n\n" + "\n\n".join(f"第{n}段。" + "新闻内容" * 30 + "。" for n in range(60)) + "\n\n全文完。\n",
        "utf-8",
    )
    app = make_app(tmp_path, open_ref="a.txt#1")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        pane = app.reader.pane
        assert pane.max_scroll_y == 0 and pane.vertical_scrollbar.window_virtual_size == len(pane.lines)
        await pilot.press("J")
        await pilot.pause()
        assert app.reader.article.id == "b.txt#1"
        assert pane.max_scroll_y == len(pane.lines) - pane.scrollable_content_region.height > 0
        assert pane.vertical_scrollbar.window_virtual_size == len(pane.lines)  # the thumb is sized for this article
        await pilot.press("G")
        await pilot.pause()
        assert pane.scroll_y == pane.max_scroll_y and "全文完。" in screen_text(pane)
        await pilot.press("K")
        await pilot.pause()
        assert pane.max_scroll_y == 0 and pane.vertical_scrollbar.window_virtual_size == len(pane.lines)


async def test_a_worker_result_arriving_while_quitting_is_dropped(seeds):
    app = make_app(seeds)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        corpus = app.library.corpus
    # the screen is gone: a late result (bookmarks placed, groups found) must not raise
    app._deliver(app._marks_placed, corpus, [])
    app._deliver(app.show_groups, corpus, [])


async def test_a_capped_article_ends_with_a_note_that_is_no_paragraph(tmp_path, monkeypatch):
    import tui.reader.widgets.article_view as article_view

    monkeypatch.setattr(article_view, "SHOWN_MAX", 300)
    (tmp_path / "a.txt").write_text(
        "# 很长的一篇\n\n" + "\n\n".join(f"第{n}段，内容。" * 8 for n in range(40)) + "\n", "utf-8"
    )
    app = make_app(tmp_path, open_ref="a.txt#1")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        pane = app.reader.pane
        assert sum(len(b.text) for b in pane.blocks) == 300
        await pilot.press("G")
        await pilot.pause()
        shown = " ".join(line.strip() for line in screen_text(pane).splitlines())
        assert "more characters are not shown here" in shown and "newsread show a.txt#1" in shown
        assert 0 <= pane.first_whole_block() < len(pane.blocks)  # m and y act on a shown paragraph
        assert pane.search("characters") == 0  # the note is not article text
