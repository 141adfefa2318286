"""Change kinds of Latin print: case, orthographic forms and OCR confusions, each hideable."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine.diff.compare import compare
from tui.engine.diff.kinds import chain, classify, classify_in, fold, key

LATIN = st.text(alphabet=st.sampled_from(list("The tho rn m li h cl d vv w ſ ﬁ ﬂ æ Æ fi ae st ÉéAa.,\n")), max_size=40)


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("THE", "the", "case"),
        ("Été", "été", "case"),
        ("ſome", "some", "ortho"),
        ("ﬁne", "fine", "ortho"),
        ("Cæsar", "Caesar", "ortho"),
        ("corn", "com", "ocr"),
        ("liim", "him", "ocr"),
        ("clay", "day", "ocr"),
        ("tho", "the", "ocr"),
        ("cat", "dog", "content"),
        ("ＴＨＥ", "the", "content"),  # a full-width capital is a width form, not a case
    ],
)
def test_latin_kinds(a, b, kind):
    assert classify(a, b) == kind


def test_a_one_letter_change_is_judged_on_its_words():
    a, b = "said tho man", "said the man"
    assert classify(a[7:8], b[7:8]) == "content"
    assert classify_in(a, b, 7, 8, 7, 8) == "ocr"
    assert classify_in("the cat sat", "the cot sat", 5, 6, 5, 6) == "content"


def test_compare_counts_the_new_kinds_and_ignore_drops_them():
    a = ["The Supreme Court met at noon and tho judges heard the case of the corner store."]
    b = ["The supreme court met at noon and the judges heard the case of the comer store."]
    cmp = compare(a, b)
    assert cmp.stats["case"] >= 1 and cmp.stats["ocr"] >= 2 and cmp.stats["content"] == 0
    assert not compare(a, b, ignore=frozenset({"case", "ocr"})).differs


@settings(max_examples=200, deadline=None)
@given(LATIN, st.sets(st.sampled_from(["case", "width", "space", "punct", "ortho", "ocr"])))
def test_latin_normalisations_keep_their_offsets_in_order(text, kinds):
    n = chain(text, kinds)
    assert len(n.origin) == len(n.text)
    assert list(n.origin) == sorted(set(n.origin))
    assert fold(text, kinds) == n.text


@settings(max_examples=200, deadline=None)
@given(LATIN)
def test_the_fast_key_is_the_full_chain_for_latin_text(text):
    from tui.engine.diff.kinds import STEPS

    assert key(text) == chain(text, STEPS).text
