"""Hard-wrapped Latin text read as paragraphs: printed lines joined, words cut at line ends rejoined.

A page is **hard-wrapped** when most of its lines are printed lines of one
column: at least :data:`MIN_LINES` lines, mostly Latin letters and words,
half of them within a band around the median length (at least
:data:`MIN_WIDTH` characters), and paragraphs of several lines (few blank
lines).  Such a page is reflowed: a paragraph ends at a blank line, at a
line of another kind (a head, a dateline, a byline, noise), or after a line
that ends a sentence and is short or is followed by an indented or quoted
line — never at every printed line.

Two lines of one paragraph join (:func:`join`) with a space, or with nothing
when either side is CJK, after a dash, or where a word was cut: ``su-`` /
``preme`` becomes ``supreme``, ``co-`` / ``operating`` keeps its hyphen when
the folder spells it so (:class:`.lexicon.Lexicon`), and ``su`` / ``preme``
(the OCR lost the hyphen) becomes ``supreme`` when the folder knows that word
and neither half.

Every character shown maps back to the raw text (``Paragraph.pieces``); the
space of a join is the line break itself, shown as a space (``spaced``), and
a dropped hyphen is simply not covered by any piece.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from statistics import median

from tui.engine.ingest.lexicon import Lexicon
from tui.engine.model import Paragraph

MIN_LINES = 8
MIN_WIDTH = 24
SAMPLE = 200  # lines looked at for their letters
BAND = (0.6, 1.3)  # of the median length: a printed line of the column
SHORT_LINE = 0.8  # of the median length: a line this short that ends a sentence ends its paragraph
HYPHENS = "-¬⸗\u00ad"
DASHES = ("—", "--", "–")
WORD_TAIL = 40  # a word cut at a line end is looked for in the line's last characters
OPENERS = "\"“‘'—("
_NOT_LATIN = re.compile(r"[^\W\d_A-Za-z\u00aa\u00b5\u00ba\u00c0-\u024f\u1e00-\u1eff]")
_LAST_WORD = re.compile(r"([^\W\d_]+)$")
_FIRST_WORD = re.compile(r"^([^\W\d_]+)")


def is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def latin_share(lines: Sequence[str]) -> float:
    """Share of the letters that are Latin (not CJK or another script)."""
    text = "\n".join(lines)
    letters = sum(map(str.isalpha, text))
    return 1 - len(_NOT_LATIN.findall(text)) / letters if letters else 0.0


def hard_wrapped(lines: Sequence[str]) -> bool:
    """Are these the printed lines of Latin text (see the module docstring)?

    Judged on an even sample of at most :data:`SAMPLE` lines, so a long page costs no more than a short one.
    """
    filled = [bool(ln) and not ln.isspace() for ln in lines]
    n_content = sum(filled)
    if n_content < MIN_LINES:
        return False
    step = max(1, len(lines) // SAMPLE)
    sample = [ln.strip() for ln, full in zip(lines[::step], filled[::step]) if full]
    if not sample or latin_share(sample) < 0.8:
        return False
    width = median(map(len, sample))
    if width < MIN_WIDTH:
        return False
    in_band = sum(1 for s in sample if BAND[0] * width <= len(s) <= BAND[1] * width)
    wordy = sum(1 for s in sample if " " in s and sum(map(str.isalpha, s)) >= 0.6 * len(s))
    blocks = sum(1 for i, full in enumerate(filled) if full and (i == 0 or not filled[i - 1]))
    return in_band >= 0.5 * len(sample) and wordy >= 0.6 * len(sample) and n_content >= 2 * blocks


def folder_lexicon(texts: Iterable[str]) -> Lexicon:
    """The words of the hard-wrapped pages among ``texts``: what decides a folder's cut words."""
    return Lexicon.of(t for t in texts if hard_wrapped(t.split("\n")))


def join(left: str, right: str, lexicon: Lexicon) -> tuple[int, str]:
    """How the stripped line ``left`` goes on into ``right``: (characters dropped from its end, separator)."""
    if not left or not right:
        return 0, ""
    last = left[-1]
    if left.endswith(DASHES) or is_wide(last) or is_wide(right[0]):
        return 0, ""
    if last in HYPHENS:
        head = _FIRST_WORD.match(right)
        tail = _LAST_WORD.search(left, max(0, len(left) - WORD_TAIL), len(left) - 1) if head else None
        if tail is None:
            return 0, ""  # "1915-" / "16": the hyphen stays, the line goes on
        return (0, "") if last == "-" and lexicon.hyphen_kept(tail.group(1), head.group(1)) else (1, "")
    if not (last.isalpha() and right[0].islower()):
        return 0, " "
    head = _FIRST_WORD.match(right)
    tail = _LAST_WORD.search(left, max(0, len(left) - WORD_TAIL))
    if head and tail and lexicon.split_word(tail.group(1), head.group(1)):
        return 0, ""
    return 0, " "


def ends_paragraph(line: str, nxt: str, width: float, ends_sentence: bool) -> bool:
    """Does a body line end its paragraph before body line ``nxt`` (both unstripped)?"""
    if not ends_sentence:
        return False
    s = line.strip()
    indent = len(nxt) - len(nxt.lstrip()) > len(line) - len(line.lstrip()) + 1
    return len(s) < SHORT_LINE * width or indent or nxt.lstrip().startswith(tuple(OPENERS))


def paragraph(
    raw: str, lines: Sequence[str], offs: Sequence[int], group: Sequence[int], base: int, kind: str, lexicon: Lexicon
) -> Paragraph:
    """The lines ``group`` of an article (raw text ``raw`` at offset ``base``) read as one paragraph."""
    pieces: list[tuple[int, int]] = []
    for n, i in enumerate(group):
        line = lines[i]
        lead = len(line) - len(line.lstrip())
        start = offs[i] - base + lead
        end = start + len(line.strip())
        if n + 1 < len(group):
            drop, sep = join(line.strip(), lines[group[n + 1]].strip(), lexicon)
            pieces.append((start, end - drop))
            if sep:
                nl = offs[i] - base + len(line)  # the line break, shown as a space
                pieces.append((nl, nl + 1))
        else:
            pieces.append((start, end))
    pieces = [p for p in pieces if p[1] > p[0]]
    text = "".join(raw[s:e] for s, e in pieces).replace("\n", " ")
    return Paragraph(text=text, kind=kind, pieces=tuple(pieces), line=group[0] + 1, spaced=True)
