"""Search across a folder: an SQLite FTS5 trigram index beside the store, exact and OCR-tolerant hits, paged."""
