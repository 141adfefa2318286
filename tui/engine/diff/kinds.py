"""The kinds of a change, each with the fold that makes its differences disappear.

The kinds, in the order :func:`classify` tries them: ``case`` (``THE``
against ``the``; Latin letters, not full-width forms), ``width`` (full-width
and half-width forms, ``，`` against ``,``; the tables are in
:mod:`tui.engine.textfold`), ``script`` (traditional against simplified, by
OpenCC's character table), ``space``, ``markup`` (``#``, ``**``),
``punct``, ``ortho`` (orthographic forms of Latin print: the long s, ``ſ``
against ``s``, and ligatures, ``ﬁ`` against ``fi``, ``æ`` against ``ae``) and
``ocr`` (what OCR engines read for one another in Latin print: ``rn``/``m``,
``li``/``h``, ``cl``/``d``, ``vv``/``w``, and the words ``tho``/``tbe`` for
``the``); anything left is ``content``.  Case, width and script map one
character to one character (``…`` never expands); the others only delete
characters or put one for a run of them (the letters of a ligature read as
the ligature, ``rn`` read as ``m``).  A one-letter change inside a word
(``tho`` against ``the``) is judged on the whole words (:func:`classify_in`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import zip_longest

from tui.engine.textfold import CJK_HALF_WIDTH, simplified_table

KINDS = ("width", "punct", "space", "markup", "script", "case", "ortho", "ocr", "content")
# What `--ignore` and the reader's ignore toggle may drop: every kind but content.
IGNORABLE = tuple(k for k in KINDS if k != "content")

_MARKUP = re.compile(r"\*\*|__|`|^#{1,6}[ \t]+|^>[ \t]?", re.MULTILINE)
# Orthographic forms: the long s is an s; the letters of a ligature are read as the ligature.
LONG_S = {"ſ": "s", "ﬅ": "ﬆ"}
LIGATURES = {
    "ffi": "ﬃ",
    "ffl": "ﬄ",
    "ff": "ﬀ",
    "fi": "ﬁ",
    "fl": "ﬂ",
    "st": "ﬆ",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
}
_LIGATURE = re.compile("|".join(LIGATURES))
# Letter groups an OCR engine reads for one another, each with the reading kept.
OCR_READINGS = {"rn": "m", "li": "h", "cl": "d", "vv": "w", "tho": "the", "tbe": "the", "tbo": "the"}
_OCR = re.compile(r"rn|li|cl|vv|\bt(?:ho|be|bo)\b")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
WORD = 24  # letters looked at either side of a change for its words
WIDEN = 3  # a content change of at most this many letters a side is judged again on its words


@lru_cache(maxsize=4096)
def width_char(ch: str) -> str:
    """One character's width-folded form; never more than one character."""
    if ch in CJK_HALF_WIDTH:
        return CJK_HALF_WIDTH[ch]
    if ch in LONG_S:  # NFKC folds it, but it is a letter form, not a width form
        return ch
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


def script(text: str) -> str:
    """Simplified script, character by character (:func:`tui.engine.textfold.simplified_table`)."""
    return text.translate(simplified_table())


@lru_cache(maxsize=4096)
def case_char(ch: str) -> str:
    """A capital's lower case; a full-width form and a letter whose lower case is longer stay."""
    if not ch.isupper() or unicodedata.east_asian_width(ch) in ("F", "W"):
        return ch
    low = ch.lower()
    return low if len(low) == 1 else ch


def ortho(text: str) -> str:
    """The long s as an s, and the letters of a ligature as the ligature (``fi`` as ``ﬁ``)."""
    return _LIGATURE.sub(_ligature, "".join(LONG_S.get(ch, ch) for ch in text))


def ocr(text: str) -> str:
    """Common OCR confusions read one way: ``rn`` as ``m``, ``tho`` as ``the`` (see the module docstring)."""
    return _OCR.sub(_reading, text)


def _ligature(m: re.Match) -> str:
    return LIGATURES[m.group()]


def _reading(m: re.Match) -> str:
    return OCR_READINGS[m.group()]


def is_punct(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat[0] == "P" or cat in ("So", "Sm", "Sk")


# The fold of each kind but content, in the order classify tries them.
STEPS: dict[str, Callable[[str], str]] = {
    "case": lambda t: "".join(map(case_char, t)),
    "width": lambda t: "".join(map(width_char, t)),
    "script": script,
    "space": lambda t: "".join(t.split()),  # Chinese needs no spaces to read the same
    "markup": lambda t: _MARKUP.sub("", t),
    "punct": lambda t: "".join(ch for ch in t if not is_punct(ch)),
    "ortho": ortho,
    "ocr": ocr,
}


@lru_cache(maxsize=8192)
def _key_char(ch: str) -> str:
    folded = script(width_char(case_char(ch)))
    return "" if folded.isspace() or is_punct(folded) else LONG_S.get(folded, folded)


def key(text: str) -> str:
    """The text with every non-content difference folded away (for comparing paragraphs).

    The same as ``fold_kinds(text, STEPS)`` (markup characters are all
    punctuation), one cached lookup per character because alignment keys
    every paragraph; the ligature and OCR readings only where there are
    Latin letters.
    """
    folded = "".join(map(_key_char, text))
    return ocr(_LIGATURE.sub(_ligature, folded)) if _ASCII_LETTER.search(folded) else folded


def fold_kinds(text: str, kinds: Iterable[str]) -> str:
    """``text`` with the differences of ``kinds`` folded away, in :data:`STEPS` order."""
    wanted = set(kinds)
    for kind, step in STEPS.items():
        if kind in wanted:
            text = step(text)
    return text


def _same_key(a: str, b: str) -> bool:
    """``key(a) == key(b)``, stopping at the first difference (most changes are content).

    Where Latin letters differ a ligature or an OCR reading may still make
    the keys equal (``rn`` against ``m``): only then are the whole keys built.
    """
    keys_a = filter(None, map(_key_char, a))
    keys_b = filter(None, map(_key_char, b))
    if all(x == y for x, y in zip_longest(keys_a, keys_b)):
        return True
    return bool(_ASCII_LETTER.search(a) or _ASCII_LETTER.search(b)) and key(a) == key(b)


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


def classify_in(a: str, b: str, i1: int, i2: int, j1: int, j2: int) -> str:
    """The kind of the change ``a[i1:i2]`` to ``b[j1:j2]``, seen on whole words when it is a letter or two.

    ``tho`` against ``the`` diffs as ``o`` against ``e``: content on its own,
    an OCR confusion on the words.  The change takes the words' kind only if
    they differ in form alone (case, an orthographic form, an OCR reading).
    """
    kind = classify(a[i1:i2], b[j1:j2])
    span = a[i1:i2] + b[j1:j2]
    if kind != "content" or not span or len(span) > 2 * WIDEN or not all(ch.isalpha() for ch in span):
        return kind
    if not _ASCII_LETTER.search(span):
        return kind
    (w1, w2), (v1, v2) = _word(a, i1, i2), _word(b, j1, j2)
    wider = classify(a[w1:w2], b[v1:v2])
    return wider if wider in ("case", "ortho", "ocr") else kind


def _word(text: str, start: int, end: int) -> tuple[int, int]:
    """The letters around ``text[start:end]`` (at most :data:`WORD` either way)."""
    lo, hi = start, end
    while lo > 0 and start - lo < WORD and text[lo - 1].isalpha():
        lo -= 1
    while hi < len(text) and hi - end < WORD and text[hi].isalpha():
        hi += 1
    return lo, hi
