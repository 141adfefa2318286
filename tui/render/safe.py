"""Make file text safe to print: terminal control characters become visible.

ESC, the other C0 and C1 controls, DEL and the bidi overrides/isolates could
move the cursor, change colours or reorder what the user sees.  Newline and
tab stay; everything else is replaced by one visible character (the Unicode
control pictures for C0 and DEL, ``⍰`` for C1 and bidi controls), so offsets
into the text stay valid for highlights and bookmarks.
"""

from __future__ import annotations

import re

_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + _BIDI + "]")


def _picture(m: re.Match) -> str:
    o = ord(m.group())
    if o < 0x20:
        return chr(0x2400 + o)
    if o == 0x7F:
        return "\u2421"
    return "\u2370"


def visible(text: str) -> str:
    """``text`` with control characters shown instead of obeyed."""
    return UNSAFE.sub(_picture, text)
