"""`newsread variants`: the JSON interface, the table, and bad input."""

import json

from .test_cli import run

MEMBER_KEYS = {"id", "file", "title", "siglum", "similarity", "coverage"}


def test_variants_json_on_the_seeds_is_the_lead_story(capsys):
    code, out, err = run(capsys, "variants", "--json")
    data = json.loads(out)
    assert code == 0 and not err and set(data) == {"groups"}
    [group] = data["groups"]
    assert set(group) == {"id", "base", "members"}
    assert all(set(m) == MEMBER_KEYS for m in group["members"])
    ids = [m["id"] for m in group["members"]]
    assert ids == [
        "000_0ea74b706e051f9e.txt#1",
        "000_0ea74b706e051f9e.txt#2",
        "001_f369ed2dbcb57396.txt#1",
        "002_9cc716cc01e6bbdf.txt#1",
    ]
    assert group["base"] in {m["siglum"] for m in group["members"]}
    assert not any(m["file"].startswith(("003", "004")) for m in group["members"])


def test_member_ids_are_those_of_list(capsys):
    _, out, _ = run(capsys, "list", "--json")
    listed = {a["id"]: a["title"] for a in json.loads(out)["articles"]}
    _, out, _ = run(capsys, "variants", "--json", "--no-cache")
    for m in json.loads(out)["groups"][0]["members"]:
        assert listed[m["id"]] == m["title"]


def test_variants_table_marks_the_base(capsys):
    code, out, _ = run(capsys, "variants")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("group g1: 3 files, base ")
    base = lines[0].rsplit(" ", 1)[1]
    assert lines[1].split() == ["SIGLUM", "SIM", "COVER", "ID", "TITLE"]
    starred = [ln for ln in lines[2:] if ln.startswith("*")]
    assert len(starred) == 1 and starred[0].split()[1] == base
    assert "000_0ea74b706e051f9e.txt#1  (untitled) “一年一度" in out  # as newsread list shows it


def test_variants_on_a_folder_without_variants(capsys, tmp_path):
    (tmp_path / "a.txt").write_text("# 标题\n\n只有一篇文章。\n", encoding="utf-8")
    code, out, _ = run(capsys, "variants", "--folder", str(tmp_path), "--json")
    assert code == 0 and json.loads(out) == {"groups": []}
    code, out, _ = run(capsys, "variants", "--folder", str(tmp_path))
    assert code == 0 and "no story" in out


def test_variants_bad_folder_is_one_line_exit_2(capsys, tmp_path):
    code, out, err = run(capsys, "variants", "--folder", str(tmp_path / "missing"))
    assert code == 2 and not out and len(err.strip().splitlines()) == 1 and "no such folder" in err
