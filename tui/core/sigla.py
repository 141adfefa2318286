"""Sigla: the short names that label the witnesses of a story (``000``, ``001``).

A siglum is the shortest prefix of a file's name that no other file of the
set shares, stretched to the end of the letter or digit run it stops in, so
``000_0ea7….txt`` gives ``000`` and ``apple.txt``/``banana.txt`` give
``apple``/``banana`` rather than ``a``/``b``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePosixPath


def _stem(relpath: str) -> str:
    return PurePosixPath(relpath).stem


def _run_end(name: str, i: int) -> int:
    """End of the alphanumeric run that character ``i - 1`` belongs to."""
    if i <= 0 or not name[i - 1].isalnum():
        return i
    kind = name[i - 1].isdigit()
    while i < len(name) and name[i].isalnum() and name[i].isdigit() == kind:
        i += 1
    return i


def _shortest_unique(name: str, others: Sequence[str]) -> str:
    for i in range(1, len(name) + 1):
        if not any(o.startswith(name[:i]) for o in others):
            return name[: _run_end(name, i)]
    return name


def sigla(relpaths: Sequence[str]) -> dict[str, str]:
    """Map each relpath to its siglum among ``relpaths`` (file stems, or whole paths when stems clash)."""
    stems = [_stem(p) for p in relpaths]
    names = stems if len(set(stems)) == len(stems) else list(relpaths)
    return {
        p: _shortest_unique(n, names[:i] + names[i + 1 :])
        for i, (p, n) in enumerate(zip(relpaths, names))
    }
