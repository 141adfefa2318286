"""SVG snapshots of the reader (pytest-textual-snapshot); update with --snapshot-update and look at them.

Config, data and cache dirs are private (conftest), workers are waited for,
and the header names the folder, not its path: the pictures are the same on
every machine.
"""

from __future__ import annotations

from .helpers import make_app, settle

LEAD = "000_0ea74b706e051f9e.txt#2"


def after(*keys):
    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot.app, pilot)

    return run_before


def test_start_screen(snap_compare, seeds):
    assert snap_compare(make_app(seeds), terminal_size=(120, 40), run_before=after())


def test_article(snap_compare, seeds):
    assert snap_compare(make_app(seeds, open_ref=LEAD), terminal_size=(120, 40), run_before=after("j"))


def test_article_light_theme(snap_compare, seeds):
    app = make_app(seeds, open_ref=LEAD, theme_name="newsread-light")
    assert snap_compare(app, terminal_size=(120, 40), run_before=after("j"))


def test_article_80x24(snap_compare, seeds):
    assert snap_compare(make_app(seeds, open_ref=LEAD), terminal_size=(80, 24), run_before=after())


def test_lead_story_diff_000_vs_001(snap_compare, seeds):
    app = make_app(seeds, open_ref=LEAD)
    assert snap_compare(app, terminal_size=(120, 40), run_before=after("d", "right_square_bracket"))


def test_lead_story_diff_light_theme(snap_compare, seeds):
    app = make_app(seeds, open_ref=LEAD, theme_name="newsread-light")
    assert snap_compare(app, terminal_size=(120, 40), run_before=after("d", "right_square_bracket"))


def test_collation(snap_compare, seeds):
    assert snap_compare(make_app(seeds, open_ref=LEAD), terminal_size=(120, 40), run_before=after("c"))


def test_help_screen(snap_compare, seeds):
    assert snap_compare(make_app(seeds, open_ref=LEAD), terminal_size=(120, 40), run_before=after("question_mark"))
