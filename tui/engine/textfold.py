"""The character tables the text folds share: which characters count as the same.

Each fold lives with its job and is named for it:

- :func:`tui.engine.diff.kinds.fold_kinds` folds away the kinds of a change
  (``width`` is :data:`CJK_HALF_WIDTH` plus NFKC) to classify a diff;
- :func:`tui.engine.bookmarks.anchor.anchor_key` keeps length, so an offset
  found in folded text is an offset in the file (:func:`anchor_table`);
- :func:`tui.engine.variants.shingles.grouping_key` keeps letters and digits
  only, the text variants are grouped on;
- :func:`tui.engine.ingest.decode.unify_newlines` makes every line end LF;
- :func:`simplified_table` folds traditional Chinese to simplified, for the
  ``script`` kind and for grouping editions printed in both scripts.

Every table maps one character to one character.
"""

from __future__ import annotations

from functools import lru_cache

# The ideographic full stop, comma and space.
CJK_STOPS = {"。": ".", "、": ",", "\u3000": " "}
# Half-width forms of the ideographic full stop and comma (NFKC leaves them alone).
HALF_WIDTH_STOPS = {"｡": ".", "､": ","}
# Corner brackets are Chinese and Japanese quotation marks.
CORNER_QUOTES = {"「": "“", "」": "”", "『": "‘", "』": "’", "｢": "“", "｣": "”"}
CJK_BRACKETS = {"《": "<", "》": ">", "〈": "<", "〉": ">", "【": "[", "】": "]", "〔": "(", "〕": ")"}
# What NFKC leaves alone but a typesetter swaps freely with a half-width form.
CJK_HALF_WIDTH = CJK_STOPS | HALF_WIDTH_STOPS | CORNER_QUOTES | CJK_BRACKETS

# Full-width ASCII forms (U+FF01-U+FF5E) and the ASCII they stand for.
FULL_WIDTH_ASCII = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
# Quotation marks a quote may be typed or pasted with: curly, straight or corner, all straight.
STRAIGHT_QUOTES = {"“": '"', "”": '"', "「": '"', "」": '"', "『": '"', "』": '"', "‘": "'", "’": "'"}
# Line breaks and tabs read as a space inside a quoted passage.
BREAKS_AS_SPACE = {"\n": " ", "\t": " "}
DASHES = {"—": "-"}


def anchor_table() -> dict[int, str]:
    """The :meth:`str.translate` table of the length-keeping fold bookmarks are found with."""
    chars = FULL_WIDTH_ASCII | CJK_STOPS | BREAKS_AS_SPACE | STRAIGHT_QUOTES | DASHES
    return {ord(k): v for k, v in chars.items()}


# The blocks of CJK ideographs: unified, extension A, compatibility, extension B.
CJK_IDEOGRAPHS = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00), (0x20000, 0x2A6E0))


@lru_cache(maxsize=1)
def simplified_table() -> dict[int, str]:
    """Traditional -> simplified, one character to one, from OpenCC's ``t2s`` (about 0.1 s, once).

    Character by character, not OpenCC's phrase rules, so a fold never changes
    a text's length and offsets stay offsets.
    """
    import opencc

    chars = [chr(c) for lo, hi in CJK_IDEOGRAPHS for c in range(lo, hi)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # a converter that joined lines: use none rather than a wrong one
        return {}
    return {ord(a): b for a, b in zip(chars, converted) if a != b and len(b) == 1}
