"""Shared by the format tests: where the real corpora are, and `newsread show`/`list` run in-process."""

import json
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tui.main import main

CORPORA = ROOT.parent / "shared" / "corpora"
FORMATS = CORPORA / "formats"
# Markup that must never reach the reader: a tag with attributes or a closing tag, an attribute, an entity.
MARKUP = re.compile(
    r"</?(?:String|TextLine|TextBlock|TextEquiv|Unicode|span|div|p|html|body|alto|PcGts)\b|\b(?:CONTENT|class|title)=['\"]|&(?:amp|lt|gt|quot|#\d+);"
)

needs_corpora = pytest.mark.skipif(not FORMATS.is_dir(), reason="../shared/corpora is not beside the checkout")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as e:
        code = e.code
    out, err = capsys.readouterr()
    return code, out, err


def listing(capsys, folder: Path) -> dict:
    code, out, err = run(capsys, "list", "--json", "--folder", str(folder))
    assert code == 0, err
    return json.loads(out)
