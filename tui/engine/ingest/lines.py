"""What one line of a news page is: headline, byline, dateline, body text…

Pure functions on a single stripped line.  The segmenter decides where
articles start from these kinds and from what surrounds a line; nothing here
looks at neighbours.  The patterns follow the seeds (Xinhua and People's
Daily pages) and are documented in the README's "How pages are split".
"""

from __future__ import annotations

import re
from enum import Enum

SENTENCE_END = "。！？!?"
# A line ending in one of these does not stop mid-sentence.
TERMINAL = "。！？!?…；;：:）)》」』”’—】."
STRAIGHT_QUOTES = "\"'"
# A headline never ends like this (it would be a sentence or a lead-in).
NOT_HEADLINE_END = "。，,、；;：:—…."

# Every pattern here runs on whole lines of files, which can be megabytes long: each is linear (no two
# quantifiers that can share characters, possessive runs before a test that may fail; trailing markup is
# stripped with str.rstrip, not matched).
_MD_HEADING = re.compile(r"(#{1,6})[ \t]+")
_AGENCY = r"(?:新华社|中新社|中国新闻社|本报|人民日报|新华网|央视网|光明日报|经济日报)"
_OPEN_DATELINE = re.compile(rf"^(?:据)?{_AGENCY}[\u4e00-\u9fff]{{0,12}}\d{{1,2}}月\d{{1,2}}日(?:电|讯)")
_CLOSE_DATELINE = re.compile(
    rf"(?:[(（](?:据)?{_AGENCY}[^()（）]{{0,14}}?\d{{1,2}}月\d{{1,2}}日电[)）]"
    r"|[(（]《[^》]{1,20}》\s*\d{4}年\d{1,2}月\d{1,2}日\s*(?:第\s*\S{1,4}\s*版)?[)）]"
    r"|[(（]完[)）]"
    r"|[(（]下转\S{1,6}版[)）])\s*$"
)
_CONTINUATION = re.compile(r"^[(（](?:上接|接)\s*+(?:第\s*+)?[\d一二三四五六七八九十〇零]++\s*+版[)）]")
_PHOTO_CREDIT = re.compile(r"^.{0,40}[\s　](?:摄|摄影)\s*+$|^.{0,40}新华社发\s*+$")
_NAME = r"[\u4e00-\u9fff·]{2,4}"
_BYLINE = re.compile(
    rf"^[□■◎]?\s*+(?:{_AGENCY})?(?:特约)?(?:记者|通讯员|评论员)(?:[\s　]++{_NAME})*+\s*+$"
    rf"|^[\u4e00-\u9fff（）()]{{0,20}}(?:书记|主任|部长|院长|教授|局长|市长|省长|主席|委员|研究员|校长|厅长|会长|理事长|董事长|总经理|负责人)[\s　]++{_NAME}$"
)
_METADATA = re.compile(r"^(?:作者|来源|编辑|责编|责任编辑|原标题)\s*+[:：]")
_ELLIPSIS = re.compile(r"^(?:…+|\.{3,}|。{3,})$")


class Kind(str, Enum):
    BLANK = "blank"
    HEADING = "heading"  # could head an article or a section
    KICKER = "kicker"  # very short line ending in ! (一箭三星!)
    SUBTITLE = "subtitle"  # ——… under a headline
    BYLINE = "byline"
    METADATA = "meta"
    CONTINUATION = "continuation"  # (接1版) alone on a line
    CLOSING = "closing"  # ends with a closing dateline
    CREDIT = "credit"  # photo credit
    QUOTED = "quoted"  # a whole-line quotation used as a section head
    BODY = "body"


def markup_prefix(line: str) -> tuple[str, int, int]:
    """Return (content, md_level, prefix_len): a heading's or bold line's text without markup.

    md_level is 1-6 for `#` headings, 7 for a whole-line **bold**, 0 otherwise.
    prefix_len is where the content starts in ``line``.
    """
    m = _MD_HEADING.match(line)
    if m:
        return line[m.end() :].rstrip(" \t#"), len(m.group(1)), m.end()
    if len(line) > 4 and line.startswith("**") and line.endswith("**") and not line[2].isspace():
        return line[2:-2], 7, 2
    return line, 0, 0


def is_open_dateline(text: str) -> bool:
    return bool(_OPEN_DATELINE.match(text))


def is_continuation(text: str) -> bool:
    return bool(_CONTINUATION.match(text))


def strip_continuation(text: str) -> str:
    return _CONTINUATION.sub("", text, count=1)


def ends_terminal(text: str) -> bool:
    """Does ``text`` end where a sentence or a line of furniture may end?

    A straight quote after a stop ends a sentence as a curly one does
    (``."``, ``?'``, ``。"``).
    """
    t = text.rstrip()
    if t.endswith(tuple(STRAIGHT_QUOTES)):
        t = t.rstrip(STRAIGHT_QUOTES + " ")
        return bool(t) and t[-1] in TERMINAL
    return not t or t[-1] in TERMINAL or t.endswith(">")


def _headline_text(content: str, max_len: int) -> bool:
    c = content.strip()
    if len(c) < 2 or len(c) > max_len or c[-1] in NOT_HEADLINE_END:
        return False
    return not any(ch in c for ch in "。；;")


def classify(line: str, *, alone: bool = True) -> Kind:
    """Kind of one line.  ``alone`` is False for a line inside a multi-line block."""
    s = line.strip()
    if not s:
        return Kind.BLANK
    content, level, _ = markup_prefix(s)
    c = content.strip()
    if not c:  # markup with no words ("# #")
        return Kind.BODY
    if level and c.startswith("—"):
        return Kind.SUBTITLE
    if _CLOSE_DATELINE.search(s[-48:]):  # anchored at the end: the tail is enough
        return Kind.CLOSING
    if _PHOTO_CREDIT.match(s):
        return Kind.CREDIT
    if _BYLINE.match(c):
        return Kind.BYLINE
    if _METADATA.match(c):
        return Kind.METADATA
    if _CONTINUATION.match(c):
        return Kind.CONTINUATION if not _CONTINUATION.sub("", c).strip() else Kind.BODY
    if c.startswith("—"):
        return Kind.SUBTITLE if _headline_text(c.lstrip("—"), 40) else Kind.BODY
    if _ELLIPSIS.match(c) or c.endswith("——") or is_open_dateline(c):
        return Kind.BODY
    if not level and c.startswith("“") and c.endswith("”") and _headline_text(c[1:-1], 40):
        return Kind.QUOTED
    if level:
        return Kind.HEADING if _headline_text(c, 60) or (c[-1] in "！？!?" and "。" not in c) else Kind.BODY
    if len(c) <= 12 and c[-1] in "!！" and not any(ch in c[:-1] for ch in SENTENCE_END + "，,"):
        return Kind.KICKER
    if alone and _headline_text(c, 50) and not any(ch in c for ch in SENTENCE_END):
        return Kind.HEADING
    return Kind.BODY
