"""Turn the bytes of a news page into text, and say which encoding that took.

Order: a BOM (UTF-8, UTF-16 LE/BE), then strict UTF-8, then a Western
single-byte reading (cp1252, else Latin-1) when it scores as Western text,
then GB18030 and Big5.

A Western reading is chosen when :func:`western_score` is at least
``WESTERN_MIN``: the share of its non-ASCII characters that are letters inside
a Latin word (next to an ASCII letter: ``für``, ``Größe``, ``été``) or a
one-letter word (``à``).  German, French or Dutch text scores near 1.0;
Chinese bytes read as cp1252 come in runs of two or more accented letters and
symbols (``ÖÐ¹ú``) and score near 0, so Chinese files decode exactly as
before.  cp1252 is named when the file uses its printable 0x80-0x9F
characters (``„“€``), Latin-1 otherwise (the same reading).

Big5 bytes usually decode as GB18030 too (as garbage), so when both succeed the
choice is made by :func:`hanzi_score`: the share of Han characters that belong to
the common-character set (GB2312 level 1, the 3,755 most frequent simplified
characters, together with Big5 level 1, the 5,401 frequent traditional ones).
Real text scores above 0.9; mis-decoded bytes land on rare characters and score
far lower (Big5 read as GB18030: about 0.7); a winner under 0.6 is kept with
a warning (a file that mixes encodings).  A UTF-16 file with a BOM but a bad
code unit is read as UTF-16 with replacement characters and a warning.  When
nothing decodes strictly, UTF-8 with replacement characters is used and a
warning is recorded.

Line ends are normalised: CRLF and lone CR become LF.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import lru_cache

UTF8 = "utf-8"
UTF8_SIG = "utf-8-sig"
UTF16_LE = "utf-16-le"
UTF16_BE = "utf-16-be"
GB18030 = "gb18030"
BIG5 = "big5"
CP1252 = "cp1252"
LATIN1 = "latin-1"
WESTERN_MIN = 0.7
UTF8_LOSSY = "utf-8 (lossy)"
# Below this common-character score (with enough Han characters to judge),
# a GB18030/Big5 reading is kept but flagged: real text scores above 0.9.
DOUBTFUL_SCORE = 0.6
DOUBTFUL_MIN_HAN = 10
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warning: str | None = None


def has_utf16_bom(data: bytes) -> bool:
    return data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


@lru_cache(maxsize=1)
def common_hanzi() -> frozenset[str]:
    """GB2312 level 1 plus Big5 level 1, enumerated from the codecs themselves."""
    chars: set[str] = set()
    for hi in range(0xB0, 0xD8):  # GB2312 level 1: rows 16-55
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    for hi in range(0xA4, 0xC7):  # Big5 level 1: A440-C67E
        for lo in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            try:
                chars.add(bytes((hi, lo)).decode("big5"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


def is_han(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2FFFF or 0xF900 <= o <= 0xFAFF


def hanzi_score(text: str) -> float:
    """Share of Han characters in the common set; 0.0 when there are none."""
    common = common_hanzi()
    han = [c for c in text if is_han(c)]
    if not han:
        return 0.0
    return sum(c in common for c in han) / len(han)


def western_score(text: str) -> float:
    """How much the non-ASCII characters look like Western text (see the module docstring); 0.0 if none.

    A character standing alone among ASCII is good when it is a letter (``für``,
    ``à``) and neutral otherwise (``„``, ``€``, ``°``); one in a run of non-ASCII
    characters is good only when it is a letter touching an ASCII letter
    (``Größe``), and bad otherwise: mis-read multi-byte text is made of such runs.
    """
    n = len(text)
    good = bad = 0
    for m in _NON_ASCII.finditer(text):
        i = m.start()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < n else " "
        letter = m.group().isalpha()
        if before.isascii() and after.isascii():
            good += letter
        elif letter and (_is_ascii_letter(before) or _is_ascii_letter(after)):
            good += 1
        else:
            bad += 1
    return good / (good + bad) if good + bad else 0.0


def _is_ascii_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def western(data: bytes) -> Decoded | None:
    """The cp1252 (else Latin-1) reading when it scores as Western text, else None."""
    text = _strict(data, CP1252)
    enc = CP1252 if text is not None and any(0x80 <= b <= 0x9F for b in data) else LATIN1
    text = text if text is not None else data.decode(LATIN1)
    if western_score(text) < WESTERN_MIN:
        return None
    return Decoded(unify_newlines(text), enc)


def unify_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode a file's bytes; see the module docstring for the order."""
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(data[3:], UTF8)
        if text is not None:
            return Decoded(unify_newlines(text), UTF8_SIG)
    for bom, enc in ((codecs.BOM_UTF16_LE, UTF16_LE), (codecs.BOM_UTF16_BE, UTF16_BE)):
        if data.startswith(bom):
            text = _strict(data[2:], enc)
            if text is not None:
                return Decoded(unify_newlines(text), enc)
            # The BOM is a promise: a bad code unit spoils one character, not the file.
            text = data[2:].decode(enc, errors="replace")
            return Decoded(unify_newlines(text), enc, "invalid UTF-16 code units shown as \ufffd")
    text = _strict(data, UTF8)
    if text is not None:
        return Decoded(unify_newlines(text), UTF8)
    latin = western(data)
    if latin is not None:
        return latin
    candidates = [(enc, t) for enc in (GB18030, BIG5) if (t := _strict(data, enc)) is not None]
    if candidates:
        # max() keeps the first on a tie, so GB18030 wins an even score.
        scored = [(hanzi_score(t), enc, t) for enc, t in candidates]
        score, enc, text = max(scored, key=lambda c: c[0])
        warning = None
        if score < DOUBTFUL_SCORE and sum(map(is_han, text)) >= DOUBTFUL_MIN_HAN:
            warning = f"read as {enc}, but most characters are rare ({score:.0%} common): the file may mix encodings"
        return Decoded(unify_newlines(text), enc, warning)
    text = data.removeprefix(codecs.BOM_UTF8).decode(UTF8, errors="replace")
    return Decoded(
        unify_newlines(text),
        UTF8_LOSSY,
        "not valid UTF-8, GB18030 or Big5: undecodable bytes shown as \ufffd",
    )
