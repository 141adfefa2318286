"""Compressed files and zip archives read as their members, with bombs and escapes refused."""

import bz2
import gzip
import io
import zipfile

from tests.engine.ingest.test_formats_readers import ALTO_NS, PAGE_LINES, STORY, alto
from tui.engine.ingest.formats.archive import MAX_RATIO
from tui.engine.ingest.load import load


def zipped(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_gz_and_bz2_files_read_as_the_file_they_hold(tmp_path):
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(STORY.encode()))
    (tmp_path / "b.xml.bz2").write_bytes(bz2.compress(alto(ALTO_NS["v3"], PAGE_LINES)))
    (tmp_path / "c.jsonl.gz").write_bytes(gzip.compress(b'{"id": "1", "series": "s", "text": "Hello there."}\n'))
    (tmp_path / "backup.sql.gz").write_bytes(gzip.compress(b"not ours"))
    corpus = load(tmp_path)
    assert {f.relpath: f.format for f in corpus.files} == {
        "a.txt.gz": "text",
        "b.xml.bz2": "alto",
        "c.jsonl.gz/s": "jsonl",
    }
    assert corpus.file("a.txt.gz").text == STORY and corpus.skipped == []


def test_zip_members_are_files_named_inside_the_archive(tmp_path):
    (tmp_path / "batch.zip").write_bytes(
        zipped(
            {"p/one.txt": STORY.encode(), "p/two.xml": alto("", PAGE_LINES), "p/img.jp2": b"\0\1", ".hidden.txt": b"x"}
        )
    )
    corpus = load(tmp_path)
    assert [f.relpath for f in corpus.files] == ["batch.zip/p/one.txt", "batch.zip/p/two.xml"]
    assert corpus.file("batch.zip/p/two.xml").format == "alto" and corpus.skipped == []


def test_bombs_escapes_and_nested_archives_are_refused_with_a_reason(tmp_path):
    bomb = b"\n" * (50 * 1024 * 1024)
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(bomb))
    (tmp_path / "big.zip").write_bytes(
        zipped({"zeros.txt": bomb, "ok.txt": STORY.encode(), "../up.txt": b"x", "in.zip": b"PK"})
    )
    (tmp_path / "broken.txt.gz").write_bytes(gzip.compress(STORY.encode())[:-12])
    corpus = load(tmp_path, max_bytes=1 << 20)
    reasons = {s.relpath: s.reason for s in corpus.skipped}
    assert reasons["bomb.txt.gz"].startswith("too large when unpacked")
    assert "likely archive bomb" in reasons["big.zip/zeros.txt"] or "too large" in reasons["big.zip/zeros.txt"]
    assert reasons["big.zip/../up.txt"] == "member name climbs out of the archive"
    assert reasons["big.zip/in.zip"] == "archive inside an archive: not opened"
    assert reasons["broken.txt.gz"].startswith("damaged gzip file")
    assert [f.relpath for f in corpus.files] == ["big.zip/ok.txt"]


def test_a_highly_compressed_member_under_the_size_limit_is_refused_by_its_ratio(tmp_path):
    data = b"a" * (4 * 1024 * 1024)  # compresses far beyond MAX_RATIO
    (tmp_path / "z.zip").write_bytes(zipped({"a.txt": data}))
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(data))
    corpus = load(tmp_path)
    assert all(f"over {MAX_RATIO}:1" in s.reason for s in corpus.skipped) and len(corpus.skipped) == 2
