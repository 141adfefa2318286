"""Compressed files and zip archives, read as the files they hold, within bounds.

A ``.gz`` or ``.bz2`` file is the one file it compresses (``page.xml.gz`` is
read as ``page.xml``); a ``.zip`` is the readable files it holds, each named
``ARCHIVE.zip/MEMBER``.  Nothing is unpacked to disk.  Every member is read
with the size limit of a file (``max_bytes``: a member that inflates past it
is refused, whatever its header claims), a member compressed more than
``MAX_RATIO`` to one and larger than ``RATIO_FLOOR`` is refused as a
likely bomb, a zip lists at most ``MAX_MEMBERS`` files, and archives inside
archives, encrypted members and member names that climb out (``..``, absolute)
are refused with a reason.
"""

from __future__ import annotations

import bz2
import gzip
import posixpath
import zipfile
from dataclasses import dataclass
from io import BytesIO

from tui.engine.model import Skipped

MAX_RATIO = 100
RATIO_FLOOR = 1 << 20
MAX_MEMBERS = 10_000
COMPRESSED = (".gz", ".bz2")
ZIP = ".zip"


@dataclass(frozen=True)
class Member:
    relpath: str
    data: bytes


class TooLarge(Exception):
    pass


def is_packed(name: str) -> bool:
    return name.lower().endswith((*COMPRESSED, ZIP))


def _ratio_refusal(packed: int, size: int) -> str | None:
    if size > RATIO_FLOOR and size > MAX_RATIO * max(packed, 1):
        return f"compressed {size // max(packed, 1)}:1 (over {MAX_RATIO}:1): refused as a likely archive bomb"
    return None


def _read_bounded(fh, limit: int) -> bytes:
    data = fh.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(f"too large when unpacked (over {limit} bytes)")
    return data


def _inflate(relpath: str, data: bytes, limit: int) -> list[Member | Skipped]:
    bzip2 = relpath.lower().endswith(".bz2")
    try:
        with bz2.BZ2File(BytesIO(data)) if bzip2 else gzip.GzipFile(fileobj=BytesIO(data)) as fh:
            out = _read_bounded(fh, limit)
    except TooLarge as e:
        return [Skipped(relpath, str(e))]
    except (OSError, EOFError, ValueError) as e:
        return [Skipped(relpath, f"damaged {'bzip2' if bzip2 else 'gzip'} file: {e}")]
    refusal = _ratio_refusal(len(data), len(out))
    return [Skipped(relpath, refusal)] if refusal else [Member(relpath, out)]


def _member_name(name: str) -> str | None:
    """The member's path inside the archive, or None when it would climb out or hide."""
    norm = posixpath.normpath(name.replace("\\", "/"))
    parts = norm.split("/")
    if norm.startswith("/") or ".." in parts or any(p.startswith(".") for p in parts):
        return None
    return norm


def _unzip(relpath: str, data: bytes, limit: int, wanted) -> list[Member | Skipped]:
    try:
        zf = zipfile.ZipFile(BytesIO(data))
        infos = [i for i in zf.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        return [Skipped(relpath, f"damaged zip: {e}")]
    out: list[Member | Skipped] = []
    for n, info in enumerate(infos):
        name = _member_name(info.filename)
        rel = f"{relpath}/{name or info.filename}"
        if name is None:
            if not info.filename.rsplit("/", 1)[-1].startswith("."):
                out.append(Skipped(rel, "member name climbs out of the archive"))
            continue
        if not wanted(name):
            continue
        if n >= MAX_MEMBERS:
            out.append(Skipped(rel, f"archive holds over {MAX_MEMBERS} files: the rest is not read"))
            break
        if is_packed(name):
            out.append(Skipped(rel, "archive inside an archive: not opened"))
            continue
        refusal = _ratio_refusal(info.compress_size, info.file_size)
        if info.file_size > limit:
            refusal = f"too large when unpacked ({info.file_size} bytes, limit {limit})"
        if refusal:
            out.append(Skipped(rel, refusal))
            continue
        try:
            with zf.open(info) as fh:
                got = _read_bounded(fh, limit)
            refusal = _ratio_refusal(info.compress_size, len(got))  # the header may have lied about the size
            out.append(Skipped(rel, refusal) if refusal else Member(rel, got))
        except TooLarge as e:
            out.append(Skipped(rel, str(e)))
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as e:
            out.append(Skipped(rel, f"unreadable member: {e}"))
    return out


def expand(relpath: str, data: bytes, limit: int, wanted) -> list[Member | Skipped]:
    """The files ``data`` holds (itself when it is not packed); ``wanted(name)`` picks a zip's members."""
    low = relpath.lower()
    if low.endswith(ZIP):
        return _unzip(relpath, data, limit, wanted)
    if low.endswith(COMPRESSED):
        return _inflate(relpath, data, limit)
    return [Member(relpath, data)]
