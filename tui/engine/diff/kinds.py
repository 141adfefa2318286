"""The kinds of a change, each with the fold that makes its differences disappear.

The kinds, in the order :func:`classify` tries them: ``width`` (full-width
and half-width forms, ``，`` against ``,``; the tables are in
:mod:`tui.engine.textfold`), ``script`` (traditional against simplified, by
OpenCC's character table), ``space``, ``markup`` (``#``, ``**``),
``punct``; anything left is ``content``.  Width and script map one character
to one character (``…`` never expands); the others only delete characters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import zip_longest

from tui.engine.textfold import CJK_HALF_WIDTH, simplified_table

KINDS = ("width", "punct", "space", "markup", "script", "content")
# What `--ignore` and the reader's ignore toggle may drop: every kind but content.
IGNORABLE = tuple(k for k in KINDS if k != "content")

_MARKUP = re.compile(r"\*\*|__|`|^#{1,6}[ \t]+|^>[ \t]?", re.MULTILINE)


@lru_cache(maxsize=4096)
def width_char(ch: str) -> str:
    """One character's width-folded form; never more than one character."""
    if ch in CJK_HALF_WIDTH:
        return CJK_HALF_WIDTH[ch]
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


def script(text: str) -> str:
    """Simplified script, character by character (:func:`tui.engine.textfold.simplified_table`)."""
    return text.translate(simplified_table())


def is_punct(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat[0] == "P" or cat in ("So", "Sm", "Sk")


# The fold of each kind but content, in the order classify tries them.
STEPS: dict[str, Callable[[str], str]] = {
    "width": lambda t: "".join(map(width_char, t)),
    "script": script,
    "space": lambda t: "".join(t.split()),  # Chinese needs no spaces to read the same
    "markup": lambda t: _MARKUP.sub("", t),
    "punct": lambda t: "".join(ch for ch in t if not is_punct(ch)),
}


@lru_cache(maxsize=8192)
def _key_char(ch: str) -> str:
    folded = script(width_char(ch))
    return "" if folded.isspace() or is_punct(folded) else folded


def key(text: str) -> str:
    """The text with every non-content difference folded away (for comparing paragraphs).

    The same as ``fold_kinds(text, STEPS)`` (markup characters are all
    punctuation), one cached lookup per character because alignment keys
    every paragraph.
    """
    return "".join(map(_key_char, text))


def fold_kinds(text: str, kinds: Iterable[str]) -> str:
    """``text`` with the differences of ``kinds`` folded away, in :data:`STEPS` order."""
    wanted = set(kinds)
    for kind, step in STEPS.items():
        if kind in wanted:
            text = step(text)
    return text


def _same_key(a: str, b: str) -> bool:
    """``key(a) == key(b)``, stopping at the first difference (most changes are content)."""
    keys_a = filter(None, map(_key_char, a))
    keys_b = filter(None, map(_key_char, b))
    return all(x == y for x, y in zip_longest(keys_a, keys_b))


def classify(a: str, b: str) -> str:
    """The first kind whose fold (with the ones before it) makes ``a`` equal ``b``.

    Every kind folds less than :func:`key` does, so texts whose keys differ
    are ``content`` at once; otherwise the kinds are tried on text alone.
    """
    if not _same_key(a, b):
        return "content"
    done: list[str] = []
    for kind in STEPS:
        done.append(kind)
        if fold_kinds(a, done) == fold_kinds(b, done):
            return kind
    return "content"
