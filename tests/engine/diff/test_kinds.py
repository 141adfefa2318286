"""The kinds of a change: what each fold folds, and that classify picks the first that explains a change."""

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine.diff.kinds import (
    KINDS,
    STEPS,
    classify,
    fold_kinds,
    key,
)

TEXT = st.text(alphabet=st.sampled_from(list("中文，,。.、「」《》…！!  \n#*_`>abcＡ１1—-")), max_size=60)


def test_width_folds_fullwidth_and_keeps_length():
    text = "１２，。「書」《報》…ＡＢ"
    assert fold_kinds(text, {"width"}) == "12,.“書”<報>…AB"


def test_ellipsis_never_shifts_offsets():
    text = "他说……然后，走了"
    folded = fold_kinds(text, {"width"})
    assert len(folded) == len(text)
    assert folded.index("然") == text.index("然")


def test_punct_space_and_markup_drop_characters():
    text = "**重要** 通知：\n# 今天"
    assert fold_kinds(text, {"markup"}) == "重要 通知：\n今天"
    assert fold_kinds(text, {"space"}) == "**重要**通知：#今天"
    assert fold_kinds("你好，世界。", {"punct"}) == "你好世界"


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


def _is_subsequence(short: str, long: str) -> bool:
    rest = iter(long)
    return all(ch in rest for ch in short)


@settings(max_examples=150, deadline=None)
@given(TEXT, st.sets(st.sampled_from(list(STEPS))))
def test_width_and_script_keep_length_and_the_other_folds_only_delete(text, kinds):
    kept = fold_kinds(text, kinds & {"width", "script"})
    assert len(kept) == len(text)
    assert _is_subsequence(fold_kinds(text, kinds), kept)


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_the_fast_key_is_every_fold(text):
    assert key(text) == fold_kinds(text, STEPS)


@settings(max_examples=200, deadline=None)
@given(TEXT, TEXT)
def test_classify_is_the_first_kind_whose_folds_make_both_equal(a, b):
    done, expected = [], "content"
    for kind in STEPS:
        done.append(kind)
        if fold_kinds(a, done) == fold_kinds(b, done):
            expected = kind
            break
    assert classify(a, b) == expected


def test_script_folds_traditional_to_simplified_one_character_for_one():
    from tui.engine.textfold import simplified_table

    table = simplified_table()
    assert len(table) > 2000 and all(len(v) == 1 for v in table.values())
    text = "壓緊壓實強基固本政治責任，臺灣\ud800"
    assert fold_kinds(text, {"script"}) == "压紧压实强基固本政治责任，台湾\ud800"
    assert classify("國家", "国家") == "script"
    assert classify("國家", "国外") == "content"
    assert key("國") == key("国")
