"""SVG snapshots of the diff and the collation at 80x24 and 160x48, in both themes (update with --snapshot-update,
then look at them as PNGs: rsvg-convert FILE.svg -o FILE.png).

The lead story as a fresh reader shows it: width, space and markup hidden
and said so, the kind bar, the density strip beside the scrollbar, the
heads with siglum and articles first; the diff on its first change (a moved
paragraph, drawn where each side has it), the collation on its first point.
"""

from __future__ import annotations

import pytest

from .helpers import make_app
from .test_snapshots import LEAD, SIZES, after

THEMES = {"dark": "newsread-dark", "light": "newsread-light"}


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("view", ["diff", "collation"])
def test_compare(snap_compare, seeds, view, size, theme):
    app = make_app(seeds, open_ref=LEAD, theme_name=THEMES[theme])
    keys = ("d" if view == "diff" else "c", "right_square_bracket")
    assert snap_compare(app, terminal_size=SIZES[size], run_before=after(*keys))
