"""The command line: list/show, references, and one-line errors with exit code 2."""

import json
import os
import subprocess
import sys

import pytest

from tui import __version__
from tui.main import main

KEYS = {"id", "file", "index", "title", "untitled", "start_line", "end_line", "chars", "encoding", "format", "source"}


def run(capsys, *argv):
    try:
        code = main(list(argv))
    except SystemExit as e:
        code = e.code
    out, err = capsys.readouterr()
    return code, out, err


def test_list_json_shape(capsys):
    code, out, _ = run(capsys, "list", "--json")
    data = json.loads(out)
    assert code == 0 and set(data) == {"articles", "skipped"}
    assert all(set(a) == KEYS for a in data["articles"])
    first = data["articles"][0]
    assert first["id"] == first["file"] + "#1" and first["encoding"] == "utf-8"
    assert [a["start_line"] for a in data["articles"] if a["file"].startswith("001")] == [
        3,
        101,
        111,
        125,
        129,
        141,
        147,
        153,
    ]


def test_list_table_is_readable(capsys):
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert out.splitlines()[0].split() == ["ID", "LINES", "CHARS", "ENCODING", "TITLE"]
    assert "(untitled)" in out


def test_show_prefix_reference_and_range(capsys):
    code, out, _ = run(capsys, "show", "000#1-2")
    assert code == 0 and out.startswith("“一年一度") and "全面提高基层党建工作质效" in out


def test_show_raw_is_the_exact_slice(capsys, seeds):
    code, out, _ = run(capsys, "show", "001#5", "--raw")
    text = next(seeds.glob("001_*")).read_text(encoding="utf-8")
    assert code == 0 and out.rstrip("\n") in text and "## 会," in out


def test_show_whole_file(capsys, seeds):
    _code, out, _ = run(capsys, "show", "002", "--raw")
    assert out.rstrip("\n") == next(seeds.glob("002_*")).read_text(encoding="utf-8").rstrip("\n")


@pytest.mark.parametrize(
    "argv,needle",
    [
        (["show", "00"], "ambiguous"),
        (["show", "9"], "no file matches"),
        (["show", "000#99"], "has articles 1-7"),
        (["list", "--bogus"], "unrecognized arguments"),
        (["list", "--folder", "/no/such/dir"], "no such folder"),
        (["show", "/etc/passwd"], "not inside"),
    ],
)
def test_errors_are_one_line_exit_2(capsys, argv, needle):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and needle in err and "Traceback" not in err


def test_bad_folder_for_the_reader_is_one_line(capsys):
    code, _, err = run(capsys, "/no/such/folder")
    assert code == 2 and err.strip() == "newsread: no such folder: /no/such/folder"


def test_subcommand_names_win_but_paths_open_folders(tmp_path, monkeypatch, capsys):
    calls = []
    monkeypatch.setattr("tui.reader.launch.launch", lambda folder, **kw: calls.append(folder) or 0)
    (tmp_path / "list").mkdir()
    monkeypatch.chdir(tmp_path)
    assert main(["./list"]) == 0 and [str(c) for c in calls] == ["list"]
    code, out, _ = run(capsys, "list", "--json")
    assert code == 0 and json.loads(out)["articles"]


def test_version_and_help():
    out = subprocess.run([sys.executable, "-m", "tui", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"newsread {__version__}"
    out = subprocess.run([sys.executable, "-m", "tui", "--help"], capture_output=True, text=True, check=True)
    assert "subcommands:" in out.stdout and "list" in out.stdout


def test_control_characters_made_visible_on_a_terminal(tmp_path, monkeypatch, capsys):
    (tmp_path / "x.txt").write_text("# 标题\x1b[31m\n\n正文\u202e。\n", encoding="utf-8")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, _ = run(capsys, "show", "x#1", "--folder", str(tmp_path))
    assert code == 0 and "\x1b" not in out and "\u202e" not in out and "␛[31m" in out


@pytest.mark.parametrize(
    "argv,needle",
    [
        (["show", "001#" + "9" * 5000], "no file matches"),
        (["diff", "001#1", "002#1", "--width", "0"], "must be above zero"),
        (["list", "--max-bytes", "-1"], "must be above zero"),
        (["list", "--max-bytes", "lots"], "not a whole number"),
    ],
)
def test_more_bad_input_is_one_line_exit_2(capsys, argv, needle):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and needle in err


def test_an_unlistable_folder_is_a_usage_error(tmp_path, monkeypatch, capsys):
    real = os.scandir

    def refuse(path="."):  # root lists everything, so refuse as the kernel would
        if str(path) == str(tmp_path):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", refuse)
    code, _, err = run(capsys, "list", "--folder", str(tmp_path))
    assert code == 2 and "cannot read folder" in err and "Permission denied" in err


def test_dot_slash_paths_resolve(capsys):
    code, out, _ = run(capsys, "show", "./001_f369ed2dbcb57396.txt#4")
    assert code == 0 and "静音车厢" in out


def test_json_escapes_bidi_and_c1_controls(tmp_path, capsys):
    (tmp_path / "x.txt").write_text("# 标题\u202e反\x9b\n\n正文。\n", encoding="utf-8")
    code, out, _ = run(capsys, "list", "--json", "--folder", str(tmp_path))
    assert code == 0 and "\u202e" not in out and "\x9b" not in out and "\\u202e" in out
    assert json.loads(out)["articles"][0]["title"] == "标题\u202e反\x9b"  # lossless


def test_a_broken_pipe_exits_141():
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "diff", "001#1", "002#1", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.close()  # the reader is gone before the diff is written, like `| head -c 0`
    assert proc.wait(timeout=60) == 141
    assert b"Traceback" not in proc.stderr.read()
