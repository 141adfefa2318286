"""Selecting a passage: v from the top of the view, j/k/w/b extend it, m bookmarks it, y copies it; mouse drag too."""

from __future__ import annotations

from tui.render.words import next_word_end

from .helpers import make_app, settle

LEAD = "000_0ea74b706e051f9e.txt#2"


def text_lines(pane) -> list:
    """The display lines with text, from the top of the view down."""
    return [ln for ln in pane.lines[int(pane.scroll_y) :] if ln.block >= 0 and ln.end > ln.start]


def between(pane, a, b) -> str:
    """The pane's text from display line ``a``'s start to ``b``'s end, paragraphs joined by a blank line."""
    if a.block == b.block:
        return pane.blocks[a.block].text[a.start : b.end]
    return "\n\n".join(
        [pane.blocks[a.block].text[a.start :], *(x.text for x in pane.blocks[a.block + 1 : b.block])]
        + [pane.blocks[b.block].text[: b.end]]
    )


async def open_at_paragraph(app, pilot, block: int):
    """Scroll so that paragraph ``block`` starts at the top of the view."""
    pane = app.reader.pane
    pane.scroll_to(0, pane.line_of(block, 0), animate=False, immediate=True)
    await pilot.pause()
    return pane


async def test_v_selects_the_top_line_and_j_k_w_b_extend_it(seeds):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        pane = await open_at_paragraph(app, pilot, 3)
        top = pane.scroll_y
        first, second, third = text_lines(pane)[:3]
        await pilot.press("v")
        assert pane.selected_text() == between(pane, first, first)
        await pilot.press("j", "j")
        assert pane.selected_text() == between(pane, first, third)
        await pilot.press("k")
        assert pane.selected_text() == between(pane, first, second)
        await pilot.press("k", "k", "k")  # never before the start: the first line stays selected
        assert pane.selected_text() == between(pane, first, first)
        await pilot.press("w")
        text = pane.blocks[first.block].text
        assert pane.selected_text() == text[first.start : next_word_end(text, first.end)]
        await pilot.press("b")
        assert pane.selected_text() == between(pane, first, first)
        assert pane.scroll_y == top  # j/k/w/b moved the selection, not the article
        status = str(app.reader.query_one("#status").render())
        assert "selected" in status and "m mark" in status
        await pilot.press("escape", "j")
        assert pane.selection is None and pane.scroll_y == top + 1


async def test_m_bookmarks_exactly_the_selection(seeds):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        pane = await open_at_paragraph(app, pilot, 3)
        await pilot.press("v", "j", "w", "w")
        (b1, o1), (b2, o2) = pane.selection
        selected = pane.selected_text()
        await pilot.press("m", *"passage", "enter")
        await settle(app, pilot)
        article = app.reader.article
        mine = [p for p in app.library.placed if p.bookmark.note == "passage"]
        assert len(mine) == 1
        start, end = mine[0].anchor.start, mine[0].anchor.end
        assert article.raw[start:end].replace("\n", "") == selected.replace("\n", "")
        spans = app.library.marks_in(article)
        assert (b1, o1, o2 if b1 == b2 else len(pane.blocks[b1].text)) in spans


async def test_y_copies_the_selection_with_its_citation(seeds):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        pane = await open_at_paragraph(app, pilot, 3)
        await pilot.press("v", "j", "j")
        selected = pane.selected_text()
        await pilot.press("y")
        await settle(app, pilot)
        article = app.reader.article
        line = article.paragraphs[3].line
        assert app.clipboard == f"{selected}\n— {article.title}, {article.file}, line {line}"


async def test_a_mouse_drag_selects_the_characters_it_passes(seeds):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        pane = await open_at_paragraph(app, pilot, 3)
        left = pane.content_region.x - pane.region.x  # border and padding before the text
        first, second = text_lines(pane)[:2]
        await pilot.mouse_down(pane, offset=(left + 4, 0))  # the third wide character of the first line
        await pilot.hover(pane, offset=(left + 9, 1))  # to the fifth of the second line
        await pilot.mouse_up(pane, offset=(left + 9, 1))
        text = pane.blocks[first.block].text
        assert pane.selected_text() == text[first.start + 2 : second.start + 5]
        await pilot.click(pane, offset=(left + 2, 3))  # a click drops it
        assert pane.selection is None
