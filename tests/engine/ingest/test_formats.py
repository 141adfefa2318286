"""The real OCR files of ../shared/corpora/formats: listed in their format, shown whole, without markup."""

import random
from collections import Counter

import pytest
from lxml import etree

from tests.engine.ingest.formats_helpers import FORMATS, MARKUP, listing, needs_corpora, run
from tui.engine.ingest.load import load
from tui.engine.variants.groupcache import find_groups

pytestmark = needs_corpora

FILES = sorted(p for p in FORMATS.rglob("*") if p.is_file())
EXPECTED = {"alto": "alto", "hocr": "hocr", "page": "page"}


def local(el) -> str:
    return etree.QName(el).localname


def words_of(path) -> list[str]:
    """Words inside a printed line (not its first or last: a reflow may join those), read from the file itself."""
    html = path.parent.name == "hocr"
    parser = etree.HTMLParser() if html else etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.parse(str(path), parser).getroot()
    out = []
    if local(root) == "alto":
        for line in root.iter("{*}TextLine"):
            strings = [s.get("CONTENT") for s in line.iter("{*}String") if not s.get("SUBS_TYPE")]
            out += strings[1:-1]
    elif local(root) == "PcGts":
        for line in root.iter("{*}TextLine"):
            for uni in line.iterfind("{*}TextEquiv/{*}Unicode"):
                out += (uni.text or "").split()[1:-1]
    else:
        for line in root.iter("span"):
            if "ocr_line" in (line.get("class") or ""):
                words = " ".join("".join(line.itertext()).split()).split()
                out += words[1:-1]
    return [w for w in out if w and w.strip()]


def shown(capsys, path) -> str:
    code, out, err = run(capsys, "show", path.name, "--folder", str(path.parent))
    assert code == 0, err
    return out


def test_each_file_lists_as_articles_of_its_format(capsys):
    for sub, fmt in EXPECTED.items():
        data = listing(capsys, FORMATS / sub)
        assert data["skipped"] == []
        names = {p.name for p in (FORMATS / sub).iterdir()}
        assert {a["file"] for a in data["articles"]} == names
        assert {a["format"] for a in data["articles"]} == {fmt}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_sampled_words_of_the_file_are_shown_and_no_markup_leaks(capsys, path):
    words = words_of(path)
    assert len(words) > 100
    sample = random.Random(path.name).sample(words, 200)
    text = shown(capsys, path)
    tokens = Counter(text.split())
    missing = [w for w in sample if w not in tokens]
    assert missing == []
    assert MARKUP.search(text) is None


@pytest.mark.parametrize("path", sorted((FORMATS / "alto").iterdir()), ids=lambda p: p.name)
def test_every_hyphenated_word_is_shown_joined(capsys, path):
    root = etree.parse(str(path)).getroot()
    joined = [s.get("SUBS_CONTENT") for s in root.iter("{*}String") if s.get("SUBS_TYPE") == "HypPart1"]
    assert joined, "the file has hyphenated words"
    tokens = set(shown(capsys, path).split()) | set(
        run(capsys, "show", "--raw", path.name, "--folder", str(path.parent))[1].split()
    )
    assert [w for w in joined if w not in tokens] == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_produced_text_is_the_raw_text_every_offset_indexes(capsys, path):
    corpus = load(path.parent)
    tf = corpus.file(path.name)
    assert "".join(a.raw for a in tf.articles) == tf.text
    for a in tf.articles:
        assert a.raw == tf.text[a.start : a.end]
        for p in a.paragraphs:
            assert p.text == p.rebuilt(a.raw)  # pieces of the raw text (a reflowed page's breaks as spaces)
    code, out, _ = run(capsys, "show", "--raw", path.name, "--folder", str(path.parent))
    assert code == 0 and out == tf.text.rstrip("\n") + "\n"


def test_the_two_hocr_files_of_one_page_group_as_variants(capsys):
    corpus = load(FORMATS / "hocr")
    groups = find_groups(corpus, cache=False)
    assert [sorted(w.file for w in g.witnesses) for g in groups] == [["alice_ocropy_sample.html", "alice_tess.hocr"]]
    code, out, _ = run(capsys, "variants", "--folder", str(FORMATS / "hocr"))
    assert code == 0 and "alice_tess.hocr#1" in out and "alice_ocropy_sample.html#1" in out


def test_alto_headings_are_cued_by_type_size():
    corpus = load(FORMATS / "alto")
    tf = corpus.file("chronam_ocr.xml")
    heads = [p.text for a in tf.articles for p in a.paragraphs if p.kind in ("title", "heading")]
    assert "THE MADISONIAN." in heads
