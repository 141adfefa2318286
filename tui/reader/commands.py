"""Command palette providers: jump to any article by fuzzy title (rapidfuzz); pick a theme by name.

Labels are ``Content`` built from plain text, never markup: a title or a theme
name comes from a file and may hold ``[`` or control characters.
"""

from __future__ import annotations

from functools import partial

from rapidfuzz import fuzz, process
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.theme import ThemeProvider

from tui.render.safe import visible

LIMIT = 30


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
