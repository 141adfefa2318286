"""newsread: a terminal reader for folders of news text with variant diffs."""

__version__ = "0.1.0"
