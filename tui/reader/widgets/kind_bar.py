"""The kind bar: which kinds of difference a comparison shows, one toggle each.

``content`` is always shown; every other kind (:data:`IGNORABLE`: width,
punct, space, markup, script, and any the engine adds) is shown or hidden
with `space` on the bar (`i` goes to it) or a click.  Each kind is drawn as
the diff draws it, so the bar is also the legend of those colours.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widget import Widget

from tui.engine.diff.kinds import IGNORABLE
from tui.reader import bindings
from tui.reader.widgets.looks import looks

SHOWN, HIDDEN = "✓", "✗"


class KindBar(Widget, can_focus=True):
    """``show ■content ✓width ✗space …``: the kinds shown (✓) and hidden (✗)."""

    BINDINGS = bindings.KIND_BAR
    COMPONENT_CLASSES = {"kinds--cursor", "kinds--off"}
    DEFAULT_CSS = """
    KindBar { height: 1; background: $panel; padding: 0 1; }
    KindBar:focus { background: $boost; }
    KindBar > .kinds--off { color: $text-muted; text-style: strike; }
    KindBar > .kinds--cursor { text-style: reverse bold; }
    """

    class Changed(Message):
        """The user showed or hid a kind: ``hidden`` are the kinds hidden now."""

        def __init__(self, hidden: frozenset[str]) -> None:
            super().__init__()
            self.hidden = hidden

    class Done(Message):
        """The user left the bar (escape)."""

    def __init__(self, hidden: frozenset[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hidden = frozenset(hidden) & set(IGNORABLE)
        self.cursor = 0
        self._spans: list[tuple[int, int]] = []  # cells of each toggle, for clicks

    def render(self) -> Text:
        tags = looks(self.app)[0]
        text = Text("show ")
        text.append("■content", style=tags["content"])
        self._spans = []
        for n, kind in enumerate(IGNORABLE):
            text.append(" ")
            start = text.cell_len
            off = kind in self.hidden
            style = self.get_component_rich_style("kinds--off") if off else tags[kind]
            if self.has_focus and n == self.cursor:
                style += self.get_component_rich_style("kinds--cursor")
            text.append((HIDDEN if off else SHOWN) + kind, style=style)
            self._spans.append((start, text.cell_len))
        return text

    def action_move(self, step: int) -> None:
        self.cursor = (self.cursor + step) % len(IGNORABLE)
        self.refresh()

    def action_toggle(self) -> None:
        self.set_hidden(self.hidden ^ {IGNORABLE[self.cursor]})

    def set_hidden(self, hidden: frozenset[str]) -> None:
        self.hidden = frozenset(hidden)
        self.refresh()
        self.post_message(self.Changed(self.hidden))

    def action_done(self) -> None:
        self.post_message(self.Done())

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        for n, (start, end) in enumerate(self._spans):
            if start <= offset.x < end:
                self.cursor = n
                self.action_toggle()
                return

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
