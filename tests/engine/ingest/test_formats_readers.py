"""Each reader on small documents written here: namespaces, hyphenation, cues, reading order, records, web pages."""

import json

import pytest

from tests.engine.ingest.formats_helpers import listing, run
from tui.engine.ingest.formats.detect import NotText, sniff
from tui.engine.ingest.load import load
from tui.engine.variants.groupcache import find_groups

ALTO_NS = {
    "none": "",
    "ccs": "http://schema.ccs-gmbh.com/ALTO",
    "v1": "http://www.loc.gov/standards/alto/",
    "v2": "http://www.loc.gov/standards/alto/ns-v2#",
    "v3": "http://www.loc.gov/standards/alto/ns-v3#",
    "v4": "http://www.loc.gov/standards/alto/ns-v4#",
}


def alto(ns: str, lines: str) -> bytes:
    xmlns = f' xmlns="{ns}"' if ns else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<alto{xmlns}><Styles>'
        '<TextStyle ID="BIG" FONTSIZE="24" FONTSTYLE="bold"/><TextStyle ID="BODY" FONTSIZE="9"/>'
        '<TextStyle ID="ODD" FONTSIZE="NaN"/></Styles><Layout><Page HEIGHT="NaN" WIDTH="NaN"><PrintSpace>'
        f"{lines}</PrintSpace></Page></Layout></alto>\n"
    ).encode()


def line(*words: str, style: str = "BODY") -> str:
    parts = []
    for w in words:
        attrs = w if "=" in w else f'CONTENT="{w}"'
        parts.append(f'<String {attrs} HEIGHT="NaN"/>')
    return f'<TextLine STYLEREFS="{style}">' + '<SP WIDTH="NaN"/>'.join(parts) + "</TextLine>"


BODY = [
    line("The", "town", "council", "met", "on", "Monday", "and", "agreed"),
    line("to", "build", "a", "new", "bridge", "over", "the", "river", "at"),
    line("the", "cost", "of", "four", "thousand", "dollars", "as", "planned."),
]
PAGE_LINES = (
    '<TextBlock STYLEREFS="BIG">' + line("BRIDGE", "VOTED", style="BIG") + "</TextBlock>"
    '<TextBlock STYLEREFS="BODY">'
    + "".join(BODY)
    + line("A", 'CONTENT="com" SUBS_TYPE="HypPart1" SUBS_CONTENT="committee"').replace(
        "</TextLine>", '<HYP CONTENT="-"/></TextLine>'
    )
    + line('CONTENT="mittee" SUBS_TYPE="HypPart2" SUBS_CONTENT="committee"', "will", "report.")
    + line("The", "sur").replace("</TextLine>", '<HYP CONTENT="-"/></TextLine>')
    + line("veyors", "start", "soon.", style="ODD")
    + "</TextBlock>"
)


@pytest.mark.parametrize("version", sorted(ALTO_NS))
def test_alto_of_every_namespace_reads_the_same_lines(tmp_path, version):
    (tmp_path / "page.xml").write_bytes(alto(ALTO_NS[version], PAGE_LINES))
    tf = load(tmp_path).file("page.xml")
    assert tf.format == "alto"
    assert tf.text.split("\n")[:3] == ["BRIDGE VOTED", "", "The town council met on Monday and agreed"]
    assert "A committee\nwill report.\nThe surveyors\nstart soon.\n" in tf.text
    assert tf.articles[0].title == "BRIDGE VOTED"  # the big type is a heading cue


def test_a_txt_holding_alto_is_read_as_alto(tmp_path):
    (tmp_path / "page.txt").write_bytes(alto(ALTO_NS["v2"], PAGE_LINES))
    assert load(tmp_path).file("page.txt").format == "alto"


def test_detection_by_content():
    assert (
        sniff(
            b"\xef\xbb\xbf  <?xml version='1.0'?><!-- x --><PcGts xmlns='http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15'/>"
        )
        == "page"
    )
    assert sniff(b'{"id": "a", "text": "x"}\n') == "jsonl"
    assert sniff(b"<!DOCTYPE html><p>hi</p>") == "html"
    assert sniff(b"<html><body><div class='ocr_page'><span class='ocr_line'>x</span></div></body></html>") == "hocr"
    assert sniff(b"Plain {text}") == "text"
    with pytest.raises(NotText, match="<mets>"):
        sniff(b'<?xml version="1.0"?><mets xmlns="http://www.loc.gov/METS/"/>')


PAGE_2019 = """<?xml version="1.0" encoding="UTF-8"?>
<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"><Page>
<ReadingOrder><OrderedGroup id="g"><RegionRefIndexed index="1" regionRef="b"/><RegionRefIndexed index="0" regionRef="a"/></OrderedGroup></ReadingOrder>
<TextRegion id="b" type="paragraph">
 <TextLine id="b1"><TextEquiv index="2"><Unicode>wrong reading</Unicode></TextEquiv><TextEquiv index="1"><Unicode>The mayor spoke first,</Unicode></TextEquiv></TextLine>
 <TextLine id="b2"><Word><TextEquiv><Unicode>then</Unicode></TextEquiv></Word><Word><TextEquiv><Unicode>the</Unicode></TextEquiv></Word><Word><TextEquiv><Unicode>clerk.</Unicode></TextEquiv></Word></TextLine>
</TextRegion>
<TextRegion id="a" type="heading"><TextLine id="a1"><TextEquiv><Unicode>ignored line</Unicode></TextEquiv></TextLine>
 <TextEquiv><Unicode>COUNCIL MEETING</Unicode></TextEquiv></TextRegion>
</Page></PcGts>
"""


def test_page_follows_the_reading_order_and_prefers_region_text(tmp_path):
    (tmp_path / "p.xml").write_text(PAGE_2019, encoding="utf-8")
    tf = load(tmp_path).file("p.xml")
    assert tf.format == "page"
    assert tf.text == "COUNCIL MEETING\n\nThe mayor spoke first,\nthen the clerk.\n"
    assert tf.articles[0].title == "COUNCIL MEETING"


STORY = (
    "The steamer Arctic arrived in port yesterday after a voyage of twelve days from Liverpool, "
    "bringing news of heavy fighting along the frontier and of a new loan raised in London by the government."
)


def test_jsonl_series_are_witnesses_and_records_are_articles(tmp_path, capsys):
    recs = [
        {"id": "a1", "series": "sn111", "date": "1916-04-05", "title": "ARCTIC ARRIVES", "text": STORY},
        {"id": "a2", "series": "sn111", "date": "1916-04-05", "text": "Local notes.\nThe fair opens on Monday."},
        {"id": "b1", "series": "sn222", "date": "1916-04-06T00:00:00Z", "text": STORY.replace("twelve", "twelve long")},
        "not a record",
    ]
    (tmp_path / "papers.jsonl").write_text("\n".join(json.dumps(r) for r in recs) + "\n{broken\n", encoding="utf-8")
    data = listing(capsys, tmp_path)
    arts = data["articles"]
    assert [a["id"] for a in arts] == ["papers.jsonl/sn111#1", "papers.jsonl/sn111#2", "papers.jsonl/sn222#1"]
    assert arts[0]["title"] == "ARCTIC ARRIVES" and {a["format"] for a in arts} == {"jsonl"}
    assert arts[2]["source"] == {"paper": "sn222", "date": "1916-04-06", "record": "b1"}
    groups = find_groups(load(tmp_path), cache=False)
    assert [[(w.siglum, w.file) for w in g.witnesses] for g in groups] == [
        [("sn111", "papers.jsonl/sn111"), ("sn222", "papers.jsonl/sn222")]
    ]
    code, out, _ = run(capsys, "show", "papers.jsonl/sn111#2", "--folder", str(tmp_path))
    assert code == 0 and "The fair opens on Monday." in out
    corpus = load(tmp_path)
    assert corpus.file("papers.jsonl/sn111").warning == "2 lines not a record with a text, left out"


WEB = """<!DOCTYPE html><html><head><meta charset="windows-1252"><title>Brücke eröffnet | Zeitung</title>
<meta property="article:published_time" content="2024-03-05T10:00:00Z"><script>var menu = "<p>nope</p>";</script></head>
<body><nav><a href="/">Start</a> <a href="/welt">Welt</a></nav><article><h1>Brücke eröffnet</h1>
<p>Die neue Brücke über den Fluss wurde am Dienstag eröffnet; Hunderte Bürger kamen zur Feier am Ufer.</p>
<p>Der Bürgermeister dankte den Arbeitern, die trotz des langen Winters pünktlich fertig geworden waren.</p>
</article><footer>© Zeitung</footer></body></html>"""


def test_web_page_main_text_title_and_date(tmp_path, capsys):
    (tmp_path / "story.html").write_bytes(WEB.encode("cp1252"))
    data = listing(capsys, tmp_path)
    (art,) = data["articles"]
    assert art["format"] == "html" and art["encoding"] == "windows-1252"
    assert art["title"].startswith("Brücke eröffnet") and art["source"] == {"date": "2024-03-05"}
    code, out, _ = run(capsys, "show", "story.html", "--folder", str(tmp_path))
    assert code == 0
    assert "Hunderte Bürger kamen zur Feier" in out and "pünktlich fertig" in out
    assert "Welt" not in out and "nope" not in out and "menu" not in out


def test_trafilatura_imports_and_stays_off_the_startup_path():
    import subprocess
    import sys

    code = "import sys, tui.engine.ingest.load, tui.cli; assert 'trafilatura' not in sys.modules; import trafilatura, lxml_html_clean"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0
