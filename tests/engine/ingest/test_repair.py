"""Column-break repair: a quoted sentence end is an end, and Latin words are never glued."""

import pytest

from tui.engine.ingest.lines import ends_terminal
from tui.engine.ingest.segment import segment


@pytest.mark.parametrize("text", ['他说：“好。"', "他问：“好吗？'", 'He said "yes."', "Was it?'", "(so it was.)"])
def test_a_straight_quote_or_bracket_after_a_stop_ends_a_sentence(text):
    assert ends_terminal(text)


@pytest.mark.parametrize("text", ['他说"', "the word 'so'", "被分栏切断的半句"])
def test_a_quote_without_a_stop_before_it_ends_nothing(text):
    assert not ends_terminal(text)


def test_a_chinese_paragraph_ending_in_a_straight_quote_is_not_glued_to_the_next():
    arts = segment('他说：“今天的会议到此结束。"\n下一段从这里开始，继续写。', "f.txt")
    assert [p.text for a in arts for p in a.paragraphs] == [
        '他说：“今天的会议到此结束。"',
        "下一段从这里开始，继续写。",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The funeral will be held on Tuesday and the Rev. Mr. Smith will officiate at\nthe church on Main street.",
        "The Rev. Mr. Smith, who came here from Ohio last year with his family,\nwill officiate.",
    ],
)
def test_latin_lines_are_never_glued_into_one_word(text):
    shown = [p.text for a in segment(text, "f.txt") for p in a.paragraphs]
    words = text.split()
    assert all(w in words for p in shown for w in p.split())
