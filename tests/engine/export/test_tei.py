"""The TEI apparatus: well formed, every witness accounted for at every point, readable by teiphy."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from tui.engine.diff.collate import collate
from tui.engine.diff.compare import SEP, paragraphs
from tui.engine.export.tei import TEI_NS, to_tei, witness_ids
from tui.engine.ingest.load import load
from tui.engine.refs import resolve

NS = {"t": TEI_NS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
LEAD = ["000#1", "001#1", "002#1"]


@pytest.fixture(scope="module")
def lead():
    corpus = load()
    witnesses = [(ref[:3], paragraphs(resolve(corpus, ref).articles)) for ref in LEAD]
    col = collate(witnesses)
    return col, to_tei(col, LEAD, version="test")


def reading_text(rdg) -> str:
    """A <rdg>'s text with paragraph breaks back as the collation's separator."""
    parts = [rdg.text or ""]
    for child in rdg:
        assert child.tag == f"{{{TEI_NS}}}lb"
        parts += [SEP, child.tail or ""]
    return "".join(parts)


def apparatus(xml: str) -> tuple[dict[str, str], list[list[tuple[str, tuple[str, ...], dict]]]]:
    root = etree.fromstring(xml.encode("utf-8"))
    declared = {w.get(XML_ID): w.get("n") for w in root.iterfind(".//t:listWit/t:witness", NS)}
    apps = []
    for app in root.iterfind(".//t:app", NS):
        assert app.get(XML_ID)
        apps.append(
            [
                (reading_text(r), tuple(declared[w.lstrip("#")] for w in r.get("wit").split()), dict(r.attrib))
                for r in app.iterfind("t:rdg", NS)
            ]
        )
    return declared, apps


def test_lead_story_apparatus_accounts_for_every_witness(lead):
    col, xml = lead
    declared, apps = apparatus(xml)
    assert sorted(declared.values()) == sorted(col.witnesses)
    assert len(apps) == len(col.points)
    for point, readings in zip(col.points, apps):
        sigla = [s for _, group, _ in readings for s in group]
        assert sorted(sigla) == sorted(col.witnesses)  # one reading per witness, omissions and lacunae included
        lone = [attrs for _, _, attrs in readings if attrs.get("cause") == "lone-witness"]
        assert len(lone) == (point.lone is not None)
    omissions = [r for readings in apps for r in readings if r[0] == "" and r[2].get("type") != "lacunose"]
    assert omissions, "the lead story has omissions, each an empty <rdg/>"


def test_teiphy_reads_the_lead_story(lead):
    teiphy = pytest.importorskip("teiphy")
    col, xml = lead
    parsed = teiphy.Collation(etree.ElementTree(etree.fromstring(xml.encode("utf-8"))))
    assert sorted(w.id for w in parsed.witnesses) == sorted(witness_ids(col.witnesses).values())
    assert len(parsed.variation_units) == len(col.points)
    ids = witness_ids(col.witnesses)
    for unit, point in zip(parsed.variation_units, col.points):
        groups = sorted(sorted(r.wits) for r in unit.readings)
        expected = [sorted(ids[s] for s in r.sigla) for r in point.readings]
        expected += [sorted(ids[s] for s in point.absent)] if point.absent else []
        assert groups == sorted(expected)
        if point.lone is not None:
            assert [ids[point.lone]] in groups


def test_hostile_text_stays_well_formed():
    witnesses = [("a", ["x\x00y\x1b[31m\ud800 <b>&amp;"]), ("b", ["x y ]]> <b>&"]), ("c", ["x\x0cy"])]
    xml = to_tei(collate(witnesses), ["a", "b", "c"], version="test")
    root = etree.fromstring(xml.encode("utf-8"))
    comment = [c for c in root.iter(etree.Comment)]
    assert comment and "replaced" in comment[0].text
    assert "<b>&amp;amp;" not in xml and root.find(".//t:app", NS) is not None


def test_witness_ids_are_names_and_unique():
    ids = witness_ids(["000", "sn85058396 1916-04-08 ed-1", "a b", "a_b"])
    assert ids["000"] == "w000" and len(set(ids.values())) == 4
    for wid in ids.values():
        assert etree.fromstring(f'<x xml:id="{wid}"/>') is not None


words = st.sampled_from(["风", "雨", "，", "。", "新华社", "记者", " ", "the", "10", "十"])
paragraph = st.builds("".join, st.lists(words, min_size=1, max_size=8))
witness = st.lists(paragraph, min_size=1, max_size=4)


@settings(max_examples=60, deadline=None)
@given(st.tuples(witness, witness, witness))
def test_tei_round_trips_to_the_same_readings(triple):
    col = collate(list(zip(("a", "b", "c"), triple)))
    _, apps = apparatus(to_tei(col, ["a", "b", "c"], version="test"))
    assert len(apps) == len(col.points)
    for point, readings in zip(col.points, apps):
        got = {(text, group) for text, group, attrs in readings if attrs.get("type") != "lacunose"}
        assert got == {(r.text, r.sigla) for r in point.readings}
        lacking = [group for _, group, attrs in readings if attrs.get("type") == "lacunose"]
        assert [s for g in lacking for s in g] == list(point.absent)
