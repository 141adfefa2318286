"""Make file text and names safe to print: control characters and undecodable bytes become visible.

ESC, the other C0 and C1 controls, DEL and the bidi overrides/isolates could
move the cursor, change colours or reorder what the user sees.  Newline and
tab stay; everything else is replaced by one visible character (the Unicode
control pictures for C0 and DEL, ``⍰`` for C1 and bidi controls), so offsets
into the text stay valid for highlights and bookmarks.

A name that is not UTF-8 (``a\\xff.txt`` is a legal file name on Linux) comes
from the OS with each bad byte as a lone surrogate (``\\udcff``, Python's
surrogateescape).  No terminal or UTF-8 stream can take those, so each is shown
as the escape ``\\xff``.  Only names hold them (text decoded from files never
does), so this widening moves no offset that a highlight relies on.
"""

from __future__ import annotations

import re

_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_SURROGATES = "\ud800-\udfff"
UNSAFE = re.compile(f"[{_CONTROLS}{_BIDI}]")
SURROGATE = re.compile(f"[{_SURROGATES}]")
_SHOWN = re.compile(f"[{_CONTROLS}{_BIDI}{_SURROGATES}]")


def _escape(m: re.Match) -> str:
    """``\\xff`` for a byte that surrogateescape kept, ``\\ud800`` for any other lone surrogate."""
    o = ord(m.group())
    return f"\\x{o - 0xDC00:02x}" if 0xDC80 <= o <= 0xDCFF else f"\\u{o:04x}"


def _picture(m: re.Match) -> str:
    o = ord(m.group())
    if o < 0x20:
        return chr(0x2400 + o)
    if o == 0x7F:
        return "\u2421"
    if 0xD800 <= o <= 0xDFFF:
        return _escape(m)
    return "\u2370"


def visible(text: str) -> str:
    """``text`` with control characters shown instead of obeyed, and undecodable bytes as ``\\xff``."""
    return _SHOWN.sub(_picture, text)


def utf8_safe(text: str) -> str:
    """``text`` with only its undecodable bytes escaped (``\\xff``): what a UTF-8 pipe can carry."""
    return SURROGATE.sub(_escape, text)


_LINE_BREAKS = str.maketrans({"\n": "\u240a", "\t": "\u2409", "\u2028": "\u2370", "\u2029": "\u2370"})


def visible_line(text: str) -> str:
    """:func:`visible`, and newlines and tabs shown too: for a name or another field of one row of a table."""
    return visible(text).translate(_LINE_BREAKS)
