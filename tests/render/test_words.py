"""Word steps for the selection: a Latin word or one Chinese character, with the punctuation that closes it."""

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.render.words import next_word_end, previous_word_end

ALPHABET = "中文新闻，。「」 abcXY019,.;-“”"


def test_steps_through_latin_words_and_chinese_characters():
    text = "Hello, world. 中文，好"
    ends = []
    i = 0
    while i < len(text):
        i = next_word_end(text, i)
        ends.append(text[:i])
    assert ends == ["Hello,", "Hello, world.", "Hello, world. 中", "Hello, world. 中文，", "Hello, world. 中文，好"]


def test_b_takes_back_a_w():
    text = "Hello, world. 中文，好"
    for start in (0, 6, 13, 15, 17):
        assert previous_word_end(text, next_word_end(text, start)) == start


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=30), st.data())
def test_steps_move_within_the_text_and_always_onward(text, data):
    i = data.draw(st.integers(min_value=0, max_value=len(text)))
    forward, back = next_word_end(text, i), previous_word_end(text, i)
    assert i <= forward <= len(text) and 0 <= back <= i
    assert forward > i or not any(c.isalnum() for c in text[i:])
    assert back < i or i == 0 or not any(c.isalnum() for c in text[:i])
