"""Light normalisation and sampled character n-gram shingles for finding variants.

Normalisation keeps what a reprint or an OCR pass does not change: NFKC folds
full- and half-width forms, and everything that is not a letter or a digit
(punctuation, spaces, line breaks, Markdown ``#``/``**``) is dropped.

Shingles are the hashes of every ``SHINGLE``-character window of the
normalised text, sampled by hash value (``hash % SAMPLE == 0``): the same
window is kept or dropped in every article, so two texts that share a passage
share the sampled shingles of that passage, while the index holds only one
window in ``SAMPLE``.  Hashes are Python's string hash: stable within a
process, which is all the index needs (nothing hashed is cached).
"""

from __future__ import annotations

import re
import unicodedata

SHINGLE = 5
SAMPLE = 4

_NOT_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Only letters and digits (CJK ideographs count as letters), NFKC-folded.

    Punctuation goes first, so the (slow) NFKC pass is skipped for the usual
    text whose remaining characters are already normal.
    """
    kept = _NOT_WORD.sub("", text)
    if unicodedata.is_normalized("NFKC", kept):
        return kept
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", kept))


def shingles(norm: str, size: int = SHINGLE, sample: int = SAMPLE) -> frozenset[int]:
    """Sampled hashes of the ``size``-character windows of ``norm``."""
    return frozenset(
        h for h in (hash(norm[i : i + size]) for i in range(len(norm) - size + 1)) if h % sample == 0
    )
