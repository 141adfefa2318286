"""Names and paths that confuse a listing: a newline in a name, hard links, a symlinked folder.

Every folder is built at test time.
"""

import os

import pytest

from tui.engine.ingest.load import load
from tui.engine.variants.groupcache import find_groups
from tui.main import main

STORY = (
    "# 一场大雪覆盖全城\n\n"
    "新华社北京1月2日电 今天上午，一场大雪覆盖了整个城市，交通一度受到影响，各部门连夜清扫道路。"
    "气象部门预计，降雪将持续到明天傍晚，部分地区积雪深度可能超过十厘米，请市民注意出行安全。"
    "环卫工人和志愿者们冒着严寒在主要街道铲雪除冰，公交和地铁运营基本正常，学校照常上课。\n"
)


def run(capsys, *argv):
    """Exit code, stdout and stderr of one subcommand that is expected to finish normally."""
    code = main(list(argv))
    return (code, *capsys.readouterr())


def test_a_newline_in_a_file_name_stays_on_its_row(tmp_path, capsys):
    (tmp_path / "a\nb.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "c\td.txt").write_text(STORY + "另一段。\n", encoding="utf-8")
    code, out, _ = run(capsys, "list", "--folder", str(tmp_path))
    rows = out.splitlines()
    assert code == 0 and len(rows) == 3  # the heading and one row per article
    assert rows[1].startswith("a\u240ab.txt#1 ") and rows[2].startswith("c\u2409d.txt#1 ")


def test_a_newline_in_a_skipped_name_stays_on_its_line(tmp_path, capsys):
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "x\nskipped: evil.txt").write_bytes(b"\0binary")
    code, _, err = run(capsys, "list", "--folder", str(tmp_path))
    assert code == 0 and err.splitlines() == ["skipped: x\u240askipped: evil.txt: binary"]


def test_a_hard_link_is_read_once_and_is_no_variant_of_itself(tmp_path):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    os.link(tmp_path / "a.txt", tmp_path / "b.txt")
    (tmp_path / "sub").mkdir()
    os.link(tmp_path / "a.txt", tmp_path / "sub" / "c.txt")
    corpus = load(tmp_path)
    assert [f.relpath for f in corpus.files] == ["a.txt"]
    assert [(s.relpath, s.reason) for s in corpus.skipped] == [
        ("b.txt", "same file as a.txt"),
        ("sub/c.txt", "same file as a.txt"),
    ]
    assert find_groups(corpus, cache=False) == []


def test_a_copy_is_still_a_variant(tmp_path):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(STORY, encoding="utf-8")
    corpus = load(tmp_path)
    assert [f.relpath for f in corpus.files] == ["a.txt", "b.txt"]
    assert len(find_groups(corpus, cache=False)) == 1


@pytest.mark.parametrize("link_name", ["a-link", "z-link"])  # before and after the real folder in any order
def test_a_symlinked_folder_inside_leaves_the_real_path_listed(tmp_path, capsys, link_name):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text(STORY, encoding="utf-8")
    os.symlink("real", tmp_path / link_name)
    corpus = load(tmp_path)
    assert [f.relpath for f in corpus.files] == ["real/a.txt"]
    assert [(s.relpath, s.reason) for s in corpus.skipped] == [(link_name, "same folder as real")]
    code, out, _ = run(capsys, "show", "real/a.txt", "--folder", str(tmp_path))
    assert code == 0 and "一场大雪" in out


def test_a_symlinked_folder_to_a_folder_nothing_else_reaches_is_read_through_it(tmp_path):
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "a.txt").write_text(STORY, encoding="utf-8")
    os.symlink(".hidden", tmp_path / "shown")
    assert [f.relpath for f in load(tmp_path).files] == ["shown/a.txt"]
