"""Word steps, for extending a selection by a word (`w`) or taking one back (`b`).

A word is a run of Latin letters and digits, or one Chinese (wide)
character: Chinese is not written with spaces, and one character is the
smallest unit a reader picks.  The closing punctuation that follows a word
(``，。」`` and ``,.;``) belongs to it, so a selection can end on a full stop.
"""

from __future__ import annotations

import unicodedata

from rich.cells import get_character_cell_size

from tui.render.wrap import NO_LINE_START


def _kind(ch: str) -> str:
    """``w`` a wide letter (one is a word), ``l`` a narrow letter or digit, ``c`` closing punctuation, ``s`` else."""
    if ch in NO_LINE_START:
        return "c"
    if unicodedata.category(ch)[0] in "LN":
        return "w" if get_character_cell_size(ch) == 2 else "l"
    return "s"


def next_word_end(text: str, i: int) -> int:
    """The end of the first word after offset ``i``, with its closing punctuation (``len(text)`` if none)."""
    n = len(text)
    while i < n and _kind(text[i]) in "sc":
        i += 1
    if i < n and _kind(text[i]) == "w":
        i += 1
    else:
        while i < n and _kind(text[i]) == "l":
            i += 1
    while i < n and _kind(text[i]) == "c":
        i += 1
    return i


def previous_word_end(text: str, i: int) -> int:
    """The end of the word before the one that ends at offset ``i`` (0 if none): `b` takes back a `w`."""
    while i > 0 and _kind(text[i - 1]) == "c":
        i -= 1
    if i > 0 and _kind(text[i - 1]) == "w":
        i -= 1
    else:
        while i > 0 and _kind(text[i - 1]) == "l":
            i -= 1
    while i > 0 and _kind(text[i - 1]) == "s":
        i -= 1
    return i
