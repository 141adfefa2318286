"""ALTO (the CCS namespace, ALTO 1.x and v2 to v4): printed lines from ``String@CONTENT``.

A ``TextLine`` is a line, a ``TextBlock`` a block (a blank line after it),
words are joined by one space.  A word hyphenated across two lines is shown
whole where it starts: ``SUBS_CONTENT`` of its ``HypPart1`` (the ``HypPart2``
is then not repeated); a bare ``HYP`` glues the next line's first word to the
line's last one, without the hyphen.  Type size and weight come from the
``TextStyle`` a ``STYLEREFS`` (of the word, else its line, else its block)
points to, and feed the heading cues (:mod:`.cues`).  Attributes the reader
does not need are never looked at, so ``HEIGHT="NaN"`` and the like do no harm;
a font size that is not a number is ignored.
"""

from __future__ import annotations

from tui.engine.ingest.formats import ALTO, HEADING, Doc, Lines
from tui.engine.ingest.formats.cues import LineStyle, heading_lines, number
from tui.engine.ingest.formats.detect import head_text, root_element
from tui.engine.ingest.formats.xmlsafe import declared_encoding, iterparse


class _Page:
    """What the reader keeps while walking the document."""

    def __init__(self) -> None:
        self.out = Lines()
        self.fonts: dict[str, tuple[float | None, bool]] = {}
        self.styles: dict[int, LineStyle] = {}
        self.block_refs = ""
        self.line_refs = ""
        self.words: list[tuple[str, float | None, bool]] = []
        self.skip_part2 = False  # a HypPart1 was shown whole: its HypPart2 is not shown again
        self.line_hyphen_done = False  # the line's last word was shown whole: its HYP is no cue to glue
        self.glue_next = False  # a bare HYP: the next word is glued to the last one shown

    def font(self, *refs: str) -> tuple[float | None, bool]:
        for r in refs:
            for ref in r.split():
                if ref in self.fonts:
                    return self.fonts[ref]
        return None, False

    def word(self, el) -> None:
        kind = el.get("SUBS_TYPE")
        if kind == "HypPart2" and self.skip_part2:
            self.skip_part2 = False
            return
        text = el.get("CONTENT") or ""
        if kind == "HypPart1" and el.get("SUBS_CONTENT"):
            text, self.skip_part2, self.line_hyphen_done = el.get("SUBS_CONTENT"), True, True
        size, bold = self.font(el.get("STYLEREFS") or "", self.line_refs, self.block_refs)
        bold = bold or "bold" in (el.get("STYLE") or "")
        if self.glue_next:
            self.glue_next = False
            if self.words:
                prev, psize, pbold = self.words[-1]
                self.words[-1] = (prev + text, psize, pbold)
            else:
                self.out.extend_last(text)
            return
        if text.strip():
            self.words.append((text, size, bold))

    def end_line(self) -> None:
        text = " ".join(w for w, _, _ in self.words)
        i = self.out.add(text)
        if i is not None:
            sized = [(len(w), s) for w, s, _ in self.words if s]
            size = sum(n * s for n, s in sized) / sum(n for n, _ in sized) if sized else None
            self.styles[i] = LineStyle(len(text), size, all(b for _, _, b in self.words))
        self.words = []
        self.line_hyphen_done = False


def read(data: bytes) -> list[Doc]:
    """The page's printed lines with heading cues; :class:`.xmlsafe.Refused` for unsafe or broken XML."""
    root = root_element(head_text(data))
    ns = f"{{{root[0]}}}" if root and root[0] else ""
    tags = tuple(ns + t for t in ("TextStyle", "TextBlock", "TextLine", "String", "HYP"))
    style, block, line, string, hyp = tags
    page = _Page()
    for event, el in iterparse(data, tags, events=("start", "end")):
        tag = el.tag
        if event == "start":
            if tag == line:
                page.line_refs = el.get("STYLEREFS") or ""
            elif tag == block:
                page.block_refs = el.get("STYLEREFS") or ""
            continue
        if tag == string:
            page.word(el)
        elif tag == line:
            page.end_line()
        elif tag == hyp:
            page.glue_next = not page.line_hyphen_done
        elif tag == block:
            page.out.block()
            el.clear(keep_tail=False)
            while el.getprevious() is not None:
                del el.getparent()[0]
        elif tag == style:
            page.fonts[el.get("ID") or ""] = (number(el.get("FONTSIZE")), "bold" in (el.get("FONTSTYLE") or ""))
    text = page.out.text()
    cues = tuple((i, HEADING) for i in heading_lines(page.styles))
    return [Doc(text, ALTO, declared_encoding(data), cues)]
