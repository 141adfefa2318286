"""Where articles start on an English (Latin-script) news page, and what each head line is.

Chronicling America's OCR text is the model: printed lines in reading order,
no blank lines between articles, headline decks in capitals, OCR noise, and
columns sometimes read side by side (two stories on one line) or out of
order.  The decision rule, applied line by line (the README's "English and
other Latin-script OCR pages" says it with examples):

* A **head run** is a run of head lines: capitals lines (``GREED IN THE`` /
  ``HEARTS OF``), and the title-case deck lines and wire furniture under them
  (``Sen. Chamberlain Pleads for``, ``By Wilbur S. Forrest,``, ``(By
  Associated Press)``), with noise lines (short of a long rule), a deck's
  broken lines (``ernment Might Soon Indi``) and deck lines with a comma
  (``So Declare Germans, Official``) between them.  A title-case line with a
  comma, semicolon or colon inside it is a list of names, not a deck.
* A head run **starts an article** when the article above already holds text
  or furniture and the run has a capitals line or furniture.  Title-case
  lines alone do only when full lines of text (or a dateline, byline or
  credit, however short) follow, the text under them
  does not go on with their sentence, their first line has no full stop when
  the article above holds a dispatch (a dateline, or a date opening a line:
  ``April 1. (noon.) German``; wire roundups end section heads with
  one: ``Colonel Cano Loyal.``; a weekly's ``Dental Notice.`` is a head), and
  they are three lines or more, or two with a dateline, byline or credit
  under them, or two after a finished sentence; a single line (a weekly's
  ``Pool Halls Win``) only after a finished sentence (or a line under half the
  column, whose stop the OCR may have lost), shorter than a line of
  text, ending on a whole phrase and with no dateline under it.  Garbled short
  lines right above a head (a banner the OCR could not read) go with it.
* Advertisements print capitals lines between their lines of text: a head
  run starts an article only when the article above holds two body lines or
  more, or a border or furniture ended it; a head under text ending with a
  colon (``and more others:`` / ``NOTICE OF ELECTION``) goes on with that
  text; an advertiser's name, store, block, town and state or telephone
  (``SANDERS BROS.``, ``THE QUALITY SHOE STORE``, ``MALTA, MONTANA``,
  ``PHONE 190.``) is the last line of its advertisement, neither a head, a
  piece of the next head nor the garbled banner above it.
* A story **closes** at a continuation line (``(Continued on Page Eight)``,
  also misread: ``(Coatinued on Page Two.)``; it names a page or stands in
  brackets: ``continued to fail,`` is text), a
  line ``oo`` (a separator dingbat), a long rule of noise lines, or a printed
  border (a row of one or two marks: ``$ $ $ $``, ``+++++``); a line that
  opens a jumped story (``Continued from Page One``) starts an article.
* **Page furniture** — the masthead (down to the last furniture line among
  the first :data:`MASTHEAD_LINES`: ``VOL. XX NO. 15.``, ``THIRTY-NINTH
  YEAR``, ``PRICE ONE CENT``, a date line in capitals, however garbled,
  ``CHICAGO, SATUBl) AY, APRIL 1,1910.``, and the one-word lines of the
  paper's broken name after it), ``THE WEATHER``, ``CITY EDITION`` — makes
  its own article (a lone ``No. 5.`` is an item of a list, not furniture); the line after the masthead starts the next one whatever
  it is, so the masthead never swallows a lead story with a garbled head.
* Datelines (``WASHINGTON, April 5.—``), bylines and wire credits are
  recognised as an article's furniture, never as starts by themselves: on
  these pages a second dateline is most often the next dispatch of the same
  story.
* Column interleaving: a line where two columns were read side by side is
  judged by its start (its left column); a story resumed after other
  material, or a head printed away from its story, has no cue and stays in
  the article above it.

The page stays a partition: every line belongs to the article whose start is
the last one before it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import Enum
from statistics import median

from tui.engine.ingest.reflow import ends_paragraph

_MONTH = r"(?:Jan|Feb|Mar|Apr|Ap|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]{0,6}\.?"
# "WASHINGTON, April 5.—", "San Francisco, Cal., April 5 -", "London. April 1." (bounded pieces only)
_DATELINE = re.compile(
    rf"^\W{{0,3}}[A-Z][A-Za-z.'’ ]{{1,36}}[,.](?: [A-Z][A-Za-z.]{{0,12}},?){{0,3}} {_MONTH}[',;]{{0,2}} ?\d"
)
# "By Wilbur S. Forrest,", "(By H. D. Jacobs.)"
_BYLINE = re.compile(r"^\(?B[yY] [A-Z][\w.'’]*(?: [A-Z&][\w.'’]*){0,4}[,.)]{0,3}$")
# "(By Associated Press)", "(United Press Staff Correspondent)", "Special to the Telegraph" (OCR: "Associated rress")
_CREDIT = re.compile(
    r"^\W{0,3}(?:[A-Za-z.]{1,3} |Special )?(?:the )?(?:(?:Associated|United) [PpRr][a-z]{3,5}\b|International News|"
    r"Special (?:Cable |Dispatch |Correspondence )?to|[A-Za-z ]{0,20}Staff Correspondent|Federal Wireless)",
    re.IGNORECASE,
)
# "(Continued on Page Eight)", "[Continued 011 Page 7]", "Continued from Page One" (group 1: on or from), and as the
# OCR misreads it: "(Coatinued on Page Two.)", "(Contlnued on Tage Two.)", "fContinued on Page 10]"
_CONTINUED = re.compile(r"^\W{0,4}[a-z]?C[a-z]{1,3}t[il1]nued (from|on|to|an|in) \S{1,12}", re.IGNORECASE)
# What makes a continuation line one: a page named, or the brackets it is set in ("continued to fail" is text)
_PAGE_REF = re.compile(r"[PpTt][ao][gq][eo]|^\W{0,3}[a-z]?[(\[]")
_SEPARATOR = re.compile(r"^[o0]{2}\.?$")  # the "oo" dingbat some papers print between items
# Masthead and page furniture, on a line in capitals or a short one: "VOL. XX NO. 15.", "THIRTY-NINTH YEAR",
# "PRICE ONE CENT", "$1.00 PER YEAR", "NEW MEXICO, APRIL 7. 1916"
_FURNITURE = re.compile(
    r"\bVOL(?:UME)?\b[ .,]|\bNO\. ?\d|\bNUMBER \d|\bPRICE\b|\b(?:ONE|TWO|THREE|FIVE|\d) CENTS?\b|\bCOPIES\b|\b\d{1,2} PAGES\b|"
    r"\bEDITION\b|[A-Z]{3,}-?[A-Z]{3,} YEAR\b|\bPER (?:YEAR|COPY|ANNUM)|\bESTABLISHED\b|\bWEATHER\b|\bFORECAST\b|"
    r"\b(?:JAN|FEB|MAR|APR|MAY|JUNE|JULY|AUG|SEPT?|OCT|NOV|DEC)[A-Z]{0,6}\.? \d{1,2}[.,]? 1[89]\d\d\b",
    re.IGNORECASE,
)
_DATE_ALONE = re.compile(rf"^\W{{0,2}}{_MONTH} \d{{1,2}}[.,]? 1[89]\d\d\W{{0,3}}$")
# A dispatch's date near the start of a line, its place lost or garbled: "April 1. (noon.) German"
_DISPATCH = re.compile(rf"^\W{{0,3}}(?:[a-z]\W{{1,2}})?(?:[A-Z][A-Za-z.']*[ ,.]{{1,3}}){{0,3}}{_MONTH} \d{{1,2}}\b")
# A numbered item of a list or table ("No. 5."), not a masthead's number
_NUMBERED = re.compile(r"^No\W{0,2}\d{1,4}\W{0,3}$", re.IGNORECASE)
# The masthead's date line: "SATURDAY, APRIL 1, 1916"
_WEEKDAY_DATE = re.compile(r"(?:MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)DAY\b.{0,40}\b1[89]\d\d\b", re.IGNORECASE)
# A date line in capitals as the OCR may garble it: "CHICAGO, SATUBl) AY, APRIL 1,1910." (a comma, then a year)
_DATED = re.compile(r",.{0,40}\b1[89]\d\d\W{0,2}$")
_SMALL_WORDS = frozenset(
    ("a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "is", "of", "on", "or", "over", "the", "to")
    + ("with", "up", "out", "off", "but", "are", "be", "was", "his", "her", "its")
)
_SIGNATURE = re.compile(r"^\W{0,2}(?:[A-Z](?:\. ?| )|[A-Z][A-Za-z]{1,3}\. ?){1,3}[A-Z][A-Za-z'’-]+[.,]?\W{0,2}$")
# An advertiser's signature: "SAM H. WILSON & CO.", "SANDERS BROS.", "Mexico Music Co:", "PHONE 190."
_FIRM = re.compile(
    r"(?:\b(?:CO|Co|BROS|Bros|COMPANY|Company|STORE|Store|BLOCK|Block)|& SONS?)\W{0,3}$|\b(?:PHONES?|Phones?|Telephone)\b\W{0,3}\d"
)
_STATES = r"Alabama|Ala|Arizona|Ariz|Arkansas|Ark|California|Cal|Colorado|Colo|Connecticut|Conn|Delaware|Del|Florida|Fla|Georgia|Ga|Idaho|Illinois|Ill|Indiana|Ind|Iowa|Kansas|Kan|Kentucky|Ky|Louisiana|La|Maine|Me|Maryland|Md|Massachusetts|Mass|Michigan|Mich|Minnesota|Minn|Mississippi|Miss|Missouri|Mo|Montana|Mont|Nebraska|Neb|Nevada|Nev|New Hampshire|N\.? ?H|New Jersey|N\.? ?J|New Mexico|N\.? ?M|New York|N\.? ?Y|North Carolina|N\.? ?C|North Dakota|N\.? ?D|Ohio|O|Oklahoma|Okla|Oregon|Ore|Pennsylvania|Pa|Rhode Island|R\.? ?I|South Carolina|S\.? ?C|South Dakota|S\.? ?D|Tennessee|Tenn|Texas|Tex|Utah|Vermont|Vt|Virginia|Va|Washington|Wash|West Virginia|W\.? ?Va|Wisconsin|Wis|Wyoming|Wyo|Hawaii|T\.? ?H|Alaska|D\.? ?C"
# A town and state on a line of its own, closing an advertisement: "MALTA, MONTANA", "WALTERSVILLE, - - KENTUCKY",
# "SIOUX CITY, IOWA", ", PERRYSBURG. OHIO"
_TOWN = re.compile(rf"^\W{{0,3}}[A-Z][A-Za-z.' ]{{2,24}}[,.][\s\-:\"]*(?:{_STATES})\W{{0,3}}$", re.IGNORECASE)
_TWO_LETTERS = re.compile(r"[^\W\d_]{2}")
_WORD_MARKS = "\"'“‘(.,;:!?-"
_STOPS = ".!?"
_INITIAL = re.compile(r"^[A-Z]\.$")
_TITLES = frozenset(("mr", "mrs", "dr", "gen", "col", "capt", "rev", "hon", "supt", "prof", "st", "messrs"))
SHORT = 40  # a body line this short may be a deck's broken line
SHORT_NOISE = 15  # a line this short above a head may be its garbled banner
WEAK_ABOVE = 6
BORDER_MARKS = 10  # marks in a row, at least, that make a border
SHORT_LAST = 0.5  # of the column width: a line this short ends its paragraph, stop or not (the OCR drops stops)
THIN = 2  # body lines, at least, above a head that starts an article (fewer: a line inside an advertisement)
RULE_LINES = 5  # noise lines in a row: a printed rule or border between two items
PROSE = 24  # a line of running text is at least this long
BROKEN_LINES = 4  # deck lines broken mid-word, at most, between two head lines
MASTHEAD_LINES = 15
SINGLE_HEAD = 0.85  # of the column width: a one-line head is shorter than a line of text
FURNITURE_LINE = 20  # a line this short is furniture by its words alone ("Volume XLVII"), capitals or not
UNTITLED_CHARS = 40
_CLOSERS = "\"'”’)]"


class Line(str, Enum):
    BLANK = "blank"
    CAPS = "caps"  # a headline line in capitals
    DECK = "deck"  # a short title-case line (a deck, a small head, a section head)
    DATELINE = "dateline"
    BYLINE = "byline"
    CREDIT = "credit"  # a wire or correspondence credit
    CONTINUED_TO = "continued_to"
    CONTINUED_FROM = "continued_from"
    SEPARATOR = "separator"
    FURNITURE = "furniture"
    NOISE = "noise"
    BODY = "body"


HEAD_LINES = frozenset({Line.CAPS, Line.DECK, Line.BYLINE, Line.CREDIT})


def _letters(s: str) -> tuple[int, int]:
    """(letters, capitals) of ``s``."""
    return sum(map(str.isalpha, s)), sum(map(str.isupper, s))


def is_noise(s: str, letters: int | None = None) -> bool:
    """OCR noise: too few letters to be text (rules, pictures, stray marks)."""
    letters = _letters(s)[0] if letters is None else letters
    visible = len(s) - s.count(" ")
    return letters < 3 or letters < 0.55 * visible or not _TWO_LETTERS.search(s)


def is_border(s: str) -> bool:
    """A printed border or rule read as a row of one or two marks (``$ $ $ $``, ``+++++``, ``ooooooo``)."""
    marks = "".join(s.split())
    if len(marks) < BORDER_MARKS:
        return False
    counts = sorted(Counter(marks).values(), reverse=True)
    return counts[0] >= 0.45 * len(marks) and sum(counts[:2]) >= 0.7 * len(marks)


def is_caps(s: str, counts: tuple[int, int] | None = None) -> bool:
    letters, caps = counts or _letters(s)
    return letters >= 4 and caps >= 0.8 * letters and len(s) <= 90


def is_deck(s: str) -> bool:
    """A short title-case line: every content word capitalised, no list of names (no comma, semicolon or colon
    inside it), no table row."""
    s = s.lstrip(" ,.'|")
    inner = s.rstrip(",;:")
    if len(s) > 48 or any(mark in inner for mark in ",;:") or "..." in s or ". ." in s:
        return False
    words = content = lower = 0
    for token in s.split():
        w = token.strip(_WORD_MARKS)
        if len(w) < 2 or not w[0].isalpha():
            continue
        if not words and not w[0].isupper():
            return False
        words += 1
        if w.lower() not in _SMALL_WORDS:
            content += 1
            lower += not w[0].isupper()
            if lower > 1:
                return False
    return words >= 2 and content > 0 and lower <= (1 if content >= 5 else 0)


def _date_in_text(s: str, counts: tuple[int, int]) -> bool:
    """A date alone on a line in lower case (``May 11, 1910."``): the end of a sentence, not a masthead's date."""
    return bool(_DATE_ALONE.match(s)) and not is_caps(s, counts)


def is_signature(s: str) -> bool:
    """A name signing an item (``C. S. ALBERT.``, ``II. T. DERICKSON,``): initials, then one name; or an
    advertiser's name, address or telephone closing an advertisement (``SANDERS BROS.``, ``MALTA, MONTANA``,
    ``Phone 190``)."""
    return bool(_SIGNATURE.match(s) or _FIRM.search(s) or _TOWN.match(s))


def classify(line: str) -> Line:
    """Kind of one line of an English page (nothing here looks at neighbours)."""
    s = line.strip()
    if not s:
        return Line.BLANK
    if _SEPARATOR.match(s):
        return Line.SEPARATOR
    continued = _CONTINUED.match(s) if len(s) <= 48 and _PAGE_REF.search(s) else None
    if continued:
        return Line.CONTINUED_FROM if continued.group(1).lower() == "from" else Line.CONTINUED_TO
    counts = _letters(s)
    if s[0].islower() and counts[1] * 2 < counts[0]:  # a sentence going on: text or noise, nothing else
        return Line.NOISE if is_noise(s, counts[0]) else Line.BODY
    if len(s) <= FURNITURE_LINE and _FURNITURE.search(s) and not _NUMBERED.match(s) and not _date_in_text(s, counts):
        return Line.FURNITURE
    if is_noise(s, counts[0]):
        return Line.NOISE
    if _DATELINE.match(s):
        return Line.DATELINE
    if len(s) <= 60 and _CREDIT.match(s):
        return Line.CREDIT
    if _BYLINE.match(s):
        return Line.BYLINE
    caps = is_caps(s, counts)
    if (caps and (_FURNITURE.search(s) or _DATED.search(s))) or ("DAY" in s and _WEEKDAY_DATE.search(s)):
        return Line.FURNITURE
    if is_signature(s):
        return Line.BODY
    if caps:
        return Line.DECK if len(s.split()) == 1 and s[-1] in ".:" else Line.CAPS
    if is_deck(s):
        return Line.DECK
    return Line.BODY


def ends_sentence(s: str) -> bool:
    """Does the line end a sentence (``.``, ``?"``, ``.)``), a stray mark of the OCR aside?

    An initial or a title before a name (``A.``, ``Mrs.``) ends none.
    """
    t = s.rstrip()
    parts = t.rsplit(None, 1)
    if len(parts) == 2 and len(parts[1]) == 1 and (not parts[1].isalnum() or parts[1] in "ijlI1"):
        t = parts[0]
    t = t.rstrip(_CLOSERS + " ,;:")
    if not t or t[-1] not in _STOPS:
        return False
    last = t.rsplit(None, 1)[-1].lstrip(_CLOSERS + "(")
    return not (t[-1] == "." and (_INITIAL.match(last) or last[:-1].lower() in _TITLES))


@dataclass
class _Unit:
    filled: bool = False  # holds body text or furniture
    text: int = 0  # body lines
    ended: bool = False  # a border, a rule or furniture ends it
    wire: bool = False  # it holds a dateline or a wire credit
    closed: bool = False  # the next line starts an article whatever it is


def kinds(lines: list[str]) -> list[Line]:
    return [classify(ln) for ln in lines]


def _head_run(i: int, ks: list[Line], lines: list[str]) -> int:
    """End (exclusive) of the head run starting at ``i``.

    Head lines, with noise between them, and short lines that go on with a
    deck's broken word when a head line follows them (``ernment Might Soon
    Indi``).  Masthead furniture ends a run: the headline under it is a run of
    its own.
    """
    end = j = i
    while j < len(ks):
        k = ks[j]
        if end > i and (k is Line.FURNITURE) != (ks[end - 1] is Line.FURNITURE):
            break
        if k in HEAD_LINES or k is Line.FURNITURE:
            end = j = j + 1
            continue
        if k in (Line.NOISE, Line.BODY) and is_border(lines[j]):
            break  # a printed border parts two heads
        if k is Line.NOISE:
            if j + 1 - end >= RULE_LINES:
                break  # a long rule of noise parts two heads
            j += 1
            continue
        nxt = j
        while nxt < len(ks) and nxt < j + BROKEN_LINES and (ks[nxt] is Line.NOISE or _deck_piece(lines[nxt])):
            nxt += 1
        if nxt == j or nxt >= len(ks) or ks[nxt] not in HEAD_LINES:
            break
        j = nxt
    return end


def _deck_piece(line: str) -> bool:
    """A body line inside a head: a deck's broken line, or a deck line with a comma (``So Declare Germans, Official``)."""
    if is_signature(line.strip()):
        return False  # an advertiser's name or address ends its advertisement
    return _broken_deck(line) or ("," in line and is_deck(line.replace(",", " ")))


def _broken_deck(line: str) -> bool:
    """A short line going on with a deck: a broken word or phrase (``ing Objections to Senate Ju``), a last word."""
    s = line.strip().lstrip(".,:;'\"| ")
    if len(s.split()) == 1 and s[:1].isupper():
        return len(s) <= SHORT_NOISE  # "Hearing", "Chase."
    return len(s) <= SHORT and s[:1].islower() and not ends_sentence(s)


def _ends_a_sentence_above(i: int, ks: list[Line], lines: list[str], prev_body: int) -> bool:
    """Is head-like line ``i`` the end of the unfinished sentence right above it?"""
    s = lines[i].rstrip()
    return ks[i] is Line.DECK and prev_body == i - 1 and s.endswith(".") and not ends_sentence(lines[prev_body])


def _announces(i: int, lines: list[str], prev_body: int) -> bool:
    """Does the text right above line ``i`` end on a colon (``and more others:``), announcing what follows?

    (A line cut on a small word, ``our showing of``, is no such cue: a column
    break puts heads after unfinished sentences all the time.)
    """
    return prev_body == i - 1 and lines[prev_body].rstrip().endswith(":")


def _starts_article(
    i: int, end: int, ks: list[Line], lines: list[str], finished: bool, width: float, wire: bool
) -> bool:
    """Does the head run ``lines[i:end]`` head a new article (see the module docstring)?

    ``finished``: the text above the run ends a sentence; ``wire``: the article above holds a dateline (its
    decks ending with a full stop are section heads).
    """
    run = ks[i:end]
    if Line.CAPS in run or Line.FURNITURE in run:
        return True
    decks = [j for j in range(i, end) if ks[j] is Line.DECK]
    stop = bool(decks) and lines[decks[0]].rstrip().endswith(".")
    if not decks or (stop and wire) or not _prose_follows(end, ks, lines):
        return False  # a wire story's section heads end with a full stop ("Colonel Cano Loyal.")
    nxt = next((j for j in range(end, len(ks)) if ks[j] is not Line.NOISE), end)
    if _goes_on(lines[nxt]):
        if len(decks) < 2 or decks[-1] != end - 1:
            return False  # the sentence goes on: the "head" was the first line of a paragraph
        decks, end = decks[:-1], end - 1  # the run's last line is the first line of the text
    furnished = end < len(ks) and ks[end] in (Line.DATELINE, Line.CREDIT, Line.BYLINE)
    if len(decks) == 1:
        return finished and not furnished and _one_line_head(lines[decks[0]], width)
    return len(decks) >= 3 or furnished or finished


def _goes_on(line: str) -> bool:
    """Does the line go on with a sentence (it starts in lower case)?"""
    return line.lstrip(" \"'“‘(")[:1].islower()


def _one_line_head(line: str, width: float) -> bool:
    """A head of one line is shorter than a line of text and a whole phrase (not ``Senators Cummins and``)."""
    s = line.strip()
    return len(s) <= SINGLE_HEAD * width and s.split()[-1].lower() not in _SMALL_WORDS


def _prose_follows(end: int, ks: list[Line], lines: list[str]) -> bool:
    """Do full lines of text (or a dateline, byline or credit, however short) follow a run of title-case lines
    (a story under its head, not a programme)?"""
    after = [j for j in range(end, min(end + 4, len(ks))) if ks[j] is not Line.NOISE][:2]
    return len(after) == 2 and all(
        ks[j] in (Line.DATELINE, Line.CREDIT, Line.BYLINE) or (ks[j] is Line.BODY and len(lines[j].strip()) >= PROSE)
        for j in after
    )


def column_width(lines: list[str], ks: list[Line]) -> float:
    """The printed width of the page's column: the median length of its body lines."""
    body = [len(ln.strip()) for ln, k in zip(lines, ks) if k is Line.BODY]
    return median(body) if body else 0.0


def masthead_end(ks: list[Line], lines: list[str]) -> int:
    """Lines before this index are the masthead: up to the last furniture line among the first ones,
    and the one-word lines right after it (the paper's name, broken by the OCR: ``CH`` / ``COURIER``)."""
    last = [i for i, k in enumerate(ks[:MASTHEAD_LINES]) if k is Line.FURNITURE]
    end = last[-1] + 1 if last else 0
    while end and end < len(lines) and len(lines[end].split()) <= 1 and len(lines[end].strip()) <= SHORT_NOISE:
        end += 1
    return end


def article_starts(lines: list[str], ks: list[Line] | None = None) -> list[int]:
    """Line indices (0-based) where articles start; the first is always 0."""
    ks = ks if ks is not None else kinds(lines)
    width = column_width(lines, ks)
    starts = [0]
    unit = _Unit(filled=True)
    prev_body = -1
    i = top = masthead_end(ks, lines)
    rule = 0
    if top:  # the masthead is an article of its own: what follows it starts the next one
        first = next((j for j in range(top, len(ks)) if ks[j] not in (Line.BLANK, Line.NOISE)), None)
        if first is not None:
            starts.append(first)
            unit = _Unit()
    after_masthead = starts[-1] if top else -1
    while i < len(lines):
        k = ks[i]
        if k in (Line.NOISE, Line.BODY) and is_border(lines[i]):
            unit.filled = unit.ended = True  # a printed border ends what is above it
            i += 1
            continue
        if k in (Line.BLANK, Line.NOISE):
            rule = rule + 1 if k is Line.NOISE else rule
            unit.filled = unit.filled or rule >= RULE_LINES  # a long rule of noise ends what is above it
            unit.ended = unit.ended or rule >= RULE_LINES
            i += 1
            continue
        rule = 0
        if k in HEAD_LINES and _announces(i, lines, prev_body):  # "others:" / "NOTICE OF ELECTION"
            end = _head_run(i, ks, lines)
            unit.filled, prev_body, i = True, end - 1, end
            continue
        if k in HEAD_LINES and _ends_a_sentence_above(i, ks, lines, prev_body):
            k = Line.BODY  # "collector, A." / "B. Crismond Police Judge.": the sentence's last line
        elif k in HEAD_LINES or k is Line.FURNITURE:
            end = _head_run(i, ks, lines)
            finished = (
                prev_body < 0
                or ends_sentence(lines[prev_body])
                or ends_sentence(lines[i - 1])
                or len(lines[prev_body].strip()) < SHORT_LAST * width
            )
            thin = unit.text < THIN and not unit.ended
            if i > 0 and (
                unit.closed
                or (unit.filled and not thin and _starts_article(i, end, ks, lines, finished, width, unit.wire))
            ):
                first = _weak_lines_above(i, lines, ks, starts[-1] + 1)
                if not (starts[-1] == after_masthead and first == starts[-1] + 1):  # its banner's scraps begin it
                    starts.append(first)
                unit = _Unit()
            if any(ks[j] is Line.FURNITURE for j in range(i, end)):
                unit.filled = unit.ended = True
            i = end
            continue
        if (unit.closed or (k is Line.CONTINUED_FROM and unit.filled)) and i > 0:
            starts.append(i)
            unit = _Unit()
        if k in (Line.CONTINUED_TO, Line.SEPARATOR):
            unit.closed = True
        else:
            unit.filled = True
            unit.wire = unit.wire or k is Line.DATELINE or bool(_DISPATCH.match(lines[i]))
            unit.text += 1
            prev_body = i
        i += 1
    return starts


def _weak_lines_above(i: int, lines: list[str], ks: list[Line], floor: int) -> int:
    """A head's start moved up over the short noise right above it (a big-type banner the OCR garbled)."""
    j = i
    while j - 1 >= floor and j > i - WEAK_ABOVE:
        s = lines[j - 1].strip()
        weak = len(s) <= SHORT_NOISE and not ends_sentence(s) and not is_signature(s)
        rule = ks[j - 1] is Line.NOISE and j >= 2 and ks[j - 2] is Line.NOISE  # a column rule, not a banner
        if not weak or rule or ks[j - 1] is Line.FURNITURE:
            break
        j -= 1
    return j


_BODY_KINDS = {Line.BODY: "body", Line.DATELINE: "body", Line.NOISE: "body"}
_OWN_KINDS = {
    Line.BYLINE: "byline",
    Line.CREDIT: "meta",
    Line.CONTINUED_TO: "meta",
    Line.CONTINUED_FROM: "meta",
    Line.SEPARATOR: "meta",
    Line.FURNITURE: "meta",
}


def _head_kinds(idx: list[int], ks: list[Line], lines: list[str]) -> dict[int, str]:
    """Paragraph kinds of the head lines of an article (``idx``: its non-blank lines)."""
    if not idx or ks[idx[0]] not in HEAD_LINES | {Line.FURNITURE, Line.NOISE}:
        return {}
    end = _head_run(idx[0], ks, lines)
    while end < len(ks) and ks[end] is Line.BODY and _broken_deck(lines[end]) and ks[end - 1] is Line.DECK:
        end += 1  # "to Assert Monroe Doctrine": the last line of a deck, over its story's dateline
    out: dict[int, str] = {}
    title_kind = None
    prev = None
    for i in (i for i in idx if i < end):
        k = ks[i]
        if k in (Line.CAPS, Line.DECK):
            if title_kind is None:
                title_kind = k
            in_title = k is title_kind and (prev is None or out.get(prev) == "title")
            out[i] = "title" if in_title else "subtitle"
        elif k is Line.BODY and prev is not None and out.get(prev) in ("title", "subtitle"):
            out[i] = out[prev]  # a deck's broken line
        else:
            out[i] = _OWN_KINDS.get(k, "meta")
        if k is not Line.NOISE:  # noise in a head (a garbled rule) does not part its lines
            prev = i
    return out


def paragraph_groups(idx: list[int], ks: list[Line], lines: list[str], width: float) -> list[tuple[list[int], str]]:
    """An article's lines (``idx``, blank ones included) as paragraphs: (line indices, kind).

    Head lines keep their roles (title, subtitle, byline, meta); in the body a
    head line is a ``heading``, a byline, credit, continuation or furniture
    line a paragraph of its own, and body lines reflow (:func:`.reflow.ends_paragraph`).
    """
    content = [i for i in idx if ks[i] is not Line.BLANK]
    head = _head_kinds(content, ks, lines)
    groups: list[tuple[list[int], str]] = []
    prev = -2
    for i in content:
        kind = head.get(i) or _BODY_KINDS.get(ks[i]) or _OWN_KINDS.get(ks[i], "heading")
        last = groups[-1] if groups else None
        joins = (
            last is not None
            and prev == i - 1
            and last[1] == kind
            and ks[prev] is not Line.NOISE
            and ks[i] is not Line.NOISE
            and (
                (kind in ("title", "subtitle") and i in head)
                or (kind == "heading" and ks[i] is ks[prev])
                or (
                    kind == "body"
                    and ks[i] is not Line.DATELINE
                    and not ends_paragraph(lines[prev], lines[i], width, ends_sentence(lines[prev]))
                )
            )
        )
        if joins:
            last[0].append(i)
        else:
            groups.append(([i], kind))
        prev = i
    return groups


def title(pars: list) -> tuple[str, bool]:
    """An article's title: its title paragraph, or (untitled) the first words of its text."""
    for p in pars:
        if p.kind == "title":
            return p.text, False
    words = next((p.text for p in pars if p.kind == "body" and any(ch.isalpha() for ch in p.text)), "")
    if len(words) <= UNTITLED_CHARS:
        return words or "(empty)", True
    cut = words.rfind(" ", 0, UNTITLED_CHARS)
    return words[: cut if cut > 0 else UNTITLED_CHARS] + "…", True
