"""Line-API views (article, diff, text): resizing their scrollable area cheaply."""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView


def set_virtual_size(view: ScrollView, size: Size) -> None:
    """Give ``view`` a new scrollable size and repaint it, without a layout pass of the whole screen.

    Assigning ``virtual_size`` (a layout reactive) reflows every widget on
    the screen, most of the cost of opening the next article; a new line
    count moves no other widget, so only the scrollbars are updated (they
    ask for a layout themselves if they appear or go).
    """
    if size != view.virtual_size:
        view.set_reactive(ScrollView.virtual_size, size)
        view._scroll_update(size)
    view.refresh()
