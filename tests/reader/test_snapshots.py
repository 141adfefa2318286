"""SVG snapshots of the reader (pytest-textual-snapshot); update with --snapshot-update and look at them.

Config, data and cache dirs are private (conftest), workers are waited for,
and the header names the folder, not its path: the pictures are the same on
every machine.
"""

from __future__ import annotations

import pytest

from .helpers import make_app, settle

LEAD = "000_0ea74b706e051f9e.txt#2"


def after(*keys):
    async def run_before(pilot) -> None:
        await settle(pilot.app, pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot.app, pilot)

    return run_before


SIZES = {"80x24": (80, 24), "160x48": (160, 48)}
THEMES = ("newsread-dark", "newsread-light")


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_list(snap_compare, seeds, size, theme):
    """A first start: the seeds' file list, nothing open yet."""
    assert snap_compare(make_app(seeds, theme_name=theme), terminal_size=SIZES[size], run_before=after())


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_article(snap_compare, seeds, size, theme):
    """The lead story open a line down, the next article read (J, K): unread, read and selected rows."""
    app = make_app(seeds, open_ref=LEAD, theme_name=theme)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=after("J", "K", "j"))


def test_help_screen(snap_compare, seeds):
    assert snap_compare(make_app(seeds, open_ref=LEAD), terminal_size=(120, 40), run_before=after("question_mark"))
