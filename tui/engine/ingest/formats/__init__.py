"""Readers for the formats archives publish: each turns a file's bytes into printed lines.

Every reader returns :class:`Doc` records (or the reason the file is refused).
A Doc's ``text`` becomes the file's text: its printed lines, one per line,
with a blank line between the layout's blocks (ALTO ``TextBlock``, PAGE
``TextRegion``, hOCR ``ocr_par``), so the raw view shows the page as printed
and every offset indexes into that text.  ``cues`` carry what the layout
knows and the letters do not (a line set in a large font is a heading), for
the segmenter.  The web-page reader imports trafilatura, so it is imported
only when a web page is read.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from tui.engine.model import Source

TEXT, ALTO, HOCR, PAGE, JSONL, HTML = "text", "alto", "hocr", "page", "jsonl", "html"
HEADING = "heading"  # the one cue the segmenter reads today


class Refused(Exception):
    """A file that cannot be read safely or at all; the message says why."""


def fingerprint() -> bytes:
    """A digest of the readers' source, for caches of what they produced (without importing them)."""
    h = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        h.update(path.read_bytes())
    return h.digest()


@dataclass(frozen=True)
class Doc:
    """One text a reader found in a file (a JSON lines file holds one per series)."""

    text: str
    format: str
    encoding: str = "utf-8"
    cues: tuple[tuple[int, str], ...] = ()  # (0-based line, cue)
    starts: tuple[int, ...] = ()  # lines where an article must start (records); empty: the segmenter decides
    sources: tuple[Source, ...] = ()  # one per start, when the records name them
    name: str = ""  # a virtual file inside the file (a JSON lines series)
    warning: str | None = None


_SPACES = re.compile(" {2,}")
_BREAKS = str.maketrans(dict.fromkeys("\t\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029", " "))


class Lines:
    """A page's printed lines as a reader finds them, with a blank line between blocks."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.cues: list[tuple[int, str]] = []

    def add(self, text: str, cue: str = "") -> int | None:
        """Append one printed line (inner line breaks become spaces); its index, or None when it is empty."""
        text = _SPACES.sub(" ", text.translate(_BREAKS)).strip()
        if not text:
            return None
        self.lines.append(text)
        if cue:
            self.cues.append((len(self.lines) - 1, cue))
        return len(self.lines) - 1

    def extend_last(self, text: str) -> None:
        """Glue ``text`` to the last line (the second half of a word hyphenated across lines)."""
        if self.lines and self.lines[-1]:
            self.lines[-1] += text.translate(_BREAKS).strip()
        else:
            self.add(text)

    def block(self) -> None:
        """End a block: the next line starts after one blank line."""
        if self.lines and self.lines[-1]:
            self.lines.append("")

    def text(self) -> str:
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        return "\n".join(self.lines) + "\n" if self.lines else ""
