"""The README's two commands come first, and CI runs the test command verbatim."""

import re

from conftest import ROOT


def readme_commands():
    return re.findall(r"```sh\n(.+?)\n```", (ROOT / "README.md").read_text(encoding="utf-8"))


def test_readme_starts_with_the_two_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first_blocks = re.findall(r"```sh\n(.+?)\n```", text.split("\n## ", 1)[0])
    assert len(first_blocks) == 2
    launch, test = first_blocks
    assert "newsread" in launch and "pytest" in test
    assert text.index(launch) < text.index(test) < text.index("\n## ")


def test_ci_runs_the_readme_test_command_verbatim():
    test_command = readme_commands()[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()
