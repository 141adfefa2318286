"""An article's paragraphs, raw and repaired, each mapped back to the raw text.

A paragraph is a line, or a block of lines without blank lines between them
in a page that separates paragraphs by blank lines.  Markup (``# ``, ``**``)
and surrounding spaces are not part of a paragraph's text.

Repair joins a paragraph cut in two by a column break: a one-line body
paragraph that stops mid-sentence (no terminal punctuation) is joined with the
body paragraph after it.  Repair works inside one article, so it never joins
across an article boundary, and only where CJK meets the break: two Latin
lines would need a space between them, which is reflow's work
(:mod:`.reflow`), so they stay two paragraphs rather than glue two words.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.engine.ingest.lines import Kind, ends_terminal, markup_prefix
from tui.engine.ingest.reflow import is_wide
from tui.engine.model import Paragraph

_KIND_NAMES = {
    Kind.HEADING: "heading",
    Kind.QUOTED: "quoted",
    Kind.CLOSING: "closing",
    Kind.CREDIT: "credit",
    Kind.SUBTITLE: "subtitle",
    Kind.BYLINE: "byline",
    Kind.METADATA: "meta",
    Kind.CONTINUATION: "meta",
    Kind.KICKER: "heading",
}


def _line_piece(line: str, offset: int) -> tuple[int, int] | None:
    """Range of the line's visible content (markup and outer spaces excluded).

    A line of markup alone (``# #``) has no content to strip it from: it is shown as it is (an empty
    paragraph would show nothing and diff as one), as a ``meta`` paragraph (:func:`_markup_only`).
    """
    stripped = line.strip()
    if not stripped:
        return None
    lead = len(line) - len(line.lstrip())
    content, _, prefix = markup_prefix(stripped)
    inner = content.strip()
    if not inner:
        return offset + lead, offset + lead + len(stripped)
    start = offset + lead + prefix + (len(content) - len(content.lstrip()))
    return start, start + len(inner)


def _markup_only(line: str) -> bool:
    """A line of Markdown markup and nothing else (``# #``): a separator, never a sentence that repair joins."""
    content, level, _ = markup_prefix(line.strip())
    return bool(level) and not content.strip()


def build_paragraphs(
    raw: str,
    lines: Sequence[str],
    offs: Sequence[int],
    kinds: Sequence[Kind],
    idx: Sequence[int],
    roles: dict[int, str],
    base: int,
    *,
    joined_blocks: bool,
) -> list[Paragraph]:
    """Raw paragraphs of the article ``raw`` made of content lines ``idx``; ``raw`` starts at offset ``base``."""
    groups: list[list[int]] = []
    for i in idx:
        if (
            joined_blocks
            and groups
            and groups[-1][-1] == i - 1
            and kinds[i] is Kind.BODY
            and kinds[i - 1] is Kind.BODY
            and not markup_prefix(lines[i].strip())[1]
            and not markup_prefix(lines[i - 1].strip())[1]
        ):
            groups[-1].append(i)
        else:
            groups.append([i])
    pars = []
    for g in groups:
        pieces: list[tuple[int, int]] = []
        for n, i in enumerate(g):
            piece = _line_piece(lines[i], offs[i] - base)
            if n:  # the newline between two lines of one block
                nl = offs[i] - base - 1
                pieces.append((nl, nl + 1))
            if piece:
                pieces.append(piece)
        text = "".join(raw[s:e] for s, e in pieces)
        kind = roles.get(g[0]) or (_KIND_NAMES.get(kinds[g[0]], "body") if len(g) == 1 else "body")
        if kind == "body" and len(g) == 1 and _markup_only(lines[g[0]]):
            kind = "meta"
        pars.append(Paragraph(text=text, kind=kind, pieces=tuple(pieces), line=g[0] + 1))
    return pars


def repair(pars: Sequence[Paragraph]) -> list[Paragraph]:
    """Join column-break splits (see the module docstring).

    A run of splits is joined once, at its end: joining pair by pair copied the
    text so far at every step, quadratic in a long page with no full stop.
    """
    out: list[Paragraph] = []
    run: list[Paragraph] = []  # a body paragraph and the splits joined to it
    open_end = False  # the run is one line that stops mid-sentence: the next body paragraph may join it
    last = ""  # the run's last character
    for p in pars:
        if open_end and p.kind == "body" and (is_wide(last) or is_wide(p.text[:1] or " ")):
            run.append(p)
            if "\n" in p.text:
                open_end = False
            elif p.text.strip():  # a blank piece leaves the run's end as it was
                open_end = not ends_terminal(p.text)
            last = p.text[-1:] or last
        else:
            out.extend(_joined(run))
            run = [p]
            open_end = p.kind == "body" and "\n" not in p.text and not ends_terminal(p.text)
            last = p.text[-1:]
    out.extend(_joined(run))
    return out


def _joined(run: list[Paragraph]) -> list[Paragraph]:
    if len(run) < 2:
        return run
    return [
        Paragraph(
            text="".join(p.text for p in run),
            kind="body",
            pieces=tuple(piece for p in run for piece in p.pieces),
            line=run[0].line,
        )
    ]
