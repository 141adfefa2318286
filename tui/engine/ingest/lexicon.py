"""Word counts over a folder, the evidence for rejoining words cut at line ends.

OCR pages print ``su-`` / ``preme`` and often lose the hyphen (``su`` /
``preme``).  Whether a cut word is ``supreme`` or ``co-operating`` is decided
by how the folder itself spells the word where no line break cuts it, so only
words *inside* a line are counted: the first and last word of every line may
be a fragment and count nothing.  Words are lower-cased runs of Latin letters,
with inner hyphens and apostrophes (``co-operating``, ``don't``).

Because the counts are the folder's, a new file can change how another file
is reflowed; the saved segmentation keeps what each page asked of the lexicon
(:mod:`.corpuscache`) and segments a page again when an answer changes.
Loading a folder puts its lexicon in place (:func:`using`) for every page it
segments; a page segmented on its own counts its own words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# Lower-case Latin letters (explicit ranges: several times faster than a Unicode class here).
_L = "a-z\u00b5\u00df-\u00f6\u00f8-\u024f\u1e00-\u1eff"
# A word: letters, with single hyphens or apostrophes between letter runs (linear: the
# separators are not letters, so a run can only be matched one way).
_W = rf"[{_L}]+(?:['’-][{_L}]+)*"
WORD = re.compile(_W)
_FIRST = re.compile(rf"^[^{_L}\n]*({_W})", re.MULTILINE)  # on the reversed text: each line's last word
_ONLY = re.compile(rf"^[^{_L}\n]*({_W})[^{_L}\n]*$", re.MULTILINE)


class Lexicon:
    """How often each word occurs inside a line, over some texts."""

    def __init__(self, counts: Counter[str] | None = None) -> None:
        self.counts: Counter[str] = counts if counts is not None else Counter()

    @classmethod
    def of(cls, texts: Iterable[str]) -> Lexicon:
        return cls(inner_words("\n".join(texts)))

    def __getitem__(self, word: str) -> int:
        return self.counts.get(word.lower(), 0)

    def hyphen_kept(self, left: str, right: str) -> bool:
        """Is ``left-`` / ``right`` the hyphenated word (``co-operating``) rather than a syllable break?

        The folder decides: the hyphenated spelling is kept when it occurs
        more often than the solid one.  With no evidence either way a hyphen
        before a capital or a digit is kept (``Anglo-`` / ``American``) and
        any other is a syllable break.
        """
        solid, hyphenated = self[left + right], self[left + "-" + right]
        if solid != hyphenated:
            return hyphenated > solid
        return not right[:1].islower()

    def split_word(self, left: str, right: str) -> bool:
        """Is ``left`` / ``right`` (no hyphen) one word cut by the line end?

        Only when the folder knows the joined word (at least twice) and knows
        neither half as a word of its own: ``su`` / ``preme``, never
        ``to`` / ``day`` (both halves are words).
        """
        return self[left + right] >= 2 and not self[left] and not self[right]


def inner_words(text: str) -> Counter[str]:
    """Counts of the words of ``text`` that are neither the first nor the last word of their line."""
    low = text.lower()
    every = Counter(WORD.findall(low))
    every.subtract(Counter(_FIRST.findall(low)))
    every.subtract(Counter(w[::-1] for w in _FIRST.findall(low[::-1])))
    every.update(Counter(_ONLY.findall(low)))  # a line of one word lost it twice
    return +every


_FOLDER: ContextVar[Lexicon | None] = ContextVar("folder_lexicon", default=None)


@contextmanager
def using(lexicon: Lexicon) -> Iterator[Lexicon]:
    """Segment with ``lexicon`` (a folder's words) inside this block."""
    token = _FOLDER.set(lexicon)
    try:
        yield lexicon
    finally:
        _FOLDER.reset(token)


def current() -> Lexicon | None:
    """The lexicon put in place by :func:`using`, if any."""
    return _FOLDER.get()
