"""The bookmark record: W3C Web Annotation round trip and the one-line excerpt."""

import timeit
from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.engine.bookmarks.bookmark import (
    Bookmark,
    from_annotation,
    from_collection,
    new_id,
    to_annotation,
    to_collection,
)

texts = st.text(max_size=40)
bookmarks = st.builds(
    Bookmark,
    id=st.builds(new_id),
    folder=st.sampled_from(["/news", "/home/读者/新闻 folder"]),
    file=st.sampled_from(["a.txt", "sub/文件 1.txt"]),
    article=texts, title=texts, article_start=st.integers(0, 10**6), start=st.integers(0, 10**4),
    end=st.integers(0, 10**4), exact=st.text(min_size=1, max_size=60), prefix=texts, suffix=texts,
    file_hash=st.text("0123456789abcdef", min_size=64, max_size=64), created=st.just("2026-01-02T03:04:05Z"), note=texts,
).map(lambda b: replace(b, start=min(b.start, b.end), end=max(b.start, b.end)))  # fmt: skip


@settings(max_examples=100, deadline=None)
@given(b=bookmarks)
def test_annotation_round_trip(b):
    ann = to_annotation(b)
    assert ann["type"] == "Annotation" and ann["id"].startswith("urn:uuid:")
    assert from_annotation(ann, Path("/elsewhere")) == b


@settings(max_examples=30, deadline=None)
@given(bs=st.lists(bookmarks, max_size=5))
def test_collection_round_trip(bs):
    data = to_collection(bs)
    assert data["total"] == len(bs)
    assert from_collection(data, Path("/x")) == bs
    assert (
        from_collection(data["first"], Path("/x")) == bs and from_collection(data["first"]["items"], Path("/x")) == bs
    )


def test_a_foreign_annotation_without_an_id_gets_a_stable_one():
    ann = {"type": "Annotation", "target": {"source": "https://example.org/a/报纸.txt",
           "selector": [{"type": "TextQuoteSelector", "exact": "一段话"}]}}  # fmt: skip
    first, second = from_annotation(ann, Path("/news")), from_annotation(ann, Path("/news"))
    assert first.id == second.id and len(first.id) == 32
    assert (first.file, first.folder, first.exact, first.start, first.end) == ("报纸.txt", "/news", "一段话", 0, 3)


@settings(max_examples=100, deadline=None)
@given(exact=st.text(min_size=1, max_size=200), cells=st.integers(2, 80))
def test_excerpt_fits_its_cells(exact, cells):
    b = Bookmark("0" * 32, "/", "a", "a#1", "", 0, 0, 1, exact, "", "", "", "")
    out = b.excerpt(cells)
    assert cell_len(out) <= cells and "\n" not in out
    assert out == " ".join(exact.split()) or out.endswith("…")


def slow_excerpt(exact: str, cells: int) -> str:
    """The excerpt as first written: cut one character at a time (quadratic, so short texts only)."""
    text = " ".join(exact.split())
    if cell_len(text) <= cells:
        return text
    while text and cell_len(text) > cells - 1:
        text = text[:-1]
    return text + "…"


@settings(max_examples=200, deadline=None)
@given(exact=st.text(st.characters(codec="utf-8"), min_size=1, max_size=300), cells=st.integers(2, 80))
def test_excerpt_is_the_longest_start_that_fits(exact, cells):
    b = Bookmark("0" * 32, "/", "a", "a#1", "", 0, 0, 1, exact, "", "", "", "")
    assert b.excerpt(cells) == slow_excerpt(exact, cells)


def test_excerpt_time_is_linear_in_the_quote():
    """A 20,000-character paragraph took 24 s to cut to 60 cells; now a small multiple of one pass over it."""
    exact = ("汉字 word\n" * 3_000)[:20_000]
    b = Bookmark("0" * 32, "/", "a", "a#1", "", 0, 0, len(exact), exact, "", "", "", "")
    cost = min(timeit.repeat(lambda: b.excerpt(60), number=20, repeat=3))
    one_pass = min(timeit.repeat(lambda: " ".join(exact.split()), number=20, repeat=3))
    assert cost < 10 * one_pass, (cost, one_pass)
