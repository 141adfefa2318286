"""The CLI on English pages: the Latin change kinds can be ignored like width."""

from tui.main import main


def test_the_cli_accepts_the_new_kinds(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("THE COURT MET TODAY\n\nThe judges heard tho case.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("THE COURT MET TODAY\n\nthe judges heard the case.\n", encoding="utf-8")
    assert main(["diff", "a.txt", "b.txt", "--folder", str(tmp_path), "--ignore", "case,ocr"]) == 0
    assert main(["diff", "a.txt", "b.txt", "--folder", str(tmp_path), "--json"]) == 1
    assert '"ocr": 1' in capsys.readouterr().out
