"""The README: its two commands come first, CI runs the test command verbatim, and it names only what a clone has."""

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


def test_the_readme_points_only_into_the_checkout_and_tours_before_the_reference():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)\s]+)\)", text)
    local = [link for link in links if not re.match(r"[a-z]+://", link)]
    assert {"docs/reader.png", "docs/diff.png"} <= set(local)
    for link in local:
        assert (ROOT / link.split("#")[0]).exists(), link
    assert "../" not in text  # nothing beside the checkout is named as if every clone had it
    assert text.index("## A short tour") < text.index("## Usage") < text.index("## Command line")
    assert "source .venv/bin/activate" in text  # so `newsread …` works as printed
