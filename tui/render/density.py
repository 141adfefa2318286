"""Where the changes are along a whole text: a strip one cell wide beside the scrollbar, as Juxta's histogram.

A view of ``n`` lines with a strip ``height`` cells tall gives each cell a
slice of about ``n / height`` lines.  The cell's bar is as long as the share
of changed lines in its slice, in eighths (``▏`` to ``█``), never shorter
than ``▏`` when one line of the slice changed, so no change is lost to the
scale; it takes the tag of the strongest change in the slice (content over
spacing).  Tags are what the lines carry (a change's kind, a row's
operation), never colours.
"""

from __future__ import annotations

from collections.abc import Sequence

BARS = " ▏▎▍▌▋▊▉█"


def density(tags: Sequence[str | None], height: int, strongest: Sequence[str]) -> list[tuple[str, str | None]]:
    """(bar, tag) for each of ``height`` cells over lines tagged ``tags`` (None: unchanged).

    ``strongest`` orders the tags, strongest first; a tag not in it ranks last.
    """
    n = len(tags)
    rank = {tag: k for k, tag in enumerate(strongest)}
    out: list[tuple[str, str | None]] = []
    for i in range(max(0, height)):
        start = i * n // height
        end = min(n, max(start + 1, (i + 1) * n // height))
        present = [t for t in tags[start:end] if t is not None]
        if not present:
            out.append((BARS[0], None))
            continue
        eighths = -(-8 * len(present) // (end - start))  # rounded up: one changed line shows
        out.append((BARS[eighths], min(present, key=lambda t: rank.get(t, len(rank)))))
    return out
