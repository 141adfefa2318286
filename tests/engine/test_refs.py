"""References to files: an ambiguous prefix is one short line, whatever the folder."""

from pathlib import Path

import pytest

from tui.engine.ingest.load import Corpus
from tui.engine.model import TextFile
from tui.engine.refs import AMBIGUOUS_SHOWN, RefError, find_file


def corpus_of(names: list[str]) -> Corpus:
    return Corpus(Path("/news"), [TextFile(n, "/news/" + n, 1, 0, "utf-8", "x") for n in names], [])


def test_an_ambiguous_prefix_names_the_first_files_and_counts_the_rest():
    corpus = corpus_of([f"page{n:05d}.txt" for n in range(20_000)])
    with pytest.raises(RefError) as e:
        find_file(corpus, "page")
    message = str(e.value)
    assert message.startswith("page: ambiguous, matches 20000 files: page00000.txt, page00001.txt")
    assert message.endswith(f"page{AMBIGUOUS_SHOWN - 1:05d}.txt and {20_000 - AMBIGUOUS_SHOWN} more")
    assert len(message) < 300


def test_a_few_matches_are_all_named():
    with pytest.raises(RefError, match=r"^a: ambiguous, matches 2 files: a1.txt, a2.txt$"):
        find_file(corpus_of(["a1.txt", "a2.txt", "b.txt"]), "a")
