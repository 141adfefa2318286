"""Comparing from the reader: the lead story's diff and collation, driven by keys."""

from __future__ import annotations

from collections import Counter

from tui.engine.diff.kinds import KINDS
from tui.reader.screens.compare import CollationScreen, DiffScreen
from tui.reader.screens.reader import ReaderScreen
from tui.reader.widgets.diff_view import DiffView

from .helpers import make_app, screen_text, settle

LEAD = "000_0ea74b706e051f9e.txt#2"


async def opened(app, pilot, key: str):
    """The screen ``key`` opens on the lead story, its work done."""
    await settle(app, pilot)
    await pilot.press(key)
    await settle(app, pilot)
    return app.screen


async def test_lead_diff_steps_cycles_swaps_and_goes_back(seeds):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(app, pilot, "d")
        assert app.reader.files.badges[LEAD] == 3
        assert isinstance(screen, DiffScreen)
        view = screen.query_one(DiffView)
        a, b = screen.a, screen.b
        assert a.startswith("000") and b.startswith("001")
        assert view.rows and any(r.op != "equal" for r in view.rows)
        # ] walks the changed entries in order
        seen = []
        for _ in range(3):
            await pilot.press("right_square_bracket")
            seen.append(view.current)
        assert seen == view.changed()[:3]
        y = view.side_by_side.line_of(seen[-1])
        assert view.scroll_y <= y < view.scroll_y + view.size.height
        await pilot.press("left_square_bracket")
        assert view.current == seen[1]
        # w cycles the other witness
        await pilot.press("w")
        await settle(app, pilot)
        assert screen.b.startswith("002") and screen.a == a
        await pilot.press("w")
        await settle(app, pilot)
        assert screen.b == b
        # s swaps the sides
        await pilot.press("s")
        await settle(app, pilot)
        assert (screen.a, screen.b) == (b, a)
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen) and app.reader.article.id == LEAD


async def test_collation_shows_points_with_sigla_lone_and_consensus(seeds):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(app, pilot, "c")
        assert isinstance(screen, CollationScreen)
        collation = screen.collation
        assert len(collation.witnesses) == 3 and collation.points
        assert collation.base == screen.group.base  # the most central witness, as `variants` names it
        text = "\n".join(b.plain for b in screen.view.blocks)
        assert "Consensus text" in text and "Variation points" in text
        assert any(p.lone for p in collation.points) and "(lone)" in text and "(consensus)" in text
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert screen.point == 1
        shown = screen_text(screen.view)
        assert shown.splitlines()[0].startswith("2. ")
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_no_variants_says_so(seeds):
    app = make_app(seeds, open_ref="003#3")
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(await opened(app, pilot, "d"), ReaderScreen)
        assert any("no variants" in n.message for n in app._notifications)


async def test_B_chooses_the_base_witness(seeds):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(app, pilot, "d")
        assert screen.a.startswith("000")
        await pilot.press("B", "down", "down", "enter")
        await settle(app, pilot)
        assert screen.a.startswith("002") and screen.b != screen.a
        assert str(screen.query_one("#heads").render()).startswith(" A 002")


async def test_witnesses_too_long_to_lay_out_get_a_pointer_to_the_command_line(seeds, monkeypatch):
    import tui.reader.screens.compare as compare_screen

    monkeypatch.setattr(compare_screen, "SHOWN_MAX", 1000)  # the lead story is about 4,700 characters
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(app, pilot, "d")
        assert isinstance(screen, DiffScreen) and screen.comparison is None
        summary = str(screen.query_one("#summary").render())
        assert "too long to compare here" in summary and "newsread diff" in summary
        await pilot.press("right_square_bracket")  # nothing to step through, and no crash
        assert screen.view.rows == ()
        await pilot.press("c")
        await settle(app, pilot)
        assert isinstance(app.screen, CollationScreen) and "newsread collate" in str(
            app.screen.query_one("#summary").render()
        )
        await pilot.press("right_square_bracket")
        assert app.screen.view.blocks == []


async def test_a_too_long_pair_after_a_shown_one_clears_the_old_rows(seeds, monkeypatch):
    import tui.reader.screens.compare as compare_screen

    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(app, pilot, "d")
        assert screen.view.rows
        lengths = {w.siglum: sum(len(a.text) for a in w.articles) for w in screen.group.witnesses}
        monkeypatch.setattr(compare_screen, "SHOWN_MAX", max(lengths[screen.a], lengths[screen.b]))
        (third,) = [s for s in lengths if s not in (screen.a, screen.b)]
        assert lengths[third] > compare_screen.SHOWN_MAX  # 002 is the longest witness of the lead story
        await pilot.press("w")
        await settle(app, pilot)
        assert screen.view.rows == () and screen.comparison is None
        assert "too long to compare here" in str(screen.query_one("#summary").render())


async def test_the_summary_wraps_rather_than_losing_its_end_at_80_columns(seeds):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(app, pilot, "d")
        summary = screen.query_one("#summary")
        assert summary.size.height >= 2
        shown = " ".join(strip.text.strip() for strip in summary.render_lines(summary.region.reset_offset))
        assert shown.split() == str(summary.render()).split()  # every word of it on screen


def _ref(witness) -> str:
    first, last = witness.articles[0].index, witness.articles[-1].index
    return f"{witness.file}#{first}" + (f"-{last}" if last != first else "")


def _cli(capsys, *argv) -> str:
    from tui.main import main

    main(list(argv))
    return capsys.readouterr().out


async def test_the_reader_and_the_cli_count_and_sum_up_the_lead_story_alike(seeds, capsys):
    """Whole inserted or deleted paragraphs are rows, not content changes, in both; the kinds hidden named alike."""
    import json

    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(app, pilot, "d")
        a, b = screen.witness(screen.a), screen.witness(screen.b)
        rows = screen.query_one(DiffView).rows
        shown = str(screen.query_one("#summary").render())
        kinds = Counter(c.kind for r in rows for c in r.changes if r.op in ("replace", "move"))
        ops = Counter(r.op for r in rows)
    assert (a.siglum, b.siglum) == ("000", "001")
    hidden = ("--ignore", "width,space,markup")  # what a fresh reader hides
    data = json.loads(_cli(capsys, "diff", _ref(a), _ref(b), "--folder", str(seeds), "--json", *hidden))
    stats = data["stats"]
    assert {k: stats[k] for k in KINDS} == {k: kinds[k] for k in KINDS}
    assert {op: stats[op] for op in ops} == dict(ops)
    assert stats["delete"] + stats["insert"] > 0  # the lead story has a whole paragraph on one side only...
    assert f"{stats['content']} content" in shown  # ...and it is not counted as a content change
    text = _cli(capsys, "diff", _ref(a), _ref(b), "--folder", str(seeds), "--width", "400", *hidden)
    assert shown == text.splitlines()[-1]
    assert shown.endswith(f"; {data['hidden']['width']} width, {data['hidden']['space']} space differences hidden")


async def test_the_reader_and_the_cli_show_variation_points_in_the_same_context(seeds, capsys):
    app = make_app(seeds, open_ref=LEAD)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(app, pilot, "c")
        refs = [_ref(w) for w in screen.group.witnesses]
        collation = screen.collation
        heads = [screen.view.blocks[n].plain for n in screen.point_blocks]
    hidden = ("--ignore", "width,space,markup")  # what a fresh reader hides
    text = _cli(capsys, "collate", *refs, "--folder", str(seeds), "--base", collation.base, *hidden)
    assert heads == [line for line in text.splitlines() if line[:1].isdigit() and ". " in line]
    # eight characters of the base either side, on a point with no line break near it
    base = collation.base_text
    k, (s, e) = next(
        (k, p.base)
        for k, p in enumerate(collation.points)
        if p.base[0] >= 8 and "\n" not in base[p.base[0] - 8 : p.base[1] + 8]
    )
    assert heads[k] == f"{k + 1}. {base[s - 8 : s]}[{base[s:e]}]{base[e : e + 8]}"
