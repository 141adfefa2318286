"""Sigla: the short names witnesses go by (``000``, ``001``, ``002``).

A file's siglum is the shortest prefix of its name, cut at a word boundary
(before ``_``, ``-``, ``.``, a space or the end of the stem), that no other
name in the set shares; names that cannot be told apart that way keep their
whole relative path.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_BOUNDARY = re.compile(r"[_\-. ]")


def _candidates(relpath: str) -> list[str]:
    name = relpath.rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name[1:] else name
    cuts = [m.start() for m in _BOUNDARY.finditer(stem) if m.start()] + [len(stem)]
    return [stem[:c] for c in cuts] + [relpath]


def sigla(relpaths: Sequence[str]) -> list[str]:
    """One siglum per path, in order; equal paths get equal sigla."""
    names = [_candidates(p) for p in relpaths]
    out = []
    for k, cands in enumerate(names):
        others = [n for j, n in enumerate(names) if relpaths[j] != relpaths[k]]
        out.append(
            next((c for c in cands if not any(o[-1].rsplit("/", 1)[-1].startswith(c) for o in others)), relpaths[k])
        )
    return out
