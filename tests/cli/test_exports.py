"""Exports of a comparison: TEI, CSV/TSV and HTML, to stdout or written atomically with -o."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil

import pytest
from lxml import etree

from .test_cli import run

LEAD = ("000#1", "001#1", "002#1")
TEI = "{http://www.tei-c.org/ns/1.0}"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def collated(capsys) -> dict:
    code, out, _ = run(capsys, "collate", *LEAD, "--json")
    assert code == 0
    return json.loads(out)


def test_tei_of_the_lead_story_matches_collate_json(capsys, tmp_path):
    teiphy = pytest.importorskip("teiphy")
    points = collated(capsys)["points"]
    target = tmp_path / "lead.xml"
    code, out, err = run(capsys, "collate", *LEAD, "--tei", "-o", str(target))
    assert code == 0 and out == "" and "wrote" in err
    root = etree.parse(str(target))
    declared = {w.get("{http://www.w3.org/XML/1998/namespace}id") for w in root.iter(f"{TEI}witness")}
    assert all(w.lstrip("#") in declared for r in root.iter(f"{TEI}rdg") for w in r.get("wit").split())
    parsed = teiphy.Collation(root)
    assert len(parsed.witnesses) == 3 and len(parsed.variation_units) == len(points)
    lone_tei = [
        app.get("{http://www.w3.org/XML/1998/namespace}id")
        for app in root.iter(f"{TEI}app")
        if app.find(f"{TEI}rdg[@cause='lone-witness']") is not None
    ]
    lone_json = [f"app{k}" for k, p in enumerate(points, 1) if p["lone"]]
    assert lone_tei == lone_json


@pytest.mark.parametrize("flag, delimiter", [("--csv", ","), ("--tsv", "\t")])
def test_alignment_table_has_a_row_per_point_and_a_column_per_witness(capsys, flag, delimiter):
    data = collated(capsys)
    code, out, _ = run(capsys, "collate", *LEAD, flag)
    assert code == 0
    table = list(csv.reader(io.StringIO(out, newline=""), delimiter=delimiter))
    sigla = [w["siglum"] for w in data["witnesses"]]
    assert table[0] == ["point", "base", *sigla]
    assert len(table) - 1 == len(data["points"])
    for row, point in zip(table[1:], data["points"]):
        for reading in point["readings"]:
            assert all(row[2 + sigla.index(s)] == reading["text"] for s in reading["sigla"])


@pytest.mark.parametrize("target", ["folder", "under-a-file", "fifo"])
def test_bad_output_is_one_line_and_leaves_nothing(capsys, tmp_path, target):
    (tmp_path / "folder").mkdir()
    (tmp_path / "file").write_text("keep", encoding="utf-8")
    os.mkfifo(tmp_path / "fifo")
    path = {"folder": tmp_path / "folder", "under-a-file": tmp_path / "file" / "x.html", "fifo": tmp_path / "fifo"}[
        target
    ]
    before = sorted(p.name for p in tmp_path.rglob("*"))
    for argv in (("diff", "000", "001", "--html"), ("collate", *LEAD, "--tei")):
        code, out, err = run(capsys, *argv, "-o", str(path))
        assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    assert (tmp_path / "file").read_text(encoding="utf-8") == "keep"


def test_output_without_an_export_is_refused(capsys, tmp_path):
    code, _, err = run(capsys, "diff", "000", "001", "-o", str(tmp_path / "x"))
    assert code == 2 and "-o goes with" in err


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
def test_html_diff_renders_side_by_side_in_chromium(capsys, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is a test dependency")
    code, out, _ = run(capsys, "diff", "000", "001", "--json")
    assert code == 1
    changed = sum(r["op"] != "equal" for r in json.loads(out)["rows"])
    page_file = tmp_path / "lead.html"
    assert run(capsys, "diff", "000", "001", "--html", "-o", str(page_file))[0] in (0, 1)
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.route(
            "**/*", lambda route: route.abort() if not route.request.url.startswith("file:") else route.continue_()
        )
        page.goto(page_file.as_uri())
        shot = page.screenshot(full_page=False)
        (tmp_path / "lead.png").write_bytes(shot)
        assert page.locator("tr[data-op]:not([data-op='equal'])").count() == changed
        first = page.locator("tr[data-op='replace']").first
        a, b = first.locator("td.a"), first.locator("td.b")
        assert a.inner_text().strip() and b.inner_text().strip()
        box_a, box_b = a.bounding_box(), b.bounding_box()
        assert box_a["x"] + box_a["width"] <= box_b["x"] + 1 and abs(box_a["y"] - box_b["y"]) < 2  # side by side
        assert len(shot) > 10_000
        browser.close()
