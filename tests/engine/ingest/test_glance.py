"""The first look at a big folder: its first files read, every other file named, all in list order."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine.ingest.glance import glance
from tui.engine.ingest.load import load
from tui.engine.ingest.scan import natural_key
from tui.engine.model import TextFile


def folder(root, names):
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {name}\n\n内容。\n", "utf-8")
    return root


def listed(listing) -> list[str]:
    return [f.relpath if isinstance(f, TextFile) else f for f in listing]


def test_the_first_files_are_read_and_the_others_named_in_list_order(tmp_path):
    names = [f"p{n}.txt" for n in range(40)] + ["sub/a.txt", "sub/p2.txt", ".hidden.txt", "notes.json"]
    root = folder(tmp_path, names)
    corpus, listing = glance(root, 3, also="sub/a.txt")
    whole = load(root)
    assert listed(listing) == [f.relpath for f in whole.files]  # every file, in the reader's order
    assert [f.relpath for f in corpus.files] == ["p0.txt", "p1.txt", "p2.txt", "sub/a.txt"]
    read = [f for f in listing if isinstance(f, TextFile)]
    assert [a.title for f in read for a in f.articles] == ["p0.txt", "p1.txt", "p2.txt", "sub/a.txt"]


def test_a_small_folder_is_not_glanced_at(tmp_path):
    assert glance(folder(tmp_path, [f"p{n}.txt" for n in range(29)]), 3) is None


@settings(max_examples=20, deadline=None)
@given(st.sets(st.from_regex(r"[a-c]{0,2}[0-9]{1,3}", fullmatch=True), min_size=30, max_size=40), st.integers(1, 3))
def test_the_listing_is_the_natural_order_of_every_file(tmp_path_factory, stems, count):
    root = folder(tmp_path_factory.mktemp("g"), [f"{s}.txt" for s in stems])
    corpus, listing = glance(root, count)
    names = listed(listing)
    assert names == sorted((f"{s}.txt" for s in stems), key=natural_key)
    assert [f.relpath for f in corpus.files] == names[:count]
