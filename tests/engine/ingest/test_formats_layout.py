"""Archive layouts: Chronicling America's trees give paper, date, edition and page, one witness a page."""

import json
import shutil

from tests.engine.ingest.formats_helpers import CORPORA, FORMATS, listing, needs_corpora, run
from tui.engine.ingest.layout import path_source
from tui.engine.ingest.load import load
from tui.engine.model import Source
from tui.engine.variants.groupcache import find_groups

pytestmark = needs_corpora
WEEK = CORPORA / "chronam-1916-04-week1"
PAGE_DIR = "sn85058396/1916/04/08/ed-1/seq-1"


def chronam_tree(tmp_path):
    """One page as the OCR dumps serve it: ocr.txt and ocr.xml side by side."""
    page = tmp_path / PAGE_DIR
    page.mkdir(parents=True)
    shutil.copy(FORMATS / "alto" / "chronam_ocr.xml", page / "ocr.xml")
    (page / "ocr.txt").write_text(load(FORMATS / "alto").file("chronam_ocr.xml").text, encoding="utf-8")
    return tmp_path


def test_ocr_txt_and_ocr_xml_of_one_page_are_one_witness_with_paper_date_edition(capsys, tmp_path):
    data = listing(capsys, chronam_tree(tmp_path))
    assert {a["file"] for a in data["articles"]} == {f"{PAGE_DIR}/ocr.xml"}
    assert {a["format"] for a in data["articles"]} == {"alto"}
    assert data["articles"][0]["source"] == {
        "paper": "sn85058396",
        "date": "1916-04-08",
        "edition": "ed-1",
        "page": "seq-1",
    }
    assert data["skipped"] == [
        {"file": f"{PAGE_DIR}/ocr.txt", "reason": f"same page as {PAGE_DIR}/ocr.xml (alto preferred)"}
    ]
    code, out, _ = run(capsys, "list", "--folder", str(tmp_path))
    assert code == 0 and "sn85058396 1916-04-08 ed-1 seq-1" in out


def test_the_same_page_in_two_papers_layout_names_short_sigla(capsys, tmp_path):
    chronam_tree(tmp_path)
    other = tmp_path / "sn99999999/1916/04/08/ed-2/seq-1"
    other.mkdir(parents=True)
    shutil.copy(FORMATS / "alto" / "chronam_ocr.xml", other / "ocr.xml")
    groups = find_groups(load(tmp_path), cache=False)
    assert groups  # the page is split into its stories: each story's two copies are a group
    assert all(
        sorted(w.siglum for w in g.witnesses) == ["sn85058396 1916-04-08 ed-1", "sn99999999 1916-04-08 ed-2"]
        for g in groups
    )


def test_layouts_of_paths():
    assert path_source("19160405/sn96088180-ed-1_seq-1.txt") == Source(
        "sn96088180", "1916-04-05", "ed-1", "seq-1", witness="sn96088180 1916-04-05 ed-1"
    )
    assert path_source("batch_or_x/data/sn83030214/00175042306/1916040802/0003.xml") == Source(
        "sn83030214", "1916-04-08", "ed-2", "seq-3", witness="sn83030214 1916-04-08 ed-2"
    )
    assert path_source("x.zip/sn85058396/1916/04/08/ed-1/seq-12/ocr.xml.gz").page == "seq-12"
    assert path_source("2010218505-ed-2_seq-1.txt").witness == "2010218505 ed-2"
    assert path_source("notes/1916/ocr.txt") is None


def test_the_shared_week_lists_paper_date_and_edition(capsys):
    data = listing(capsys, WEEK / "19160405")
    sources = {a["file"]: a["source"] for a in data["articles"]}
    assert sources["sn96088180-ed-1_seq-1.txt"] == {
        "paper": "sn96088180",
        "date": "1916-04-05",
        "edition": "ed-1",
        "page": "seq-1",
    }
    assert all(s and s["date"] == "1916-04-05" for s in sources.values())
    code, out, _ = run(capsys, "list", "--json", "--folder", str(WEEK / "19160405"), "--paper", "sn82014682")
    assert code == 0
    assert {a["file"] for a in json.loads(out)["articles"]} == {
        "sn82014682-ed-1_seq-1.txt",
        "sn82014682-ed-2_seq-1.txt",
    }
