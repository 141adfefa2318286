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


def test_a_passage_member_names_its_passage_and_diff_compares_it(capsys, tmp_path):
    """A report inside two longer pages: each member is a passage, named FILE#1@S-E, which diff takes."""
    from tests.engine.variants.test_passages import REPORT, page, words

    page(tmp_path, "a.txt", words(60, 700), REPORT, words(61, 500))
    page(tmp_path, "b.txt", words(62, 300), REPORT.replace("o", "0", 4), words(63, 900))
    code, out, _ = run(capsys, "variants", "--json", "--no-cache", "--folder", str(tmp_path))
    [group] = json.loads(out)["groups"]
    assert code == 0 and all(set(m) == MEMBER_KEYS | {"passage"} for m in group["members"])
    refs = [m["passage"]["ref"] for m in group["members"]]
    assert refs[0].startswith("a.txt#1@") and refs[1].startswith("b.txt#1@")
    code, out, _ = run(capsys, "diff", *refs, "--json", "--folder", str(tmp_path))
    data = json.loads(out)
    assert code == 1 and data["a"] == refs[0] and data["similarity"] > 0.9  # the passages, not the pages
    code, out, _ = run(capsys, "variants", "--no-cache", "--folder", str(tmp_path))
    assert refs[0] in out and "… " in out  # the table: the passage ref, and its opening words for a title
