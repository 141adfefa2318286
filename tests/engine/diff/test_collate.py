"""Collation: variation points, lone witnesses and the consensus rules."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine.diff.collate import collate
from tui.engine.diff.compare import compare, paragraphs
from tui.engine.ingest.load import load
from tui.engine.refs import resolve
from tui.engine.variants.central import central
from tui.engine.variants.sigla import sigla


@pytest.fixture(scope="module")
def seeds_witnesses():
    corpus = load()
    return [
        (s, paragraphs(resolve(corpus, ref).articles))
        for s, ref in (("000", "000#1-2"), ("001", "001#1"), ("002", "002#1"))
    ]


@pytest.fixture(scope="module")
def seeds_collation(seeds_witnesses):
    return collate(seeds_witnesses)


def point_at(col, snippet):
    """The one point where some witness's reading, read in the base's context, gives ``snippet``."""
    hits = [
        p
        for p in col.points
        if any(
            snippet in col.base_text[p.base[0] - 4 : p.base[0]] + r.text + col.base_text[p.base[1] : p.base[1] + 4]
            for r in p.readings
        )
    ]
    assert len(hits) == 1, hits
    return hits[0]


@pytest.mark.parametrize("base", [None, "000", "001", "002"])
def test_seed_lone_witnesses_whatever_the_base(seeds_witnesses, base):
    col = collate(seeds_witnesses, base=base)
    assert point_at(col, "聚走走好").lone == "000"
    assert point_at(col, "第一人讲").lone == "000"
    assert point_at(col, "由衷感慨").lone == "001"


def test_seed_consensus(seeds_collation):
    text = seeds_collation.consensus
    for good, bad in (("聚焦走好", "聚走走好"), ("第一人称讲", "第一人讲"), ("由衷地感慨", "由衷感慨")):
        assert good in text and bad not in text
    assert "普遍把贯彻落实习近平总书记重要指示批示" in text  # 001 lacks the paragraph; 000 dropped 记


def test_a_witness_lacking_the_paragraph_is_absent_inside_it(seeds_collation):
    col = seeds_collation
    p = next(p for p in col.points if any(r.text == "记" for r in p.readings))
    assert p.absent == ("001",)
    assert {r.sigla for r in p.readings} == {("000",), ("002",)}


def test_support_records_the_witnesses_of_every_choice(seeds_collation):
    col = seeds_collation
    assert len(col.support) == len(col.points)
    for p, sup in zip(col.points, col.support):
        chosen = next(r for r in p.readings if r.text == sup.text)
        assert sup.sigla == chosen.sigla
        assert len(chosen.sigla) == max(len(r.sigla) for r in p.readings)


def test_base_defaults_to_the_most_central_witness():
    a = ["今天召开全体会议，部署下半年各项工作任务。", "会议要求各部门抓好落实。"]
    b = ["今天召开全体会议，部署下半年各项工作任务。", "会议要求各部门抓紧落实。"]
    c = ["今天召开全体会议，部署下半年工作。", "会议要求各部门抓紧落实，不得拖延。"]
    assert central([("a", a), ("b", b), ("c", c)]) == "b"
    assert collate([("a", a), ("b", b), ("c", c)]).base == "b"


def test_majority_reading_wins_and_lone_is_reported():
    wits = [("x", ["甲乙丙丁"]), ("y", ["甲乙丙丁"]), ("z", ["甲戊丙丁"])]
    col = collate(wits, base="z")
    assert col.consensus == "甲乙丙丁"
    (p,) = col.points
    assert p.lone == "z"
    assert col.support[0].sigla == ("x", "y")


def test_on_a_tie_a_reading_beats_an_omission():
    wits = [("x", ["会议决定，立即开展工作。"]), ("y", ["会议决定立即开展工作。"])]
    assert collate(wits, base="y").consensus == "会议决定，立即开展工作。"
    assert collate(wits, base="x").consensus == "会议决定，立即开展工作。"


def test_other_ties_go_to_the_base():
    wits = [("x", ["会议决定开展工作。"]), ("y", ["会议决心开展工作。"])]
    assert collate(wits, base="x").consensus == "会议决定开展工作。"
    assert collate(wits, base="y").consensus == "会议决心开展工作。"


def test_a_whole_paragraph_omission_is_a_reading():
    p1, p2, p3 = "第一段讲会议的召开。", "第二段讲会议的部署。", "第三段讲会议的要求。"
    col = collate([("x", [p1, p2, p3]), ("y", [p1, p3]), ("z", [p1, p3])], base="x")
    assert col.consensus == "\n\n".join([p1, p3])
    (p,) = col.points
    assert p.lone == "x" and any(r.text == "" and r.sigla == ("y", "z") for r in p.readings)


def test_collate_checks_its_witnesses():
    with pytest.raises(ValueError):
        collate([("x", ["甲"])])
    with pytest.raises(ValueError):
        collate([("x", ["甲"]), ("x", ["乙"])])
    with pytest.raises(ValueError):
        collate([("x", ["甲"]), ("y", ["乙"])], base="q")


def test_sigla_are_the_shortest_unique_prefixes_at_a_word_boundary():
    names = ["000_0ea74b.txt", "001_f369ed.txt", "sub/002_9cc7.txt"]
    assert sigla(names) == ["000", "001", "002"]
    assert sigla(["a.txt", "ab.txt"]) == ["a.txt", "ab"]
    assert sigla(["x/000_a.txt", "y/000_a.txt"]) == ["x/000_a.txt", "y/000_a.txt"]
    assert sigla(["people-2024-06-07.txt", "people-2024-06-08.txt"]) == ["people-2024-06-07", "people-2024-06-08"]


BASE_STORY = [
    "今天召开全体会议，部署下半年各项工作任务。",
    "会议要求各部门抓好落实，确保取得实效。",
    "会议指出，要坚持问题导向，盯着问题改。",
    "会议强调，要加强作风建设，减轻基层负担。",
]


@st.composite
def witness(draw):
    """A variant of BASE_STORY: paragraphs dropped, characters changed or inserted."""
    out = []
    for p in BASE_STORY:
        if draw(st.integers(0, 3)) == 0:
            continue
        chars = list(p)
        for _ in range(draw(st.integers(0, 2))):
            i = draw(st.integers(0, len(chars) - 1))
            chars[i] = draw(st.sampled_from(list("甲乙，,")))
        if draw(st.booleans()):
            chars.insert(draw(st.integers(0, len(chars))), "地")
        out.append("".join(chars))
    if draw(st.integers(0, 4)) == 0:
        out.insert(draw(st.integers(0, len(out))), "另外一段新加的话，说的是天气。")
    return out


@settings(max_examples=150, deadline=None)
@given(st.lists(witness(), min_size=2, max_size=4))
def test_each_witness_is_its_readings_applied_to_the_base(wits):
    named = [(f"w{k}", w) for k, w in enumerate(wits)]
    col = collate(named)
    texts = dict(named)
    for sig, pars in named:
        if any(sig in p.absent for p in col.points):
            continue
        if compare(texts[col.base], pars).stats["move"]:
            continue
        parts, pos = [], 0
        for p in col.points:
            reading = next(r.text for r in p.readings if sig in r.sigla)
            parts += [col.base_text[pos : p.base[0]], reading]
            pos = p.base[1]
        parts.append(col.base_text[pos:])
        assert "".join(parts) == "\n\n".join(pars)
    if len({tuple(w) for w in wits}) == 1:
        assert col.points == () and col.consensus == "\n\n".join(wits[0])
