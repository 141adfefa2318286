"""`newsread diff` and `newsread collate` on the seeds."""

import json

import pytest
from rich.cells import cell_len

from tui.main import main


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def run_exit(capsys, *argv):
    with pytest.raises(SystemExit) as e:
        main(list(argv))
    out = capsys.readouterr()
    return e.value.code, out.out, out.err


def test_diff_json_shape(capsys):
    code, out, _ = run(capsys, "diff", "000#1-2", "001#1", "--json")
    data = json.loads(out)
    assert code == 1
    assert data["a"] == "000_0ea74b706e051f9e.txt#1-2" and data["b"] == "001_f369ed2dbcb57396.txt#1"
    assert 0.9 < data["similarity"] <= 1
    ops = {r["op"] for r in data["rows"]}
    assert ops == {"equal", "replace", "delete", "move"}
    for r in data["rows"]:
        assert set(r) >= {"op", "a", "b", "changes"}
        if r["op"] == "move":
            assert r["moved_from"] == r["a"]["paragraphs"][0] and r["moved_to"] == r["b"]["paragraphs"][0]
        for c in r["changes"]:
            assert c["kind"] in ("width", "punct", "space", "markup", "script", "content")
            if r["a"]:
                assert 0 <= c["a"][0] <= c["a"][1] <= len(r["a"]["text"])
    assert data["stats"]["move"] == 3 and data["stats"]["width"] > 100


def test_diff_exit_code_is_zero_when_only_ignored_kinds_differ(capsys, tmp_path):
    (tmp_path / "x.txt").write_text("标题一\n\n今天，我们开会。\n", encoding="utf-8")
    (tmp_path / "y.txt").write_text("标题一\n\n今天,我们开会.\n", encoding="utf-8")
    code, _, _ = run(capsys, "diff", "x", "y", "--folder", str(tmp_path))
    assert code == 1
    code, out, _ = run(capsys, "diff", "x", "y", "--folder", str(tmp_path), "--ignore", "width")
    assert code == 0
    summary = " ".join(out.splitlines()[-2:])  # the summary, wrapped to the width
    assert "0 changed" in summary and summary.endswith("2 width differences hidden")
    code, _, _ = run(capsys, "diff", "x", "x", "--folder", str(tmp_path))
    assert code == 0


def test_side_by_side_fits_the_width_in_cells_and_has_no_colour_off_a_terminal(capsys):
    code, out, _ = run(capsys, "diff", "000#1-2", "001#1", "--width", "70")
    assert code == 1
    assert "\x1b[" not in out
    lines = out.splitlines()
    assert all(cell_len(line) <= 70 for line in lines)
    assert any(line.startswith("moved:") for line in lines)
    assert lines[-1].endswith(tuple("0123456789")) and "similarity" in lines[-1]
    _, wide, _ = run(capsys, "diff", "000#1-2", "001#1", "--width", "600")
    assert "聚{+焦+}走好" in wide and "聚[-走-]走好" in wide


def test_ideographic_spaces_keep_every_line_within_the_width(capsys, tmp_path):
    indent = "\u3000\u3000"  # how a Chinese page indents a paragraph; each space is two cells
    (tmp_path / "x.txt").write_text("标题\n\n" + indent + "今天上午，　全市　召开　大会。" * 8 + "\n", encoding="utf-8")
    (tmp_path / "y.txt").write_text("标题\n\n" + indent + "今天下午，　全市　召开　大会。" * 8 + "\n", encoding="utf-8")
    for layout in ((), ("--unified",)):
        code, out, _ = run(capsys, "diff", "x", "y", "--folder", str(tmp_path), "--width", "40", *layout)
        assert code == 1 and all(cell_len(line) <= 40 for line in out.splitlines())


def test_colour_always_unless_never_or_no_color(capsys, monkeypatch):
    _, out, _ = run(capsys, "diff", "001#1", "002#1", "--color", "always", "--width", "80")
    assert "\x1b[" in out and "{+" not in out
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, _ = run(capsys, "diff", "001#1", "002#1", "--width", "80")
    assert "\x1b[" not in out
    _, out, _ = run(capsys, "diff", "001#1", "002#1", "--color", "never", "--width", "80")
    assert "\x1b[" not in out


def test_unified_marks_sides(capsys):
    code, out, _ = run(capsys, "diff", "001#1", "002#1", "--unified", "--width", "60")
    lines = out.splitlines()
    assert code == 1
    assert any(line.startswith("- ") and "由衷感慨" in line for line in lines)
    assert any(line.startswith("+ ") and "{+地+}" in line for line in lines)
    assert all(cell_len(line) <= 60 for line in lines)


def test_diff_errors_are_one_line_and_exit_two(capsys):
    for argv in (
        ("diff", "000#9", "001"),
        ("diff", "000", "nosuchfile"),
        ("diff", "000", "001", "--ignore", "colour"),
        ("diff", "000", "001", "--width", "5"),
        ("diff", "000", "001", "--width", "100000"),  # unbounded output before
    ):
        code, _out, err = run_exit(capsys, *argv)
        assert code == 2, argv
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_control_characters_in_file_text_are_made_visible(capsys, tmp_path):
    (tmp_path / "x.txt").write_text("标题\n\n正文\x1b[31m红\n", encoding="utf-8")
    (tmp_path / "y.txt").write_text("标题\n\n正文\n", encoding="utf-8")
    _, out, _ = run(capsys, "diff", "x", "y", "--folder", str(tmp_path), "--color", "always")
    assert "\x1b[31m红" not in out and "\u241b" in out


def test_collate_json_and_consensus(capsys):
    code, out, _ = run(capsys, "collate", "000#1-2", "001#1", "002#1", "--json")
    data = json.loads(out)
    assert code == 0
    assert [w["siglum"] for w in data["witnesses"]] == ["000", "001", "002"]
    assert data["witnesses"][0]["ref"] == "000_0ea74b706e051f9e.txt#1-2"
    assert data["base"] in ("000", "001", "002")
    lone = {p["lone"] for p in data["points"]}
    assert {"000", "001"} <= lone
    for p in data["points"]:
        assert set(p) >= {"base", "readings", "lone"}
        assert sorted(s for r in p["readings"] for s in r["sigla"]) == sorted({"000", "001", "002"} - set(p["absent"]))
    assert "聚焦走好" in data["consensus"]
    code, out, _ = run(capsys, "collate", "000#1-2", "001#1", "002#1", "--consensus", "--base", "001")
    assert code == 0 and "第一人称讲" in out and "由衷地感慨" in out


def test_collate_and_variants_name_the_same_default_base(capsys):
    _, out, _ = run(capsys, "variants", "--json")
    (group,) = json.loads(out)["groups"]
    refs = {}
    for m in group["members"]:
        refs.setdefault(m["siglum"], []).append(m["id"].rsplit("#", 1)[1])
    argv = [f"{s}#{'-'.join((n[0], n[-1])) if len(n) > 1 else n[0]}" for s, n in refs.items()]
    _, out, _ = run(capsys, "collate", *argv, "--json")
    assert json.loads(out)["base"] == group["base"]


def test_collate_ignore_drops_formal_points(capsys):
    _, out, _ = run(capsys, "collate", "000#1-2", "001#1", "002#1", "--json")
    _, ignored, _ = run(capsys, "collate", "000#1-2", "001#1", "002#1", "--json", "--ignore", "width,punct")
    full, fewer = json.loads(out)["points"], json.loads(ignored)["points"]
    assert len(fewer) < len(full) - 100
    assert not any({r["text"] for r in p["readings"]} == {"，", ","} for p in fewer)


def test_collate_text_and_errors(capsys):
    code, out, _ = run(capsys, "collate", "000#1-2", "001#1", "002#1")
    assert code == 0 and "(lone)" in out and out.rstrip().endswith("variation points")
    for argv in (("collate", "000#1"), ("collate", "000#1", "001#1", "--base", "009"), ("collate", "000#1", "000#1")):
        code, _, err = run_exit(capsys, *argv)
        assert code == 2 and len(err.strip().splitlines()) == 1


def test_variants_and_diff_report_one_similarity_for_the_same_pair(capsys):
    """`variants` gives each witness's similarity to the base; `diff` of that pair prints the same figure."""
    _, out, _ = run(capsys, "variants", "--json", "--no-cache")
    (group,) = json.loads(out)["groups"]
    refs: dict[str, list[str]] = {}
    for m in group["members"]:
        refs.setdefault(m["siglum"], []).append(m["id"])
    span = {s: ids[0] if len(ids) == 1 else f"{ids[0]}-{ids[-1].rsplit('#', 1)[1]}" for s, ids in refs.items()}
    base = span[group["base"]]
    for m in group["members"]:
        if m["siglum"] == group["base"]:
            continue
        _, out, _ = run(capsys, "diff", span[m["siglum"]], base, "--json")
        assert json.loads(out)["similarity"] == m["similarity"]
