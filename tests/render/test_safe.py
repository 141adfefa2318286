"""What is printed or painted can always be encoded, and shows what it stands for."""

import os
import re

from hypothesis import given
from hypothesis import strategies as st

from tui.render.safe import utf8_safe, visible

# Any text, lone surrogates included: what os.fsdecode makes of a name that is not UTF-8.
ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()))
NAMES = st.binary(max_size=40).map(os.fsdecode)


def test_undecodable_bytes_of_a_name_are_shown_as_escapes():
    name = os.fsdecode(b"sub\xfe/a\xff.txt")
    assert visible(name) == "sub\\xfe/a\\xff.txt"
    assert utf8_safe(name) == "sub\\xfe/a\\xff.txt"
    assert visible("\ud800 from a broken import") == "\\ud800 from a broken import"


def test_utf8_safe_leaves_controls_for_the_pipe():
    assert utf8_safe("a\x1b[31m\udcffb") == "a\x1b[31m\\xffb"
    assert visible("a\x1b[31m\udcffb") == "a␛[31m\\xffb"


@given(ANY_TEXT)
def test_whatever_the_text_visible_and_utf8_safe_encode_strictly(text):
    visible(text).encode("utf-8")
    utf8_safe(text).encode("utf-8")


@given(ANY_TEXT)
def test_visible_is_idempotent(text):
    assert visible(visible(text)) == visible(text)


@given(NAMES.filter(lambda name: "\\" not in name))
def test_a_shown_name_spells_its_bytes(name):
    """Every byte that is not UTF-8 is shown as its own ``\\xNN``: the bytes can be read back from the screen."""
    shown = utf8_safe(name)
    read_back = re.sub(r"\\x([0-9a-f]{2})", lambda m: chr(0xDC00 + int(m.group(1), 16)), shown)
    assert os.fsencode(read_back) == os.fsencode(name)


@given(ANY_TEXT.filter(lambda t: not any("\ud800" <= c <= "\udfff" for c in t)))
def test_text_from_files_keeps_its_offsets(text):
    assert len(visible(text)) == len(text)
