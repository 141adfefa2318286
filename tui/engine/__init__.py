"""The engine: what the command line and the reader may call (no Textual here).

Five pipelines, one package each:

- ``ingest``: a folder's files decoded, split into articles and paragraphs
  (:func:`load`, :func:`load_cached`; records in :mod:`.model`; ``FILE#N``
  references resolved by :func:`resolve`);
- ``variants``: which articles are copies of one story (:func:`find_groups`);
- ``diff``: two versions side by side (:func:`compare_articles`), many at
  once (:func:`collate`), each change of a kind in :data:`KINDS`; ``export``
  writes a collation as TEI or CSV, and any export
  atomically;
- ``search``: every article searched through a trigram index
  (:class:`Index`, :class:`Search`), exactly or within a few edits;
- ``bookmarks``: saved passages (:class:`Store`) found again in the files as
  they are now (:class:`Anchorer`).

The names below are that API; the front ends import them from the module
named here (``tests/test_layers.py`` holds them to it).  Importing this
package imports none of them, so a command loads only what it uses.
"""

from __future__ import annotations

from importlib import import_module

_API = {
    "tui.engine.model": ("Article", "Paragraph", "Skipped", "Source", "TextFile"),
    "tui.engine.refs": ("RefError", "Resolved", "first_few", "resolve"),
    "tui.engine.ingest.load": ("Corpus", "FolderError", "load"),
    "tui.engine.ingest.corpuscache": ("load_cached",),
    "tui.engine.ingest.glance": ("glance",),
    "tui.engine.caches": ("cache_problem",),
    "tui.engine.ingest.scan": ("DEFAULT_MAX_BYTES", "stamps"),
    "tui.engine.quietgc": ("held",),
    "tui.engine.variants.groupcache": ("find_groups", "load_groups"),
    "tui.engine.variants.grouping": ("Group", "Member"),
    "tui.engine.variants.sigla": ("sigla",),
    "tui.engine.diff.kinds": ("IGNORABLE", "KINDS"),
    "tui.engine.diff.compare": ("Comparison", "Row", "compare_articles", "hide", "paragraphs"),
    "tui.engine.diff.collate": ("Collation", "collate"),
    "tui.engine.export.tei": ("to_tei",),
    "tui.engine.export.table": ("to_csv",),
    "tui.engine.export.files": ("ExportError", "write_atomically"),
    "tui.engine.export.passim": ("lines",),
    "tui.engine.variants.passim": ("ClusterError", "groups_from_clusters", "read_clusters"),
    "tui.engine.bookmarks.bookmark": (
        "AnnotationError",
        "fit_cells",
        "from_collection",
        "quote_too_long",
        "to_collection",
    ),
    "tui.engine.search.index": ("Index", "Unavailable"),
    "tui.engine.search.search": ("MAX_EDITS", "NO_INDEX", "Found", "Page", "QueryError", "Search", "context"),
    "tui.engine.bookmarks.store": ("Store",),
    "tui.engine.bookmarks.anchor": (
        "Anchor",
        "Anchorer",
        "Placed",
        "make_bookmark",
        "paragraph_span",
        "place",
        "quote_span",
        "text_spans",
    ),
}
HOME = {name: module for module, names in _API.items() for name in names}  # name -> the module defining it
__all__ = sorted(HOME)


def __getattr__(name: str):
    """``tui.engine.load`` and the like, imported on first use."""
    if name not in HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(HOME[name]), name)
    globals()[name] = value
    return value
