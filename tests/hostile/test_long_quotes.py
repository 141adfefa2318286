"""Very long passages: a quote past MAX_QUOTE is refused with a clear message; long ones list as fast as short ones.

Built at test time: a folder holding one article whose paragraph is longer
than a bookmark may quote, annotation files with a 2-million-character quote
or context, and a store holding such a quote (as one made before the cap was).
"""

from __future__ import annotations

import json
import random
import time
from dataclasses import replace
from pathlib import Path

import pytest
from cli.test_cli import run
from reader.helpers import make_app, settle

from tui.engine.bookmarks.anchor import make_bookmark
from tui.engine.bookmarks.bookmark import MAX_CONTEXT, MAX_QUOTE, W3C_CONTEXT, new_id
from tui.engine.bookmarks.store import Store
from tui.engine.ingest.load import load
from tui.reader.screens.bookmarks import NoteScreen

CJK = [chr(0x4E00 + i) for i in range(500)]
QUOTE = "2021年以来,甘肃全面实施乡村振兴战略"


def long_folder(tmp_path: Path, length: int) -> tuple[Path, str]:
    """A folder with one article: one paragraph of ``length`` characters."""
    folder = tmp_path / "long"
    folder.mkdir()
    paragraph = "".join(random.Random(length).choices(CJK, k=length))
    (folder / "long.txt").write_text(paragraph + "\n", encoding="utf-8")
    return folder, paragraph


def annotation_file(tmp_path: Path, **selector) -> Path:
    path = tmp_path / "import.json"
    target = {"source": "003_d8c59b5a4561fd51.txt", "selector": {"type": "TextQuoteSelector", **selector}}
    path.write_text(json.dumps([{"@context": W3C_CONTEXT, "type": "Annotation", "target": target}]), encoding="utf-8")
    return path


def test_add_refuses_a_quote_past_the_cap(capsys, tmp_path):
    folder, paragraph = long_folder(tmp_path, MAX_QUOTE + 1)
    code, out, err = run(capsys, "bookmarks", "--folder", str(folder), "add", "long.txt#1", "--quote", paragraph)
    assert (code, out) == (2, "")
    assert err == f"newsread: a quote of {MAX_QUOTE + 1:,} characters is too long to bookmark (at most {MAX_QUOTE:,})\n"
    code, out, _ = run(capsys, "bookmarks", "--folder", str(folder), "add", "long.txt#1", "--quote", paragraph[:-1])
    assert code == 0 and len(out.strip()) == 32  # at the cap it is fine


def test_import_refuses_a_quote_past_the_cap_and_keeps_nothing(capsys, tmp_path):
    path = annotation_file(tmp_path, exact="长" * 2_000_000)
    code, _, err = run(capsys, "bookmarks", "import", str(path))
    assert code == 2 and len(err.splitlines()) == 1
    assert "annotation 1: a quote of 2,000,000 characters is too long to bookmark" in err
    with Store.open() as store:
        assert store.bookmarks() == []


def test_an_imported_context_keeps_only_what_anchoring_uses(capsys, tmp_path):
    path = annotation_file(tmp_path, exact=QUOTE, prefix="前" * 2_000_000, suffix="后" * 2_000_000)
    assert run(capsys, "bookmarks", "import", str(path))[0] == 0
    with Store.open() as store:
        (b,) = store.bookmarks()
    assert (b.prefix, b.suffix) == ("前" * MAX_CONTEXT, "后" * MAX_CONTEXT)


def listing_time(capsys) -> float:
    start = time.perf_counter()
    code, out, err = run(capsys, "bookmarks")
    assert code == 0 and len(out.splitlines()) == 1, err
    return time.perf_counter() - start


@pytest.mark.parametrize("length", [5_000, 20_000, 2_000_000])
def test_a_very_long_quote_lists_about_as_fast_as_a_short_one(capsys, seeds, length):
    """A 2,000,000-character quote made `bookmarks` run past 300 s; a store made before the cap may hold one.

    Both quotes are found nowhere, so both go through every step (own file, variants, every file).
    """
    corpus = load(seeds)
    article = corpus.article("003_d8c59b5a4561fd51.txt#2")
    start = article.raw.index(QUOTE)
    made = make_bookmark(corpus, article, start, start + len(QUOTE))
    timings = []
    for quote in ("".join(random.Random(0).choices(CJK, k=30)), "".join(random.Random(1).choices(CJK, k=length))):
        with Store.open() as store:
            for b in store.bookmarks():
                store.remove_bookmark(b.id)
            store.add_bookmark(replace(made, id=new_id(), exact=quote))
        run(capsys, "bookmarks")  # the folder's caches warm
        timings.append(min(listing_time(capsys) for _ in range(2)))
    assert timings[1] < 5 * timings[0], timings


async def test_m_on_a_paragraph_past_the_cap_says_why(tmp_path):
    folder, _ = long_folder(tmp_path, MAX_QUOTE + 1)
    app = make_app(folder)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(app, pilot)
        app.reader.open_article(app.library.corpus.articles[0], focus=True)
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert not isinstance(app.screen, NoteScreen)
        assert any("too long to bookmark" in n.message for n in app._notifications)
