"""Sigla: the short names witnesses go by (``000``, ``001``, ``002``).

A file's siglum is the shortest prefix of its name, cut at a word boundary
(before ``_``, ``-``, ``.``, a space or the end of the stem), that no other
name in the set shares; names that cannot be told apart that way keep their
whole relative path.  A file whose layout or records name its witness
(:attr:`.model.Source.witness`: ``sn85058396 1916-04-08 ed-1``, a JSON lines
series) goes by that name, with its page added when two files share it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from tui.engine.model import Source

_BOUNDARY = re.compile(r"[_\-. ]")


def _candidates(relpath: str) -> list[str]:
    name = relpath.rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name[1:] else name
    cuts = [m.start() for m in _BOUNDARY.finditer(stem) if m.start()] + [len(stem)]
    return [stem[:c] for c in cuts] + [relpath]


def sigla(relpaths: Sequence[str], sources: Sequence[Source | None] = ()) -> list[str]:
    """One siglum per path, in order; equal paths get equal sigla; ``sources`` (one per path) name witnesses."""
    names = [_candidates(p) for p in relpaths]
    named = dict(zip(relpaths, sources))
    labels = {p: s.witness for p, s in named.items() if s is not None and s.witness}
    counts = Counter(labels.values())
    out = []
    for k, cands in enumerate(names):
        label = labels.get(relpaths[k])
        if label:
            page = named[relpaths[k]].page
            out.append(label if counts[label] == 1 or not page else f"{label} {page}")
            continue
        others = [n for j, n in enumerate(names) if relpaths[j] != relpaths[k]]
        out.append(
            next((c for c in cands if not any(o[-1].rsplit("/", 1)[-1].startswith(c) for o in others)), relpaths[k])
        )
    return out
