"""Light normalisation and sampled character n-gram shingles for finding variants.

The grouping key (:func:`grouping_key`) keeps what a reprint or an OCR pass does not change: NFKC folds
full- and half-width forms, traditional Chinese is folded to simplified (so
editions printed in both scripts group), and everything that is not a letter
or a digit (punctuation, spaces, line breaks, Markdown ``#``/``**``) is dropped.
:func:`match_key` also folds case (one character to one), since OCR and
headline setting change the case of Latin letters from one copy to the next.

Shingles are the hashes of the windows of the normalised text that start on
an *anchor* character (code point divisible by ``SAMPLE``, or outside the
BMP): the same window is kept or dropped in every article, so two texts that
share a passage share the sampled shingles of that passage, while the index
holds about one window in ``SAMPLE``.  A window is ``SHINGLE`` characters
long, or ``LATIN_SHINGLE`` when it starts on a Latin letter: five Chinese
characters are a phrase, five Latin letters (spaces dropped) hardly a word.
Anchoring on a character lets one C-level regex scan pick the windows,
instead of hashing every window in Python.  Hashes are Python's string hash:
stable within a process, which is all the index needs (nothing hashed is
cached).

A C-level regex scan or ``str.translate`` holds the GIL for its whole call:
over a 600,000-character article that is 100-300 ms in which the reader's UI
thread cannot run while the grouping worker does it.  Long texts are
therefore worked on in pieces of ``PIECE`` characters, cut where the result
cannot differ from that of the whole text.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Sequence
from functools import lru_cache

from tui.engine.textfold import simplified_table

SHINGLE = 5
LATIN_SHINGLE = 12
SAMPLE = 8
PIECE = 1 << 14  # characters per C call, a few ms: the GIL is free between calls

_NOT_WORD = re.compile(r"[\W_]+")


def grouping_key(text: str) -> str:
    """Only letters and digits (CJK ideographs count as letters), NFKC-folded, in simplified script.

    Punctuation goes first, so the (slow) NFKC pass is skipped for the usual
    text whose remaining characters are already normal.
    """
    return "".join(map(_piece_key, _pieces(text)))


def _safe_cut(ch: str) -> bool:
    """A letter or digit nothing before it can compose with under NFKC: ASCII, kana, CJK, Hangul syllables.

    A cut before one changes neither the NFKC form of either side nor what the
    other steps (deleting non-word runs, a per-character table) make of them.
    Text in other scripts is cut at the next such character (or not at all):
    always the same key, only less often a pause for the GIL.
    """
    return ch.isalnum() and (
        ch.isascii() or "\u3040" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7a3"
    )


def _pieces(text: str) -> list[str]:
    """``text`` cut into pieces of about ``PIECE`` characters, each cut before a safe character."""
    pieces, start = [], 0
    while len(text) - start > PIECE:
        cut = start + PIECE
        while cut < len(text) and not _safe_cut(text[cut]):
            cut += 1
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def _piece_key(text: str) -> str:
    kept = _kept(text)
    return kept if kept.isascii() else kept.translate(simplified_table())  # ASCII: nothing to fold


def _kept(text: str) -> str:
    """Letters and digits only, NFKC-folded: the grouping key before its character table."""
    kept = _NOT_WORD.sub("", text)
    if not unicodedata.is_normalized("NFKC", kept):
        kept = _NOT_WORD.sub("", unicodedata.normalize("NFKC", kept))
    return kept


@lru_cache(maxsize=1)
def _lower_table() -> dict[int, str]:
    """Upper case to lower case, for every BMP letter whose lower case is one character."""
    out = {}
    for c in range(0x10000):
        ch = chr(c)
        low = ch.lower()
        if low != ch and len(low) == 1:
            out[c] = low
    return out


def match_key(text: str) -> str:
    """:func:`grouping_key` in lower case: what grouping aligns (as long as the grouping key)."""
    key = grouping_key(text)
    if key.lower() == key:  # no letter to fold (Chinese, digits, lower case): the table would change nothing
        return key
    return "".join(key[i : i + PIECE].translate(_lower_table()) for i in range(0, len(key), PIECE))


def match_keys(texts: Sequence[str]) -> list[str]:
    """:func:`match_key` of every text, its two character tables applied to all of them in one array lookup
    (``str.translate`` looks each character up in a dictionary: half the cost of the keys).  For the
    grouping path: it imports numpy."""
    import numpy as np

    kept = ["".join(map(_kept, _pieces(t))) for t in texts]
    codes = np.frombuffer("".join(kept).encode("utf-32-le", "surrogatepass"), np.uint32)
    folded = _fold_codes()[codes].tobytes().decode("utf-32-le", "surrogatepass")
    out, at = [], 0
    for k in kept:
        out.append(folded[at : at + len(k)])
        at += len(k)
    return out


@lru_cache(maxsize=1)
def _fold_codes():  # -> numpy array: every code point to its simplified, then lower-case, code point
    import numpy as np

    def array(table: dict[int, str]) -> np.ndarray:
        codes = np.arange(0x110000, dtype=np.uint32)
        codes[np.fromiter(table, np.int64, len(table))] = np.fromiter(map(ord, table.values()), np.uint32, len(table))
        return codes

    return array(_lower_table())[array(simplified_table())]


def _is_latin(c: int) -> bool:
    name = unicodedata.name(chr(c), "")
    return name.startswith("LATIN ") and "LETTER" in name


def _anchored_windows(size: int, latin_size: int, sample: int) -> re.Pattern[str]:
    anchors = [c for c in range(0, 0x10000, sample) if not 0xD800 <= c < 0xE000]
    latin = "".join(re.escape(chr(c)) for c in anchors if _is_latin(c))
    other = "".join(re.escape(chr(c)) for c in anchors if not _is_latin(c))
    return re.compile(
        f"(?=([{latin}].{{{latin_size - 1}}}|[{other}\U00010000-\U0010ffff].{{{size - 1}}}))",
        re.S,
    )


_WINDOWS = _anchored_windows(SHINGLE, LATIN_SHINGLE, SAMPLE)


def window_starts(norm: str) -> list[tuple[int, str]]:
    """(offset, window) of every sampled window."""
    return [(m.start(), m.group(1)) for m in _WINDOWS.finditer(norm)]


def first_positions(norm: str) -> dict[int, int]:
    """Offset of the first occurrence of every sampled shingle of ``norm``."""
    pos: dict[int, int] = {}
    for m in _WINDOWS.finditer(norm):
        pos.setdefault(hash(m.group(1)), m.start())
    return pos


def shingles(norm: str) -> frozenset[int]:
    """Hashes of the sampled windows of ``norm``, scanned a piece at a time (a window may be found twice)."""
    if len(norm) <= PIECE:  # one scan (most articles): no generator between the regex and the set
        return frozenset(map(hash, _WINDOWS.findall(norm)))
    reach = max(SHINGLE, LATIN_SHINGLE) - 1  # so that every window starting in a piece ends inside its scan
    return frozenset(
        h
        for pos in range(0, len(norm), PIECE)
        for h in map(hash, _WINDOWS.findall(norm, pos, min(len(norm), pos + PIECE + reach)))
    )


def shingle_hashes(norm: str) -> bytes:
    """:func:`shingles` packed as native 64-bit integers: 8 bytes a shingle, which :mod:`.postings` reads as
    an array, where a set spends about 60."""
    return array("q", shingles(norm)).tobytes()
