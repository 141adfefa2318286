"""Normalisations that decide what kind of change a difference is.

Each function returns a :class:`Normalized`: the new text and, for every
character of it, the offset of the original character it came from, so a
highlight computed on normalised text lands on the characters the user sees.
Width and script map one character to one character (``…`` never expands),
so their offsets never shift; the others only delete characters.

The kinds, in the order :func:`classify` tries them: ``width`` (full-width
and half-width forms, ``，`` against ``,``), ``script`` (traditional against
simplified, only when a converter is importable), ``space``, ``markup``
(``#``, ``**``), ``punct``; anything left is ``content``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import zip_longest

from tui.engine.textfold import CJK_HALF_WIDTH

KINDS = ("width", "punct", "space", "markup", "script", "content")
# What `--ignore` and the reader's ignore toggle may drop: every kind but content.
IGNORABLE = tuple(k for k in KINDS if k != "content")

_MARKUP = re.compile(r"\*\*|__|`|^#{1,6}[ \t]+|^>[ \t]?", re.MULTILINE)


@dataclass(frozen=True)
class Normalized:
    """Normalised ``text``; ``origin[i]`` is the original offset of ``text[i]``."""

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original range covered by normalised range [start, end)."""
        if start >= end:
            at = self.origin[start] if start < len(self.origin) else self._end()
            return at, at
        return self.origin[start], self.origin[end - 1] + 1

    def _end(self) -> int:
        return self.origin[-1] + 1 if self.origin else 0


@lru_cache(maxsize=4096)
def width_char(ch: str) -> str:
    """One character's width-folded form; never more than one character."""
    if ch in CJK_HALF_WIDTH:
        return CJK_HALF_WIDTH[ch]
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


def width(text: str) -> Normalized:
    return Normalized("".join(map(width_char, text)), tuple(range(len(text))))


def _converter() -> Callable[[str], str] | None:
    """A traditional-to-simplified converter, if one happens to be installed."""
    try:
        import opencc  # type: ignore[import-not-found]

        return opencc.OpenCC("t2s").convert
    except Exception:
        pass
    try:
        import zhconv  # type: ignore[import-not-found]

        return lambda s: zhconv.convert(s, "zh-hans")
    except Exception:
        return None


_TO_SIMPLIFIED = _converter()


def script(text: str) -> Normalized:
    """Simplified script, character by character (a converter's phrase rules could shift offsets)."""
    if _TO_SIMPLIFIED is None:
        return Normalized(text, tuple(range(len(text))))
    out = []
    for ch in text:
        conv = _TO_SIMPLIFIED(ch)
        out.append(conv if len(conv) == 1 else ch)
    return Normalized("".join(out), tuple(range(len(text))))


def _keep(text: str, keep: Iterable[bool]) -> Normalized:
    pairs = [(i, ch) for (i, ch), k in zip(enumerate(text), keep) if k]
    return Normalized("".join(ch for _, ch in pairs), tuple(i for i, _ in pairs))


def space(text: str) -> Normalized:
    """Without whitespace and line breaks (Chinese needs no spaces to read the same)."""
    return _keep(text, (not ch.isspace() for ch in text))


def is_punct(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat[0] == "P" or cat in ("So", "Sm", "Sk")


def punct(text: str) -> Normalized:
    return _keep(text, (not is_punct(ch) for ch in text))


def markup(text: str) -> Normalized:
    """Without Markdown markup: ``**``, ``__``, backquotes, heading ``#`` and quote ``>``."""
    drop = [False] * len(text)
    for m in _MARKUP.finditer(text):
        drop[m.start() : m.end()] = [True] * (m.end() - m.start())
    return _keep(text, (not d for d in drop))


STEPS: dict[str, Callable[[str], Normalized]] = {
    "width": width,
    "script": script,
    "space": space,
    "markup": markup,
    "punct": punct,
}


def chain(text: str, kinds: Iterable[str]) -> Normalized:
    """Apply the normalisations of ``kinds`` in :data:`STEPS` order, composing the offset maps."""
    wanted = set(kinds)
    cur = Normalized(text, tuple(range(len(text))))
    for kind, step in STEPS.items():
        if kind in wanted:
            nxt = step(cur.text)
            cur = Normalized(nxt.text, tuple(cur.origin[i] for i in nxt.origin))
    return cur


@lru_cache(maxsize=8192)
def _key_char(ch: str) -> str:
    folded = script(width_char(ch)).text
    return "" if folded.isspace() or is_punct(folded) else folded


def key(text: str) -> str:
    """The text with every non-content difference folded away (for comparing paragraphs).

    The same as ``chain(text, STEPS).text`` (markup characters are all
    punctuation), one cached lookup per character because alignment keys
    every paragraph.
    """
    return "".join(map(_key_char, text))


# Text-only twins of STEPS (no offset maps): what classify needs, cheap on huge spans.
_FOLDS: dict[str, Callable[[str], str]] = {
    "width": lambda t: "".join(map(width_char, t)),
    "script": lambda t: script(t).text if _TO_SIMPLIFIED is not None else t,
    "space": lambda t: "".join(t.split()),
    "markup": lambda t: _MARKUP.sub("", t),
    "punct": lambda t: "".join(ch for ch in t if not is_punct(ch)),
}


def fold_kinds(text: str, kinds: Iterable[str]) -> str:
    """``chain(text, kinds).text`` without building the offset map."""
    wanted = set(kinds)
    for kind, step in _FOLDS.items():
        if kind in wanted:
            text = step(text)
    return text


def _same_key(a: str, b: str) -> bool:
    """``key(a) == key(b)``, stopping at the first difference (most changes are content)."""
    keys_a = filter(None, map(_key_char, a))
    keys_b = filter(None, map(_key_char, b))
    return all(x == y for x, y in zip_longest(keys_a, keys_b))


def classify(a: str, b: str) -> str:
    """The first kind whose normalisation (with the ones before it) makes ``a`` equal ``b``.

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
