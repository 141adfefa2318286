"""Fuzz targets, one per core entry point: decode, ingest, segment, paragraphs, compare, collate, anchor.

Each feeds hypothesis-made input (hostile bytes, text of every script and
control character, long repetitive runs, near copies) to one entry point and
asserts only what must hold for any input: no exception, nothing lost,
offsets that map back.  The budget is ``NEWSREAD_FUZZ_EXAMPLES`` examples per
target (small by default, for CI); ``bench/fuzz.py`` runs the same targets
with a large one and reports how many examples ran.
"""

import codecs
import os
from itertools import pairwise
from pathlib import Path

from compare_helpers import check_rebuilds
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.engine.bookmarks.anchor import Anchorer, anchor_key, make_bookmark
from tui.engine.diff.collate import collate
from tui.engine.diff.compare import compare
from tui.engine.ingest.decode import (
    BIG5,
    CP1252,
    GB18030,
    LATIN1,
    UTF8,
    UTF8_LOSSY,
    UTF8_SIG,
    UTF16_BE,
    UTF16_LE,
    decode_bytes,
    unify_newlines,
)
from tui.engine.ingest.load import Corpus, read_file
from tui.engine.ingest.scan import RawFile
from tui.engine.ingest.segment import segment, split_lines
from tui.engine.model import Skipped, TextFile

EXAMPLES = int(os.environ.get("NEWSREAD_FUZZ_EXAMPLES", "30"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

# Pieces of text the engine reacts to: Chinese and English prose, sentence ends, markup, datelines, bylines,
# continuation marks, wide and narrow punctuation, ideographic and other odd spaces, control and bidi characters.
PIECES = [
    *"新闻报道的一是了在不有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质",
    "。",
    "，",
    "！",
    "？",
    "、",
    "；",
    "：",
    "“",
    "”",
    "（",
    "）",
    "《",
    "》",
    "…",
    "——",
    ".",
    ",",
    "!",
    "?",
    "(",
    ")",
    "# ",
    "## ",
    "**",
    "> ",
    "`",
    "_",
    "新华社北京1月2日电",
    "本报记者 张三",
    "(接1版)",
    "（上接第一版）",
    "（完）",
    "By John Smith",
    "WASHINGTON, April 5.—",
    "(Continued on Page 3)",
    "VOL. XX NO. 15",
    "The ",
    "the ",
    "and ",
    "mayor ",
    "said ",
    "bridge ",
    "re-",
    "open",
    "ed ",
    "\u3000",
    " ",
    "  ",
    "\t",
    "\xa0",
    "\u2028",
    "<?xml version='1.0'?>",
    "<!DOCTYPE x [",
    "]>",
    "<alto xmlns='http://www.loc.gov/standards/alto/ns-v3#'>",
    "<String CONTENT='word'/>",
    "<TextLine>",
    "</TextLine>",
    "<html><body>",
    "<p>",
    "</p>",
    "&amp;",
    "&#0;",
    "<!--",
    '{"text": "',
    '"}',
    "\x1b[31m",
    "\x00",
    "\u202e",
    "\ufeff",
    "\u00ad",
    "\u200d",
    "📰",
]
LINE = st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=12).map("".join)
RUN = st.tuples(st.sampled_from(["好。", "!(", "# ", " ", "第", "a", "。 ", "**", "\n"]), st.integers(1, 400)).map(
    lambda t: t[0] * t[1]
)
PAGE = st.lists(LINE | RUN | st.just(""), max_size=30).map("\n".join)


def mutated(draw, text: str) -> str:
    """``text`` with a few OCR-like edits: characters swapped, dropped, doubled, a line break moved."""
    chars = list(text)
    for _ in range(draw(st.integers(0, 6))):
        if not chars:
            break
        i = draw(st.integers(0, len(chars) - 1))
        op = draw(st.sampled_from(["swap", "drop", "double", "break"]))
        if op == "swap":
            chars[i] = draw(st.sampled_from(["囗", "，", ",", "l", "1", " "]))
        elif op == "drop":
            del chars[i]
        elif op == "double":
            chars.insert(i, chars[i])
        else:
            chars.insert(i, "\n\n")
    return "".join(chars)


@st.composite
def paragraph_lists(draw):
    """A list of paragraphs and a second version of it: edited, split, joined, reordered, or unrelated."""
    a = draw(st.lists(LINE | RUN, max_size=12))
    how = draw(st.sampled_from(["edited", "edited", "reordered", "unrelated", "same"]))
    if how == "unrelated":
        return a, draw(st.lists(LINE | RUN, max_size=12))
    b = [p for p in "\n\n".join(mutated(draw, p) for p in a).split("\n\n")] if how == "edited" else list(a)
    if how == "reordered" and b:
        b.insert(draw(st.integers(0, len(b))), b.pop(draw(st.integers(0, len(b) - 1))))
    return a, b


def text_files(relpath: str, text: str) -> list[TextFile]:
    return [
        f
        for f in read_file(RawFile(relpath, "/news/" + relpath, 0, 0, text.encode("utf-8")))
        if isinstance(f, TextFile)
    ]


ENCODINGS = {UTF8, UTF8_SIG, UTF16_LE, UTF16_BE, GB18030, BIG5, CP1252, LATIN1, UTF8_LOSSY}
BOMS = {"utf-8": b"", "utf-8-sig": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}


@st.composite
def encoded(draw) -> tuple[bytes, str | None]:
    """Bytes of any kind behind any BOM (no text known), or a page in an encoding that a BOM or UTF-8 tells."""
    encoding = draw(st.sampled_from([*BOMS, "bytes"]))
    if encoding == "bytes":
        return draw(st.sampled_from([b"", *BOMS.values(), codecs.BOM_UTF8])) + draw(st.binary(max_size=600)), None
    text = draw(PAGE.filter(lambda t: not t.startswith("\ufeff")))  # a leading U+FEFF in UTF-8 is its BOM
    return BOMS[encoding] + text.encode(encoding), text


@FUZZ
@given(encoded())
def test_decode_takes_any_bytes_and_gives_back_any_text(case):
    data, text = case
    got = decode_bytes(data)
    assert got.encoding in ENCODINGS and "\r" not in got.text
    if text is not None:
        assert got.text == unify_newlines(text)


@FUZZ
@given(
    PAGE,
    st.sampled_from(["utf-8", "utf-16", "gb18030"]),
    st.sampled_from(["a.txt", "a.md", "a.xml", "a.html", "a.jsonl", "a.hocr"]),
)
def test_ingest_reads_or_skips_any_file(text, encoding, name):
    data = text.encode(encoding, "replace")
    for item in read_file(RawFile(name, "/news/" + name, len(data), 0, data)):
        assert isinstance(item, TextFile | Skipped)
        if isinstance(item, TextFile):
            assert "".join(a.raw for a in item.articles) == item.text


@FUZZ
@given(PAGE)
def test_segment_is_a_partition_of_any_text(text):
    arts = segment(text, "f.txt")
    assert "".join(a.raw for a in arts) == text
    assert [a.index for a in arts] == list(range(1, len(arts) + 1))
    for before, after in pairwise(arts):
        assert before.end == after.start
    starts = set(split_lines(text)[1]) | {len(text)}
    assert all(a.start in starts and "\n" not in a.title for a in arts)


@FUZZ
@given(PAGE)
def test_paragraphs_map_back_to_the_raw_text(text):
    for a in segment(text, "f.txt"):
        covered: list[tuple[int, int]] = []
        for p in a.paragraphs:
            assert p.rebuilt(a.raw) == p.text
            assert all(0 <= s < e <= len(a.raw) for s, e in p.pieces)
            covered += p.pieces
            for i in range(len(p.text)):
                assert p.text[i] == a.raw[p.raw_offset(i)] or (p.spaced and p.text[i] == " ")
        covered.sort()
        assert all(e <= s for (_, e), (s, _) in pairwise(covered))  # no character in two paragraphs


@FUZZ
@given(paragraph_lists())
def test_compare_rebuilds_both_sides_of_any_pair(pair):
    a, b = pair
    cmp = compare(a, b)
    check_rebuilds(cmp, a, b)
    assert 0.0 <= cmp.similarity <= 1.0 and all(0.0 <= c <= 1.0 for c in cmp.coverage)


@st.composite
def witnesses(draw):
    base = draw(st.lists(LINE | RUN, min_size=1, max_size=6))
    others = [
        [p for p in "\n\n".join(mutated(draw, p) for p in base).split("\n\n")] for _ in range(draw(st.integers(1, 3)))
    ]
    return [(f"w{k}", w) for k, w in enumerate([base, *others])]


@FUZZ
@given(witnesses())
def test_collate_places_every_reading_inside_the_base(named):
    col = collate(named)
    assert col.base in dict(named) and set(col.witnesses) == set(dict(named))
    ends = [0] + [p.base[1] for p in col.points]
    for p, end_before in zip(col.points, ends):
        assert end_before <= p.base[0] <= p.base[1] <= len(col.base_text)
        carried = {s for r in p.readings for s in r.sigla} | set(p.absent)
        assert carried == set(col.witnesses)
    assert isinstance(col.consensus, str)


@FUZZ
@given(PAGE.filter(lambda t: len(t.strip()) > 5), st.data())
def test_a_bookmark_is_found_in_place_and_survives_any_edit(text, data):
    files = text_files("a.txt", text)
    if not files:
        return
    corpus = Corpus(Path("/news"), files, [])
    article = data.draw(st.sampled_from(corpus.articles))
    if not article.raw.strip():
        return
    start = data.draw(st.integers(0, len(article.raw) - 1))
    end = data.draw(st.integers(start + 1, min(len(article.raw), start + 300)))
    b = make_bookmark(corpus, article, start, end)
    here = Anchorer(corpus).anchor(b)
    assert (here.method, here.ref, here.start, here.end) == ("position", article.id, start, end)
    prefix = data.draw(LINE)
    shifted = prefix + "\n" + files[0].text
    again = text_files("a.txt", shifted)
    if again:  # (a NUL byte makes it a binary file)
        moved = Anchorer(Corpus(Path("/news"), again, [])).anchor(b)
        assert moved is not None  # the passage is in the file, unchanged: found, wherever the articles now start
        at = moved.article.start + moved.start
        assert anchor_key(again[0].text[at : at + len(b.exact)]) == anchor_key(b.exact)
    at = data.draw(st.integers(0, len(files[0].text)))
    edited = files[0].text[:at] + data.draw(LINE) + files[0].text[at + data.draw(st.integers(0, 50)) :]
    found = Anchorer(Corpus(Path("/news"), text_files("a.txt", edited), [])).anchor(b)
    assert found is None or 0 <= found.start < found.end <= len(found.article.raw)
