"""Command palette providers: every action of the screen, any article by fuzzy title (rapidfuzz), a theme by name.

Labels are ``Content`` built from plain text, never markup: a title or a theme
name comes from a file and may hold ``[`` or control characters (and a key
such as ``[`` would be read as markup too).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape
from textual.theme import ThemeProvider

from tui.reader import bindings
from tui.render.safe import visible

LIMIT = 30


class ScreenActions(Provider):
    """What the keys of the screen under the palette do (diff, collate, bookmarks, theme, toggles …), keys shown.

    Taken from the screen's active bindings, so an action shows only where
    its key would work, remapped keys are the ones shown, and a binding
    added to the table is offered here without more code.
    """

    def _actions(self) -> Iterator[tuple[str, str, object]]:
        keymap = getattr(self.app, "keymap", {})
        seen = set()
        for active in self.screen.active_bindings.values():
            b = active.binding
            if not b.id or b.id in seen or b.id == "app.palette" or not active.enabled:
                continue
            seen.add(b.id)
            keys = bindings.key_label(self.app, keymap, b)
            help = escape(f"{keys}  ·  {b.id}")  # the palette reads help as markup; a key may be "["
            yield b.tooltip, help, partial(self.app.run_action, b.action, active.node)

    async def discover(self) -> Hits:
        for label, help, run in self._actions():
            yield DiscoveryHit(Content(label), run, text=label, help=help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, help, run in self._actions():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, Content(label), run, text=label, help=help)


class ArticleTitles(Provider):
    """Every article of the folder, matched on ``title file#n``."""

    def _choices(self) -> list[tuple[str, str]]:
        corpus = self.app.library.corpus
        if corpus is None:
            return []
        return [(visible(f"{a.title}  {a.id}"), a.id) for a in corpus.articles]

    async def discover(self) -> Hits:
        for label, article_id in self._choices()[:LIMIT]:
            yield DiscoveryHit(Content(label), partial(self.app.goto, article_id), text=label, help="open article")

    async def search(self, query: str) -> Hits:
        from rapidfuzz import fuzz, process  # only when the palette is searched: not on the start-up path

        choices = self._choices()
        labels = [label for label, _ in choices]
        for label, score, n in process.extract(query, labels, scorer=fuzz.WRatio, limit=LIMIT, score_cutoff=40):
            yield Hit(
                score / 100, Content(label), partial(self.app.goto, choices[n][1]), text=label, help="open article"
            )


class ThemeNames(ThemeProvider):
    """Textual's theme picker, with each name shown as text (Textual's own parses it as markup)."""

    async def discover(self) -> Hits:
        for name, pick in self.commands:
            yield DiscoveryHit(Content(visible(name)), pick, text=name)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, pick in self.commands:
            if (score := matcher.match(name)) > 0:
                yield Hit(score, Content(visible(name)), pick, text=name)
