"""Long texts are keyed and shingled a piece at a time (the GIL is free between pieces), with the same result."""

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine.variants import shingles

# Letters, digits, CJK, full-width forms, combining marks, Hangul jamo (which NFKC composes), punctuation,
# and Latin words in both cases (Latin windows are longer, the match key folds case).
PARTS = st.sampled_from(
    [
        "Bridge",
        "REOPENS",
        "新闻",
        "內容",
        "ｆｕｌｌ",
        "Ａ１",
        "e\u0301",
        "\u1100",
        "\u1161",
        "\u11a8",
        "ㅏ",
        "ｶ",
        "ﾞ",
        "ǅ",
        "。",
        " ",
        "x",
        "9",
        "ﬁ",
        "가",
    ]
)
TEXTS = st.lists(PARTS, max_size=60).map("".join)


def whole(function, text):
    """``function`` run on the text in one piece, as before."""
    piece = shingles.PIECE
    shingles.PIECE = 10**9
    try:
        return function(text)
    finally:
        shingles.PIECE = piece


@settings(max_examples=300)
@given(TEXTS, st.integers(1, 12))
def test_the_keys_and_the_shingles_of_pieces_are_those_of_the_whole(text, piece):
    norm = whole(shingles.grouping_key, text)
    expected = [norm, whole(shingles.match_key, text), whole(shingles.shingles, norm)]
    saved = shingles.PIECE
    shingles.PIECE = piece
    try:
        got = [shingles.grouping_key(text), shingles.match_key(text), shingles.shingles(norm)]
    finally:
        shingles.PIECE = saved
    assert got == expected


def test_no_regex_call_takes_a_whole_long_article(monkeypatch):
    """What holds the GIL at a time is one piece, not the 600,000 characters."""
    lengths = []
    real = shingles._NOT_WORD

    class Spy:
        def sub(self, repl, text):
            lengths.append(len(text))
            return real.sub(repl, text)

    monkeypatch.setattr(shingles, "_NOT_WORD", Spy())
    shingles.grouping_key("新闻内容，" * 120_000)
    assert sum(lengths) == 600_000 and max(lengths) < 2 * shingles.PIECE
