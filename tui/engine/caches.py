"""How a cache recognises the code that made it (where caches live: :mod:`tui.locations`)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType


def source_fingerprint(modules: Sequence[ModuleType]) -> bytes:
    """A digest of the modules' source: a cache made by other code is another cache."""
    h = hashlib.sha256()
    for mod in modules:
        h.update(Path(mod.__file__).read_bytes())
    return h.digest()
