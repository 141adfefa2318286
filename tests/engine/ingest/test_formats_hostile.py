"""Hostile files: entity bombs, external entities, deep nesting, truncation, a 20 MB web page.

Each is loaded in a child process so its time and peak memory are its own:
skipped or read with a reason, within 10 s and 500 MB, and nothing expanded
or fetched (the text of /etc/passwd never appears).
"""

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.engine.ingest.formats_helpers import FORMATS, needs_corpora

LIMIT_S = 10
LIMIT_MB = 500
ALTO_NS = "http://www.loc.gov/standards/alto/ns-v3#"

LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE alto [\n<!ENTITY lol "lol">\n'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">\n' for i in range(1, 10)
    )
    + f']>\n<alto xmlns="{ALTO_NS}"><Layout><Page><PrintSpace><TextBlock><TextLine>'
    '<String CONTENT="&lol9;"/></TextLine></TextBlock></PrintSpace></Page></Layout></alto>\n'
)
XXE = (
    '<?xml version="1.0"?>\n<!DOCTYPE alto [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    f'<alto xmlns="{ALTO_NS}"><Layout><Page><PrintSpace><TextBlock><TextLine>'
    '<String CONTENT="safe"/><String>&xxe;</String></TextLine></TextBlock></PrintSpace></Page></Layout></alto>\n'
)
DEEP = (
    f'<?xml version="1.0"?>\n<alto xmlns="{ALTO_NS}">' + "<TextBlock>" * 10_000 + "</TextBlock>" * 10_000 + "</alto>\n"
)

CHILD = """
import json, sys
from tui.engine.ingest.load import load
c = load(sys.argv[1])
print(json.dumps({"files": {f.relpath: f.text for f in c.files}, "skipped": {s.relpath: s.reason for s in c.skipped}}))
"""


def load_in_child(folder: Path) -> tuple[dict, float, float]:
    """(result, seconds, peak MB) of loading ``folder`` in a fresh interpreter."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD, str(folder)], capture_output=True, text=True, timeout=60)
    seconds = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout), seconds, max(peak, before) / 1024


def web_page(filler: str) -> bytes:
    article = "".join(
        f"<p>Paragraph {i}: the storm hit the coast on Tuesday and left thousands of homes without power.</p>"
        for i in range(12)
    )
    return (
        "<html><head><title>Storm hits the coast</title></head><body>"
        f"{filler}<article><h1>Storm hits the coast</h1>{article}</article></body></html>"
    ).encode()


CASES = {
    "laughs.xml": (LAUGHS.encode(), "entities"),
    "xxe.xml": (XXE.encode(), "entities"),
    "deep.xml": (DEEP.encode(), "malformed XML"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_xml_is_refused_with_a_reason_in_bounds(tmp_path, name):
    data, reason = CASES[name]
    (tmp_path / name).write_bytes(data)
    got, seconds, mb = load_in_child(tmp_path)
    assert got["files"] == {} and reason in got["skipped"][name]
    assert seconds < LIMIT_S and mb < LIMIT_MB


@needs_corpora
def test_truncated_alto_is_skipped_with_the_parser_message(tmp_path):
    data = (FORMATS / "alto" / "chronam_ocr.xml").read_bytes()
    (tmp_path / "cut.xml").write_bytes(data[: len(data) // 2])
    got, seconds, mb = load_in_child(tmp_path)
    assert got["files"] == {} and got["skipped"]["cut.xml"].startswith("malformed XML: ")
    assert "line" in got["skipped"]["cut.xml"]  # the parser's own message says where
    assert seconds < LIMIT_S and mb < LIMIT_MB


def test_passwd_is_never_read_into_any_text(tmp_path):
    (tmp_path / "xxe.hocr").write_bytes(XXE.replace("alto", "html").encode())
    (tmp_path / "xxe.html").write_bytes(XXE.replace("alto", "html").encode())
    got, _, _ = load_in_child(tmp_path)
    assert "root:" not in json.dumps(got["files"])
    assert set(got["skipped"]) == {"xxe.hocr", "xxe.html"}


def test_a_20_mb_web_page_of_markup_is_refused_with_a_reason_in_bounds(tmp_path):
    links = "".join(
        f'<div class="teaser"><a href="/n/{i}">Another story, number {i}</a></div>\n' for i in range(270_000)
    )
    (tmp_path / "huge.html").write_bytes(web_page(links))
    assert (tmp_path / "huge.html").stat().st_size > 20_000_000
    got, seconds, mb = load_in_child(tmp_path)
    assert got["files"] == {} and "too large to extract" in got["skipped"]["huge.html"]
    assert seconds < LIMIT_S and mb < LIMIT_MB


def test_a_20_mb_web_page_of_scripts_is_read_in_bounds(tmp_path):
    script = "<script>" + "var teaser = '<div>story</div>';\n" * 620_000 + "</script>"
    (tmp_path / "scripted.html").write_bytes(web_page(script))
    assert (tmp_path / "scripted.html").stat().st_size > 20_000_000
    got, seconds, mb = load_in_child(tmp_path)
    text = got["files"]["scripted.html"]
    assert (
        text.startswith("Storm hits the coast\n") and "Paragraph 11: the storm hit" in text and "var teaser" not in text
    )
    assert seconds < LIMIT_S and mb < LIMIT_MB


def test_deeply_nested_hocr_is_refused_with_the_parser_message_not_read_with_holes(tmp_path):
    page = "<html><body><div class='ocr_page'>" + "<div>" * 10_000 + "<span class='ocr_line'>deep line</span>"
    (tmp_path / "deep.hocr").write_text(page + "</div>" * 10_001 + "</body></html>", encoding="utf-8")
    got, seconds, mb = load_in_child(tmp_path)
    assert got["files"] == {} and "Excessive depth" in got["skipped"]["deep.hocr"]
    assert seconds < LIMIT_S and mb < LIMIT_MB


PAGE_NS = "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"
BACKTRACKING = {
    # every "[" of the internal subset could end at any later "]": exponential in the brackets (minutes at 30)
    "brackets.xml": b"<?xml version='1.0'?>\n<!DOCTYPE alto " + b"[]" * 40,
    # every "structure{" of a region's custom attribute scanned to its end: quadratic (minutes at 100 KB)
    "custom.xml": (
        f'<?xml version="1.0"?>\n<PcGts xmlns="{PAGE_NS}"><Page><TextRegion id="r" custom="'
        + "structure{" * 20_000
        + '"><TextEquiv><Unicode>The council met on Monday.</Unicode></TextEquiv></TextRegion></Page></PcGts>\n'
    ).encode(),
}


@pytest.mark.parametrize("name", sorted(BACKTRACKING))
def test_a_file_head_that_made_a_pattern_backtrack_is_handled_in_bounds(tmp_path, name):
    (tmp_path / name).write_bytes(BACKTRACKING[name])
    got, seconds, _ = load_in_child(tmp_path)
    assert name in got["files"] or name in got["skipped"]
    assert seconds < LIMIT_S
