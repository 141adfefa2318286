"""Variation points as lines: the base in context, the readings, their flags."""

from __future__ import annotations

from tui.engine.diff.collate import collate
from tui.render.collation import CONTEXT, plain, point_lines

BEFORE = "第一段文字很长很长很长的开头部分"
AFTER = "之后的文字也很长很长很长很长"


def collation(*readings: str):
    witnesses = [(s, [BEFORE + r + AFTER]) for s, r in zip(("A", "B", "C"), readings)]
    return collate(witnesses, base="A")


def tags(line):
    return {tag: text for text, tag in line}


def test_the_head_shows_context_characters_of_the_base_either_side():
    col = collation("甲", "乙", "乙")
    assert len(col.points) == 1
    head, _ = point_lines(col, 0)
    assert tags(head)["context"] == AFTER[:CONTEXT]
    assert plain(head) == f"1. {BEFORE[-CONTEXT:]}[甲]{AFTER[:CONTEXT]}"
    assert CONTEXT == 8


def test_readings_carry_sigla_and_flags_lone_and_consensus():
    col = collation("甲", "乙", "乙")
    _, under = point_lines(col, 0)
    assert [plain(line) for line in under] == ["A: 甲  (lone)", "B C: 乙  (consensus)"]
    assert [line[-1][1] for line in under] == ["lone", "flags"]


def test_an_omission_and_a_line_break_are_shown():
    col = collate([("A", [BEFORE + AFTER]), ("B", [BEFORE + "多" + AFTER]), ("C", [BEFORE + "多\n" + AFTER])], base="A")
    heads = [plain(point_lines(col, k)[0]) for k in range(len(col.points))]
    assert any("[(omitted)]" in h for h in heads)
    readings = [plain(line) for k in range(len(col.points)) for line in point_lines(col, k)[1]]
    assert any("↵" in r for r in readings) and not any("\n" in r for r in readings + heads)


def test_a_witness_lacking_the_paragraph_is_listed_under_the_point():
    col = collate([("A", ["一段文字", "第二段甲"]), ("B", ["一段文字", "第二段乙"]), ("C", ["一段文字"])], base="A")
    lines = [plain(line) for k in range(len(col.points)) for line in point_lines(col, k)[1]]
    assert "lacking the paragraph: C" in lines


def test_control_characters_in_readings_and_context_are_shown_not_obeyed():
    col = collate([("A", ["正文\x1b[31m甲之后"]), ("B", ["正文\x1b[31m乙之后"]), ("C", ["正文\x1b[31m乙之后"])])
    text = "".join(plain(point_lines(col, 0)[0]) + "".join(plain(x) for x in point_lines(col, 0)[1]))
    assert "\x1b" not in text and "\u241b" in text


def test_sigla_with_spaces_of_their_own_are_told_apart():
    papers = ("sn85058396 1916-04-08 ed-1", "sn96088180 1916-04-05 ed-1", "sn99063957 1916-04-05 ed-1")
    witnesses = [(s, [BEFORE + r + AFTER]) for s, r in zip(papers, ("甲", "乙", "乙"))]
    _, under = point_lines(collate(witnesses, base=papers[0]), 0)
    assert plain(under[1]).startswith(f"{papers[1]}, {papers[2]}: 乙")
