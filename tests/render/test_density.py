"""The change-density strip: every change shows somewhere, in the slice where it is, with its strongest tag."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.render.density import BARS, density

TAGS = ("content", "delete", "width")
lines = st.lists(st.sampled_from([None, None, None, *TAGS]), max_size=400)


@settings(max_examples=200, deadline=None)
@given(lines, st.integers(1, 60))
def test_each_changed_line_shows_in_its_slice_with_the_strongest_tag(tags, height):
    strip = density(tags, height, TAGS)
    assert len(strip) == height
    for n, tag in enumerate(tags):
        if tag is None:
            continue
        cells = [
            i
            for i in range(height)
            if i * len(tags) // height <= n < max(i * len(tags) // height + 1, (i + 1) * len(tags) // height)
        ]
        assert cells, "every line falls in some cell"
        for i in cells:
            bar, shown = strip[i]
            assert bar != BARS[0] and TAGS.index(shown) <= TAGS.index(tag)
    assert all(tag is None for bar, tag in strip if bar == BARS[0])


def test_the_bar_grows_with_the_share_of_changed_lines():
    tags = [None] * 8 + ["width"] * 2 + [None] * 6 + ["content"] * 8
    assert density(tags, 3, TAGS) == [(BARS[0], None), (BARS[2], "width"), (BARS[8], "content")]
    assert density([], 4, TAGS) == [(BARS[0], None)] * 4
