"""The command palette in a comparison: each kind shown or hidden by name (``Hide punct differences``).

The keys' actions (export, fold, legend, base…) come from the binding table
(tui/reader/commands.py), once each; these toggles have no key of their own.
The screen the palette was opened from lists them (``commands()``: name,
callback, help), so the palette offers what applies there and then.
"""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider


class CompareCommands(Provider):
    """The kind toggles of the diff or collation screen the palette was opened from."""

    async def discover(self) -> Hits:
        for name, callback, help in self.screen.commands():
            yield DiscoveryHit(name, callback, help=help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help in self.screen.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, text=name, help=help)
