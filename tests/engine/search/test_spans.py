"""Exact and fuzzy spans against brute force, on random text with Chinese and Latin letters."""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from tui.engine.search import fold
from tui.engine.search.fold import folded
from tui.engine.search.search import MAX_LOOKUPS, lookups
from tui.engine.search.spans import MAX_ANCHORS, exact_spans, fuzzy_spans, pieces

# A small alphabet, so that queries are found; Han, Latin in both cases, full-width, a line break.
ALPHABET = "上海市政府aAbBｃ \n"
texts = st.text(ALPHABET, max_size=200)


def brute_exact(text: str, query: str) -> list[int]:
    """Starts of the non-overlapping occurrences, left to right, one position at a time."""
    out, i = [], 0
    while i + len(query) <= len(text):
        if text[i : i + len(query)] == query:
            out.append(i)
            i += len(query)
        else:
            i += 1
    return out


@given(texts, st.text(ALPHABET, min_size=1, max_size=6))
def test_exact_spans_are_the_occurrences_brute_force_finds(text, query):
    t, q = folded(text), folded(query)
    assert [s for s, _, _ in exact_spans(t, q, 10**6)] == brute_exact(t, q)


@given(st.text(max_size=50))
def test_the_fold_keeps_length_and_is_idempotent(text):
    f = folded(text)
    assert len(f) == len(text)
    assert folded(f) == f


@given(st.text(max_size=50))
def test_the_fold_maps_each_character_by_the_table(text):
    low = (
        text.lower()
        if len(text.lower()) == len(text)
        else "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    )
    assert folded(text) == low.translate(fold._TABLE)


@given(st.text(st.characters(max_codepoint=0x7F), max_size=50))
def test_the_fold_ignores_ascii_case(text):
    assert folded(text.upper()) == folded(text.lower())


def test_the_fold_joins_case_width_and_line_breaks():
    assert folded("Ａbc\nDEF") == folded("abC dEf") == "abc def"
    assert folded("ΟΔΟΣ") == folded("οδοσ")


@given(texts, st.integers(1, 2), st.data())
@settings(max_examples=200)
def test_fuzzy_spans_are_within_k_edits_and_find_a_planted_copy(text, k, data):
    t = folded(text)
    if len(t) < 3 * (k + 1):
        return
    start = data.draw(st.integers(0, len(t) - 3 * (k + 1)))
    end = data.draw(st.integers(start + 3 * (k + 1), min(len(t), start + 12)))
    query = list(t[start:end])
    for _ in range(data.draw(st.integers(0, k))):  # up to k edits: replace, delete or insert
        i = data.draw(st.integers(0, len(query) - 1))
        op = data.draw(st.sampled_from("rdi"))
        if op == "r":
            query[i] = data.draw(st.sampled_from("xy市"))
        elif op == "d" and len(query) > k + 1:
            del query[i]
        else:
            query.insert(i, data.draw(st.sampled_from("xy市")))
    q = "".join(query)
    spans = fuzzy_spans(t, q, k, 10**6)
    for s, e, d in spans:
        assert Levenshtein.distance(q, t[s:e]) == d <= k
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), "hits overlap"
    # The planted passage is a hit, or overlaps one (a closer passage next to it won).
    assert any(s < end and start < e for s, e, _ in spans)


def test_pieces_cover_the_query_in_k_plus_one_parts():
    assert pieces("abcdefghi", 2) == [(0, "abc"), (3, "def"), (6, "ghi")]
    assert "".join(p for _, p in pieces("上海市政府大楼", 1)) == "上海市政府大楼"


def test_fuzzy_finds_an_ocr_misreading():
    text = folded("The Prefident of the United States spoke.")
    [(s, e, d)] = fuzzy_spans(text, folded("president"), 1, 10)
    assert (text[s:e], d) == ("prefident", 1)
    assert fuzzy_spans(text, folded("presidxnts"), 1, 10) == []


def test_a_long_line_of_anchors_is_bounded():
    text = "ab" * 200_000  # every other position starts a piece of the query
    spans = fuzzy_spans(text, "abababxbab", 1, 10**6)
    assert spans and spans[-1][1] <= 2 * (MAX_ANCHORS + 10)


@given(st.text(ALPHABET, min_size=3, max_size=40), st.integers(0, 2), st.data())
def test_a_passage_within_k_edits_meets_every_condition_asked_of_the_index(query, k, data):
    """What the index is asked for a fuzzy query names every article that can hold a hit."""
    if len(query) < 3 * (k + 1):
        return
    passage = list(query)
    for _ in range(k):
        i = data.draw(st.integers(0, len(passage) - 1))
        op = data.draw(st.sampled_from("rdi"))
        if op == "r":
            passage[i] = "x"
        elif op == "d" and len(passage) > 1:
            del passage[i]
        else:
            passage.insert(i, "x")
    text = "".join(passage)
    for alternatives in lookups(query, k):
        assert all(len(p) >= 3 for group in alternatives for p in group) and len(alternatives) <= MAX_LOOKUPS
        assert any(all(p in text for p in group) for group in alternatives)
