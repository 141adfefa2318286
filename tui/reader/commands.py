"""Command palette provider: jump to any article by fuzzy title (rapidfuzz)."""

from __future__ import annotations

from functools import partial

from rapidfuzz import fuzz, process
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

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
