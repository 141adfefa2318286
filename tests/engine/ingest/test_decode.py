"""Decoding: BOMs, UTF-8, GB18030 against Big5 by score, lossy fallback."""

import codecs

import pytest

from tui.engine.ingest.decode import (
    BIG5,
    GB18030,
    UTF8,
    UTF8_LOSSY,
    decode_bytes,
    hanzi_score,
)
from tui.engine.ingest.load import load

TRADITIONAL = "中華民國的新聞報導說，今天臺北天氣晴朗，市民紛紛外出踏青，各地觀光景點人潮擁擠。"
SIMPLIFIED = "国务院办公厅印发深化医药卫生体制改革重点工作任务的通知，各地要认真贯彻落实。"


def shape(corpus):
    return [[(a.start_line, a.end_line, a.title, a.untitled, a.text) for a in f.articles] for f in corpus.files]


VARIANTS = {
    "gb18030": lambda t: t.encode("gb18030"),
    "utf-16-le-bom": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf-16-be-bom": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    "utf-8-bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "cr": lambda t: t.replace("\n", "\r").encode("utf-8"),
}
EXPECTED_ENCODING = {
    "gb18030": "gb18030",
    "utf-16-le-bom": "utf-16-le",
    "utf-16-be-bom": "utf-16-be",
    "utf-8-bom": "utf-8-sig",
    "crlf": "utf-8",
    "cr": "utf-8",
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_encoding_of_the_seeds_gives_the_same_articles(seeds, tmp_path, variant):
    for src in sorted(seeds.glob("*.txt")):
        (tmp_path / src.name).write_bytes(VARIANTS[variant](src.read_text(encoding="utf-8")))
    converted, original = load(tmp_path), load(seeds)
    assert shape(converted) == shape(original)
    assert {f.encoding for f in converted.files} == {EXPECTED_ENCODING[variant]}


@pytest.mark.parametrize("n", [20, 40, len(TRADITIONAL)])
def test_big5_is_not_mistaken_for_gb18030(n):
    sample = TRADITIONAL[:n]
    data = sample.encode("big5")
    data.decode("gb18030")  # the trap: Big5 bytes decode as GB18030 too
    got = decode_bytes(data)
    assert got.encoding == BIG5 and got.text == sample


@pytest.mark.parametrize("n", [20, len(SIMPLIFIED)])
def test_gb18030_short_samples_stay_gb18030(n):
    sample = SIMPLIFIED[:n]
    got = decode_bytes(sample.encode("gb18030"))
    assert got.encoding == GB18030 and got.text == sample


def test_score_separates_real_text_from_mis_decoded_bytes():
    garbage = TRADITIONAL.encode("big5").decode("gb18030")
    assert hanzi_score(TRADITIONAL) > 0.95 > hanzi_score(garbage)


def test_undecodable_bytes_fall_back_with_a_warning():
    got = decode_bytes(b"ok \xff\xfe\xfd\x80 text")
    assert got.encoding == UTF8_LOSSY and "\ufffd" in got.text and got.warning


def test_plain_utf8():
    assert decode_bytes("正文\r\n".encode()).encoding == UTF8


def test_utf16_with_a_bom_and_a_bad_code_unit_stays_utf16():
    body = "开头结尾文字。".encode("utf-16-le")
    data = codecs.BOM_UTF16_LE + body[:4] + b"\x00\xd8" + body[4:]  # a lone high surrogate
    got = decode_bytes(data)
    assert got.encoding == "utf-16-le" and got.text == "开头\ufffd结尾文字。" and got.warning


def test_a_doubtful_gb18030_reading_is_flagged():
    # UTF-8 text followed by GBK text: GB18030 decodes it all, the UTF-8 half as rare characters.
    data = "中文UTF8部分，一段正常的文字。".encode() + "这是GBK部分。".encode("gbk")
    got = decode_bytes(data)
    assert got.encoding == GB18030 and got.warning and "mix encodings" in got.warning
    assert decode_bytes(SIMPLIFIED.encode("gb18030")).warning is None


def test_lossy_fallback_drops_the_utf8_bom():
    got = decode_bytes(codecs.BOM_UTF8 + "标题".encode() + b"\xff")
    assert got.encoding == UTF8_LOSSY and got.text == "标题\ufffd"
