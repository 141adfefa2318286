"""The open folder's data without a screen: reading order, unread, variants, reading state."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.engine.ingest.load import load
from tui.engine.variants.groupcache import find_groups
from tui.reader.library import Library, Reading


@pytest.fixture(scope="module")
def seeds_library(seeds) -> Library:
    """The seeds adopted without opening the store (the hypothesis examples share it)."""
    library = Library(seeds, report=print)
    library.adopt(Reading(load(seeds), set(), []))
    return library


def opened(folder) -> Library:
    """``folder`` read as the reader reads it, store included (close it)."""
    library = Library(folder, report=print)
    reading, _ = library.read()
    library.adopt(reading)
    return library


def test_stepping_visits_every_article_in_order_and_stops_at_the_ends(seeds):
    library = opened(seeds)
    try:
        seen, article = [], library.step(None, 1)
        while article is not None:
            seen.append(article)
            article = library.step(article, 1)
        assert seen == library.order and len(seen) > 20
        assert library.step(None, -1) is library.order[-1] and library.step(library.order[0], -1) is None
    finally:
        library.close()


@settings(max_examples=50, deadline=None)
@given(read=st.sets(st.integers(0, 27)), start=st.integers(0, 27))
def test_next_unread_is_the_first_unread_after_the_open_one_wrapping_around(seeds_library, read, start):
    library = seeds_library
    ids = {library.order[n].id for n in read if n < len(library.order)}
    found = library.next_unread(library.order[start], ids)
    after = library.order[start + 1 :] + library.order[: start + 1]
    assert found == next((a for a in after if a.id not in ids), None)


def test_groups_of_an_older_reading_are_refused_and_witnesses_are_found(seeds):
    library = opened(seeds)
    try:
        stale = library.corpus
        library.adopt(library.read()[0])
        assert not library.set_groups(stale, find_groups(stale)) and not library.grouped
        assert library.set_groups(library.corpus, find_groups(library.corpus))
        lead = library.article("000_0ea74b706e051f9e.txt#2")
        group = library.group_of(lead)
        assert group is not None and library.badges()[lead.id] == len(group.witnesses) == 3
        assert library.siglum_of(group, lead) in {w.siglum for w in group.witnesses if lead in w.articles}
        assert library.group_of(library.article("003_d8c59b5a4561fd51.txt#3")) is None
    finally:
        library.close()


def test_the_folder_changed_only_after_a_reading_and_when_its_stamps_differ(tmp_path):
    (tmp_path / "a.txt").write_text("# 标题\n\n正文。\n", "utf-8")
    library = Library(tmp_path, report=print)
    assert not library.changed(library.current_stamps())  # never read: nothing to compare with
    library.adopt(library.read()[0])
    try:
        assert not library.changed(library.current_stamps())
        (tmp_path / "b.txt").write_text("# 又一篇\n\n正文。\n", "utf-8")
        assert library.changed(library.current_stamps())
    finally:
        library.close()
