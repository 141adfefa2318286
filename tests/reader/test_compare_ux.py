"""The diff and the collation as a new user meets them: what matters first, a legend, folds, where the changes are,
heads that fit 80 columns, no stale lines, moves that land on the paragraph, points counted."""

from __future__ import annotations

import io
import json
import re

from rich.cells import cell_len
from rich.console import Console
from textual.widgets import Static

from .helpers import config_dir, make_app, screen_text, settle

LEAD = "000_0ea74b706e051f9e.txt#2"
HIDDEN_BY_DEFAULT = {"width", "space", "markup"}


async def opened(app, pilot, *keys: str):
    await settle(app, pilot)
    for key in keys:
        await pilot.press(key)
        await settle(app, pilot)
    return app.screen


def summary_of(screen) -> str:
    return str(screen.query_one("#summary").render())


def info_of(screen) -> str:
    return str(screen.query_one("#info").render())


def bar_of(screen) -> str:
    """The kind bar's text (the widget after the summary)."""
    return str(screen.query_one("#summary").parent.children[1].render())


def edit_kinds(view) -> set[str]:
    return {c.kind for r in view.rows for c in r.edits}


# -- 4. the diff leads with what matters -------------------------------------------------------------------------


async def test_a_fresh_diff_hides_width_space_and_markup_and_says_how_many(seeds):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(app, pilot, "d")
        view = screen.view
        assert not edit_kinds(view) & HIDDEN_BY_DEFAULT and "content" in edit_kinds(view)
        assert "125 width, 1 space differences hidden" in summary_of(screen)
        bar = bar_of(screen)
        for kind in ("width", "space", "markup"):
            assert f"✗{kind}" in bar
        assert "✓punct" in bar and "✓script" in bar and "■content" in bar


async def test_each_kind_toggles_from_the_bar_or_the_palette_and_is_remembered(seeds):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(app, pilot, "d")
        view = screen.view
        rows_before = len(view.rows)
        await pilot.press("i")  # the bar, its cursor on the first kind: width
        assert app.focused is not view
        await pilot.press("space")
        await settle(app, pilot)
        assert "width" in edit_kinds(view) and len(view.rows) == rows_before
        assert "width differences hidden" not in summary_of(screen) and "1 space differences hidden" in summary_of(
            screen
        )
        assert "✓width" in bar_of(screen)
        await pilot.press("escape")
        assert app.focused is view
        assert app.settings.hide == {"space", "markup"}
        assert 'hide = ["markup", "space"]' in (config_dir() / "settings.toml").read_text("utf-8")
        # the palette names every kind's toggle
        await pilot.press("ctrl+p", *"hide punct", "enter")
        await settle(app, pilot)
        assert "punct" not in edit_kinds(view) and re.search(r"; \d+ punct, .*differences hidden$", summary_of(screen))
        assert app.settings.hide == {"space", "markup", "punct"}
        # a new comparison starts with the kinds remembered
        await pilot.press("escape", "c")
        await settle(app, pilot)
        assert "✗punct" in bar_of(app.screen) and "✓width" in bar_of(app.screen)
        assert "with markup, punct, space shown" in summary_of(app.screen)


async def test_the_palette_offers_each_action_of_a_comparison_once(seeds):
    from tui.engine.diff.kinds import IGNORABLE
    from tui.reader.commands import ScreenActions
    from tui.reader.screens.compare_commands import CompareCommands

    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(120, 40)) as pilot:
        for key in ("d", "escape", "c"):
            if key == "escape":
                await pilot.press(key)
                continue
            screen = await opened(app, pilot, key)
            keyed = [str(hit.help).split("·")[-1].strip() async for hit in ScreenActions(screen).discover()]
            named = [str(hit.text) async for hit in CompareCommands(screen).discover()]
            assert len(keyed) == len(set(keyed))
            assert {"compare.export", "compare.legend", "compare.fold", "compare.base", "compare.kinds"} <= set(keyed)
            # the kinds by name, and nothing a key already offers (before: Export, Legend, Base twice)
            hidden = app.settings.hide
            assert named == [f"{'Show' if k in hidden else 'Hide'} {k} differences" for k in IGNORABLE]


async def test_question_mark_in_a_comparison_is_its_legend(seeds):
    from tui.engine.diff.kinds import IGNORABLE

    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(120, 40)) as pilot:
        for opener in ("d", "c"):
            screen = await opened(app, pilot, opener)
            await pilot.press("question_mark")
            await pilot.pause()
            legend = app.screen
            assert legend is not screen and type(legend).__name__ == "LegendScreen"
            console = Console(width=160, record=True, file=io.StringIO())
            for part in legend.query(Static):
                console.print(part.content)
            text = console.export_text()
            for mark, words in (("|", "changed"), ("<", "only in A"), (">", "only in B"), ("~", "moved")):
                assert re.search(rf"^\s*{re.escape(mark)}\s+{words}", text, re.MULTILINE), mark
            for kind in ("content", *IGNORABLE):
                assert f" {kind} " in text
            assert "↳ moved to row N" in text and "equal paragraphs …" in text and "(lone)" in text
            assert "Density strip" in text and "Keys" in text
            await pilot.press("question_mark")
            await pilot.pause()
            assert app.screen is screen
            await pilot.press("escape")
            await settle(app, pilot)


async def test_z_folds_runs_of_equal_paragraphs_to_one_line_and_back(seeds):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(app, pilot, "d", "right_square_bracket", "right_square_bracket")
        view = screen.view
        lines, current = len(view.side_by_side.lines), view.current
        await pilot.press("z")
        await pilot.pause()
        folds = [e for e in view.side_by_side.shown if e.part == "fold"]
        assert folds and len(view.side_by_side.lines) < lines and view.current == current
        assert all(all(view.rows[e.row].op == "equal" for e in view.all[f.at : f.at + f.other]) for f in folds)
        view.scroll_to(0, view.side_by_side.line_of(folds[0].at), animate=False, immediate=True)
        await pilot.pause()
        assert f"… {folds[0].other} equal paragraphs …" in screen_text(view)
        await pilot.press("z")
        await pilot.pause()
        assert len(view.side_by_side.lines) == lines and "equal paragraphs" not in screen_text(view)


async def test_a_density_strip_beside_the_scrollbar_shows_where_the_changes_are(seeds):
    """The diff's strip stands for its lines, the collation's for the base text; a click goes there."""
    from tui.render.density import BARS

    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(120, 40)) as pilot:
        for opener in ("d", "c"):
            view = (await opened(app, pilot, opener)).view
            height = view.scrollable_content_region.height
            tags = view.strip_tags()
            assert len(view.bars) == height and any(tags) and not all(tags)
            for y in range(height):
                drawn = view.render_line(y).text[-1]
                assert drawn == view.bars[y][0]
                start = y * len(tags) // height
                end = min(len(tags), max(start + 1, (y + 1) * len(tags) // height))
                assert (drawn != BARS[0]) == any(tags[start:end]), y  # a bar where (and only where) it changes
            await pilot.click(view, offset=(view.styles.padding.left + view.text_width(), height - 1))
            if opener == "d":
                assert view.scroll_y >= view.max_scroll_y * 0.8
            else:  # the first point in the last part of the base text
                c = len(view.jumps) * (height - 1) // height
                points, blocks = app.screen.collation.points, app.screen.point_blocks
                k = blocks.index(view.jumps[c])
                assert points[k].base[1] >= c and (k == 0 or points[k - 1].base[1] < c)
                assert view.scroll_y == min(view.max_scroll_y, view.block_start[blocks[k]])
            await pilot.press("escape")
            await settle(app, pilot)


# -- 5. heads at 80 columns ------------------------------------------------------------------------------------------


async def test_the_heads_lead_with_siglum_and_articles_and_name_the_file_where_it_fits(seeds):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(app, pilot, "d")
        heads = str(screen.query_one("#heads").render())
        a, b = heads.split("│")
        assert a.split() == ["A", "000", "#1-2", "·", "000_0ea74b706e051f9e.txt"]
        assert b.split() == ["B", "001", "#1", "·", "001_f369ed2dbcb57396.txt"]
        await pilot.resize_terminal(60, 24)
        await pilot.pause()
        a, b = str(screen.query_one("#heads").render()).split("│")
        assert a.split() == ["A", "000", "#1-2"] and b.split() == ["B", "001", "#1"]  # no half a file name
        assert cell_len(str(screen.query_one("#heads").render()).rstrip()) <= 60


# -- 6. no stale state, one definition of each thing ----------------------------------------------------------------


async def test_after_w_nothing_describes_the_previous_comparison(seeds):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(app, pilot, "d", "right_square_bracket")
        assert info_of(screen).startswith("row ")
        before = summary_of(screen)
        await pilot.press("w")
        assert not info_of(screen).startswith("row ")
        await settle(app, pilot)
        assert screen.b.startswith("002") and not info_of(screen).startswith("row ")
        assert summary_of(screen) != before and "similarity" in summary_of(screen)


async def test_the_reader_marks_rows_as_the_command_line_does(seeds, capsys):
    from tui.main import main

    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(120, 40)) as pilot:
        view = (await opened(app, pilot, "d")).view
        marks = {}
        for line in view.side_by_side.lines:
            entry = view.side_by_side.shown[line.entry]
            if line.first and entry.part != "fold":
                y = view.side_by_side.line_of(entry.at)
                view.scroll_to(0, y, animate=False, immediate=True)
                await pilot.pause()
                marks.setdefault(view.rows[entry.row].op, view.render_line(0).text[0])
    main(["diff", "000#1-2", "001#1", "--folder", str(seeds), "--width", "200", "--color", "never"])
    out = capsys.readouterr().out
    assert marks["replace"] == "|" and marks["move"] == "~" and marks["delete"] == "<"
    for op, mark in marks.items():
        if op != "equal":
            assert re.search(rf" {re.escape(mark)} ", out), op  # the same mark between the CLI's columns


async def test_the_diffs_similarity_is_the_one_variants_gives_for_the_pair(seeds):
    app = make_app(seeds, open_ref="001#1")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(app, pilot, "d")
        while screen.b != screen.group.base:
            await pilot.press("w")
            await settle(app, pilot)
        member = next(m for m in screen.group.members if m.siglum == screen.a)
        assert f"similarity {member.similarity:.3f}" in summary_of(screen)


# -- 7. moves ------------------------------------------------------------------------------------------------------


async def test_a_moved_paragraph_is_shown_where_each_side_has_it_and_enter_lands_on_it(seeds):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(app, pilot, "d")
        view = screen.view
        departures = [e for e in view.all if e.part == "from"]
        assert departures, "the lead story has moved paragraphs"
        while view.current != departures[0].at:
            await pilot.press("right_square_bracket")
        here = departures[0]
        row = view.rows[here.row]
        shown = screen_text(view)
        assert f"↳ moved to row {here.other + 1}" in shown  # B's side, where A has the paragraph
        assert f"B has it at row {here.other + 1}" in info_of(screen)
        await pilot.press("enter")
        assert view.current == here.other
        shown = screen_text(view)
        assert row.b_text[:12] in shown.replace(" ", "")  # the paragraph itself is on screen...
        assert f"↰ moved from row {here.at + 1}" in shown  # ...with A's note beside it
        await pilot.press("enter")
        assert view.current == here.at


# -- 8. the collation ------------------------------------------------------------------------------------------------


async def test_the_collation_counts_points_and_keeps_wrapped_readings_indented(seeds):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(app, pilot, "c", "right_square_bracket")
        n = len(screen.collation.points)
        assert info_of(screen).startswith(f"point 1 of {n}")
        await pilot.press("right_square_bracket")
        assert info_of(screen).startswith(f"point 2 of {n}")
        view = screen.view
        wrapped = [k for k, (b, _, _) in enumerate(view.lines) if k and view.lines[k - 1][0] == b]
        readings = [k for k in wrapped if view.blocks[view.lines[k][0]].plain.startswith("└ ")]
        assert readings, "a reading wraps at 80 columns"
        for k in readings:
            block = view.blocks[view.lines[k][0]].plain
            indent = cell_len(block[: block.index(": ") + 2])  # under the reading, clear of "└ 002 001: "
            view.scroll_to(0, k, animate=False, immediate=True)
            await pilot.pause()
            line = view.render_line(0).text
            assert line[:indent] == " " * indent and line[indent] != " "
        shared = next(b.plain for b in view.blocks if re.match(r"└ \d{3} \d{3}: ", b.plain))
        assert shared  # sigla of a shared reading, a space between them


async def test_the_collation_hides_kinds_and_says_how_many_points_they_had(seeds, capsys):
    from tui.main import main

    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(app, pilot, "c")
        shown, summary = len(screen.collation.points), summary_of(screen)
        refs = [f"{w.file}#{w.articles[0].index}-{w.articles[-1].index}" for w in screen.group.witnesses]
    main(["collate", *refs, "--folder", str(seeds), "--base", screen.collation.base, "--json"])
    everything = len(json.loads(capsys.readouterr().out)["points"])
    assert shown < everything
    assert f"{shown} variation points ({everything} with markup, space, width shown)" in summary
