"""The CJK line breaker: cells, kinsoku rules, ASCII words, no text lost."""

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.render.wrap import NO_LINE_END, NO_LINE_START, clip, wrap

ALPHABET = "中文字段落新闻报道，。、；：！？）」》（「《“”… \u3000abcXYZ019-\n"


def lines(text, width):
    return [text[a:b] for a, b in wrap(text, width)]


def test_breaks_between_wide_characters():
    assert lines("一二三四五六", 4) == ["一二", "三四", "五六"]


def test_ascii_words_stay_whole():
    assert lines("hello world again", 11) == ["hello world", "again"]
    assert lines("中文hello", 5) == ["中文", "hello"]


def test_closing_punctuation_never_starts_a_line():
    # "是一次" fills 6 cells; the comma must not open the next line.
    out = lines("是一次，政治", 6)
    assert out[1][0] not in NO_LINE_START
    assert "".join(out) == "是一次，政治"


def test_opening_bracket_never_ends_a_line():
    out = lines("一二《三四》", 6)
    assert not out[0].endswith("《")


def test_long_word_is_hard_broken():
    assert lines("abcdefghij", 4) == ["abcd", "efgh", "ij"]


def test_ambiguous_quotes_measure_one_cell():
    # Decision (README): “ ” — … count 1 cell, as in Rich and Textual.
    assert cell_len("“”—…") == 4
    assert lines("“一”", 4) == ["“一”"]


def test_an_ideographic_space_measures_two_cells():
    # U+3000 indents a Chinese paragraph; counted as one cell, every line of a diff overflowed --width.
    text = "中文\u3000" * 30
    assert all(cell_len(line) <= 20 for line in lines(text, 20))
    assert lines("（\u3000\u3000\u3000好", 6) == ["（\u3000\u3000", "\u3000好"]


def test_newlines_are_hard_breaks_and_empty_lines_kept():
    assert wrap("a\n\nbb", 5) == [(0, 1), (2, 2), (3, 5)]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=120), st.integers(min_value=2, max_value=30))
def test_wrap_loses_no_text_and_fits(text, width):
    ranges = wrap(text, width)
    kept = "".join(text[a:b] for a, b in ranges)
    assert [c for c in kept if not c.isspace()] == [c for c in text if not c.isspace()]
    prev_end = 0
    for a, b in ranges:
        assert prev_end <= a <= b
        prev_end = b
        seg = text[a:b]
        if cell_len(seg) > width:  # only a run that cannot be broken may overflow
            assert len(seg.split()) == 1 and len(seg) == 1


# Realistic prose, on lines wide enough for any unbreakable run (a run wider
# than a line has no valid break and is cut, see test_long_word_is_hard_broken).
WORD = st.one_of(
    st.sampled_from("中文字段落新闻报道"),
    st.sampled_from([" abc ", " 2023", "XYZ "]),
    st.tuples(st.sampled_from("，。、；：！？）」》”"), st.sampled_from("中文字")).map("".join),
    st.tuples(st.sampled_from("中文字"), st.sampled_from("（「《“")).map("".join),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(WORD, max_size=60).map("".join), st.integers(min_value=10, max_value=30))
def test_kinsoku_rules_hold(text, width):
    for a, b in wrap(text, width):
        seg = text[a:b]
        if a > 0:
            assert seg[0] not in NO_LINE_START
        if b < len(text):
            assert seg[-1] not in NO_LINE_END


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET.replace("\n", ""), max_size=40), st.integers(min_value=0, max_value=30))
def test_clip_keeps_the_longest_prefix_that_fits_before_an_ellipsis(text, width):
    out = clip(text, width)
    assert cell_len(out) <= width
    if cell_len(text) <= width:
        assert out == text
    elif width:
        kept = out[:-1]
        assert out.endswith("…") and text.startswith(kept) and kept == kept.rstrip()
        rest = text[len(kept) :]
        word = len(kept) + len(rest) - len(rest.lstrip()) + 1  # up to the next printed character
        assert cell_len(text[:word]) > width - 1  # it would not fit


def test_clip_never_halves_a_wide_character():
    assert clip("全面提高基层", 6) == "全面…"
    assert clip("全面提高基层", 7) == "全面提…"
    assert clip("工作质效 压紧", 10) == "工作质效…"
    assert clip("全面", 4) == "全面"


def test_a_run_wider_than_the_line_breaks_where_the_kinsoku_rules_allow():
    # "（ 2023XYZ ，" cannot break inside (13 cells, the line 11): the hard break fell before the comma
    out = lines("中（ 2023XYZ ，中", 11)
    assert "".join(out) == "中（ 2023XYZ ，中"
    assert not any(line[0] in NO_LINE_START for line in out[1:])
    assert any("2023XYZ" in line for line in out)  # and no narrow word is split for it


def test_a_hard_break_moves_back_only_a_little():
    # a run of closing marks has no allowed break: it is cut where it falls, in linear time
    text = "中" + "，" * 50
    assert "".join(lines(text, 10)) == text
    assert all(len(line) <= 5 for line in lines(text, 10))
