"""Normalisations: what they fold, and that every offset maps back to the original."""

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine.diff.kinds import (
    KINDS,
    STEPS,
    chain,
    classify,
    fold_kinds,
    key,
    markup,
    punct,
    space,
    width,
)

TEXT = st.text(alphabet=st.sampled_from(list("中文，,。.、「」《》…！!  \n#*_`>abcＡ１1—-")), max_size=60)


def test_width_folds_fullwidth_and_keeps_length():
    text = "１２，。「書」《報》…ＡＢ"
    n = width(text)
    assert n.text == "12,.“書”<報>…AB"
    assert n.origin == tuple(range(len(text)))


def test_ellipsis_never_shifts_offsets():
    text = "他说……然后，走了"
    n = width(text)
    assert len(n.text) == len(text)
    assert n.text.index("然") == text.index("然")


def test_punct_space_and_markup_drop_characters_and_map_back():
    text = "**重要** 通知：\n# 今天"
    m = markup(text)
    assert m.text == "重要 通知：\n今天"
    assert [text[i] for i in m.origin] == list(m.text)
    s = space(text)
    assert " " not in s.text and "\n" not in s.text
    p = punct("你好，世界。")
    assert p.text == "你好世界"
    assert p.origin == (0, 1, 3, 4)


def test_span_maps_a_normalised_range_to_the_original():
    n = punct("甲，乙，丙")
    assert n.text == "甲乙丙"
    assert n.span(1, 3) == (2, 5)
    assert n.span(1, 1) == (2, 2)


def test_key_folds_every_formal_difference():
    assert key("坚持“书记抓，抓书记”") == key("坚持 **「书记抓,抓书记」**")
    assert key("总书记") != key("总书")


def test_classify_gives_the_first_kind_that_explains_a_change():
    assert classify("，", ",") == "width"
    assert classify("\n\n", "") == "space"
    assert classify("**", "") == "markup"
    assert classify("—", "-") == "punct"
    assert classify("□", "") == "punct"
    assert classify("走", "焦") == "content"
    assert classify("", "地") == "content"
    assert set(STEPS) | {"content"} == set(KINDS)


@settings(max_examples=150, deadline=None)
@given(TEXT, st.sets(st.sampled_from(list(STEPS))))
def test_every_character_of_a_normalisation_comes_from_the_original(text, kinds):
    n = chain(text, kinds)
    assert len(n.origin) == len(n.text)
    assert list(n.origin) == sorted(set(n.origin))
    assert all(0 <= i < len(text) for i in n.origin)
    folded = chain(text, kinds & {"width", "script"}).text
    assert all(folded[i] == ch for i, ch in zip(n.origin, n.text))


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_the_fast_key_is_the_full_chain(text):
    assert key(text) == chain(text, STEPS).text


@settings(max_examples=150, deadline=None)
@given(TEXT, st.sets(st.sampled_from(list(STEPS))))
def test_the_text_only_fold_is_the_chain_text(text, kinds):
    assert fold_kinds(text, kinds) == chain(text, kinds).text


@settings(max_examples=200, deadline=None)
@given(TEXT, TEXT)
def test_classify_is_the_first_kind_whose_chain_makes_both_equal(a, b):
    done, expected = [], "content"
    for kind in STEPS:
        done.append(kind)
        if chain(a, done).text == chain(b, done).text:
            expected = kind
            break
    assert classify(a, b) == expected


def test_script_uses_a_converter_when_one_is_installed(monkeypatch):
    import tui.engine.diff.kinds as normalize

    fake = {"國": "国", "о": "ab"}  # a converter may expand: such a character is kept
    monkeypatch.setattr(normalize, "_TO_SIMPLIFIED", lambda s: "".join(fake.get(c, c) for c in s))
    normalize._key_char.cache_clear()
    try:
        n = normalize.script("中國о")
        assert n.text == "中国о" and n.origin == (0, 1, 2)
        assert normalize.classify("國家", "国家") == "script"
        assert normalize.key("國") == normalize.key("国")
    finally:
        normalize._key_char.cache_clear()
