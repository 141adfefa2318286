"""Change kinds of Latin print: case, orthographic forms and OCR confusions, each hideable."""

import operator
from itertools import accumulate

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine.diff.compare import compare
from tui.engine.diff.kinds import STEPS, classify, classify_in, fold_kinds, key

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
@given(LATIN, st.sets(st.sampled_from(list(STEPS))))
def test_latin_folds_keep_case_one_to_one_and_the_others_only_shorten(text, kinds):
    cased = fold_kinds(text, kinds & {"case"})
    assert len(cased) == len(text)
    assert len(fold_kinds(text, kinds)) <= len(fold_kinds(text, kinds & {"case", "width", "script"}))


@settings(max_examples=200, deadline=None)
@given(LATIN)
def test_the_fast_key_is_every_fold_for_latin_text(text):
    assert key(text) == fold_kinds(text, STEPS)


@settings(max_examples=200, deadline=None)
@given(LATIN, LATIN)
def test_classify_is_the_first_kind_whose_folds_make_latin_texts_equal(a, b):
    prefixes = accumulate(([k] for k in STEPS), operator.add)
    same = (kinds[-1] for kinds in prefixes if fold_kinds(a, kinds) == fold_kinds(b, kinds))
    assert classify(a, b) == next(same, "content")
