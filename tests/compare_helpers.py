"""Shared checks for comparisons: rebuilding both sides from the rows."""

from tui.engine.diff.compare import SEP, Comparison


def rebuilt(cmp: Comparison, side: str) -> list[str]:
    """The paragraphs of one side, taken from the rows in that side's order."""
    rows = [r for r in cmp.rows if getattr(r, side) is not None]
    rows.sort(key=lambda r: getattr(r, side))
    pos = 0
    for r in rows:
        start, end = getattr(r, side)
        assert start == pos and end > start, "ranges tile the side"
        pos = end
    return [p for r in rows for p in (r.a_text if side == "a" else r.b_text).split(SEP)] if rows else []


def applied(row) -> str:
    """The row's b text rebuilt from its a text and its changes (equal parts must be equal)."""
    out, pa, pb = [], 0, 0
    for c in row.changes:
        assert row.a_text[pa : c.a[0]] == row.b_text[pb : c.b[0]]
        out += [row.a_text[pa : c.a[0]], row.b_text[c.b[0] : c.b[1]]]
        pa, pb = c.a[1], c.b[1]
    assert row.a_text[pa:] == row.b_text[pb:]
    out.append(row.a_text[pa:])
    return "".join(out)


def check_rebuilds(cmp: Comparison, a: list[str], b: list[str]) -> None:
    assert SEP.join(rebuilt(cmp, "a")) == SEP.join(a)
    assert SEP.join(rebuilt(cmp, "b")) == SEP.join(b)
    for r in cmp.rows:
        assert applied(r) == r.b_text
