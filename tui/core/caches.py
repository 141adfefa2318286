"""Where the caches live, and how a cache recognises the code that made it.

Kept apart from the caches themselves so that reading the saved segmentation
does not import the grouping code just to find the cache directory.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from platformdirs import user_cache_dir


def cache_dir() -> Path:
    """``NEWSREAD_CACHE_DIR``, else platformdirs' ``user_cache_dir("newsread")``."""
    return Path(os.environ.get("NEWSREAD_CACHE_DIR") or user_cache_dir("newsread"))


def source_fingerprint(modules: Sequence[ModuleType]) -> bytes:
    """A digest of the modules' source: a cache made by other code is another cache."""
    h = hashlib.sha256()
    for mod in modules:
        h.update(Path(mod.__file__).read_bytes())
    return h.digest()
