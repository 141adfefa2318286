"""Column-break repair: a quoted sentence end is an end, Latin words are never glued, and the joins take linear time."""

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.engine.ingest.lines import ends_terminal
from tui.engine.ingest.paragraphs import repair
from tui.engine.ingest.reflow import is_wide
from tui.engine.ingest.segment import segment
from tui.engine.model import Paragraph


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


def pairwise(pars):
    """The definition: a one-line body paragraph that stops mid-sentence is joined with the body paragraph after
    it, unless that would glue two Latin words (neither side of the join wide)."""
    out = []
    for p in pars:
        prev = out[-1] if out else None
        if (
            prev
            and prev.kind == "body" == p.kind
            and "\n" not in prev.text
            and not ends_terminal(prev.text)
            and (is_wide(prev.text[-1]) or is_wide(p.text[:1] or " "))
        ):
            out[-1] = Paragraph(prev.text + p.text, "body", prev.pieces + p.pieces, prev.line)
        else:
            out.append(p)
    return out


TEXTS = st.sampled_from(
    ["正文没有结束", "结束了。", "", "  ", "two\nlines", "ends with >", "half a sentence,", "Done.", "word", "，"]
)
PARS = st.lists(st.tuples(TEXTS, st.sampled_from(["body", "body", "heading", "quoted"])), max_size=30).map(
    lambda items: [Paragraph(t, k, ((n * 10, n * 10 + len(t)),), n + 1) for n, (t, k) in enumerate(items)]
)


@given(PARS)
def test_repair_joins_as_the_definition_does(pars):
    assert repair(pars) == pairwise(pars)


def unterminated(n: int) -> list[Paragraph]:
    return [Paragraph("新闻内容，" * 40, "body", ((i * 201, i * 201 + 200),), i + 1) for i in range(n)]


def best_of(n: int, work) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def test_a_long_page_without_a_full_stop_is_repaired_in_linear_time():
    pars = unterminated(20_000)  # 4 million characters, all one paragraph once repaired

    def one_pass():  # what any repair must do: look at each paragraph once, build the text once
        [ends_terminal(p.text) for p in pars]
        "".join(p.text for p in pars)

    [joined] = repair(pars)
    assert len(joined.text) == 200 * len(pars) and len(joined.pieces) == len(pars)
    assert best_of(3, lambda: repair(pars)) < 10 * best_of(3, one_pass)  # pair by pair: some 1,000 times
