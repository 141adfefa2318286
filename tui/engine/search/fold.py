"""What counts as the same character when searching: case, full-width ASCII, line breaks.

The fold keeps length, one character for one, so an offset found in folded
text is an offset in the article's text.  Index and query are folded alike,
so the trigram index and the check of its candidates agree on what a hit is.
"""

from __future__ import annotations

import re

from tui.engine.textfold import BREAKS_AS_SPACE, FULL_WIDTH_ASCII

# Applied after lowercasing: full-width forms (lowercased already) to ASCII, a final sigma to sigma,
# line breaks to spaces, and a lone surrogate (an undecodable byte of a name or text) to U+FFFD
# (SQLite takes UTF-8 only).
_TABLE = {ord(k): v for k, v in (FULL_WIDTH_ASCII | BREAKS_AS_SPACE).items()}
_TABLE[ord("ς")] = "σ"
_TABLE.update(dict.fromkeys(range(0xD800, 0xE000), "\ufffd"))
# The characters of the table: str.translate looks every character up (8x slower on Chinese text).
_FOLDED = re.compile("[" + "".join(f"\\u{k:04x}" for k in _TABLE if not 0xD800 <= k < 0xE000) + "\\ud800-\\udfff]")


def folded(text: str) -> str:
    """``text`` lowercased and folded, the same length as ``text``."""
    low = text.lower()
    if len(low) != len(text):  # a letter that lowercases to two (İ): keep it as it is
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return _FOLDED.sub(lambda m: _TABLE[ord(m.group())], low)
