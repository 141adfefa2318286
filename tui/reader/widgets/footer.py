"""The Footer for narrow terminals: when the keys do not all fit, the least needed go first and `?` stays.

Textual's Footer cuts its row at the right edge, which is where the app's
own keys (`?` help, `q` quit) sit.  This one leaves out whole keys instead,
in the reverse of :data:`tui.reader.bindings.FOOTER_FIRST`; keys not named
there go before any that are, rightmost first.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tui.reader import bindings

# Cells a key takes beyond its key and description (Footer's CSS: "padding: 0 1" around
# the key, one after the description); tests/reader/test_narrow.py checks it against the layout.
KEY_PADDING = 3


def key_width(key: FooterKey) -> int:
    return cell_len(key.key_display) + cell_len(key.description) + KEY_PADDING


class KeyFooter(Footer):
    """Footer that drops whole keys, least needed first, to fit its width."""

    fitted = (0, 0, False)  # the width composed for, the cells its keys take, whether keys were left out

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        room = self.size.width
        used = sum(map(key_width, keys))
        dropped = False
        if room:
            active = self.screen.active_bindings
            shown = [k for k in keys if not k.has_class("-command-palette")]
            order = {id(k): bindings.footer_rank(active[k.key].binding.id if k.key in active else None) for k in shown}
            for key in sorted(reversed(shown), key=lambda k: order[id(k)], reverse=True):
                if used <= room:
                    break
                used -= key_width(key)
                keys.remove(key)
                dropped = True
        self.fitted = (room, used, dropped)
        yield from keys

    def on_resize(self) -> None:
        """Compose again only if the keys no longer fit, or some were left out and there is more room."""
        room, used, dropped = self.fitted
        width = self.size.width
        if width != room and (width < used or dropped):
            self.call_after_refresh(self.recompose)
