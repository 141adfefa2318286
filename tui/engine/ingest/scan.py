"""Find the text files of a folder and read them, never blocking and never crashing.

Recursive, natural order (``2.txt`` before ``10.txt``): ``.txt`` and ``.md``,
the OCR and web formats (``.xml``, ``.alto``, ``.hocr``, ``.html``, ``.htm``,
``.xhtml``, ``.jsonl``; what they hold is told by content, see
:mod:`.formats.detect`), any of these compressed (``.gz``, ``.bz2``) and
``.zip`` archives; hidden files and folders are passed over.  Only regular
files are opened (with O_NONBLOCK, and checked again after opening), so a
FIFO or a device never blocks the scan.  Everything that cannot be read is reported as a
:class:`~.model.Skipped` with a reason.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tui.engine.ingest.decode import has_utf16_bom
from tui.engine.model import Skipped

EXTENSIONS = (".txt", ".md", ".xml", ".alto", ".hocr", ".html", ".htm", ".xhtml", ".jsonl")
PACKED = (".gz", ".bz2")
ARCHIVES = (".zip",)
DEFAULT_MAX_BYTES = 32 * 1024 * 1024
BINARY_PROBE = 8192


@dataclass(frozen=True)
class RawFile:
    relpath: str
    path: str
    size: int
    mtime_ns: int
    data: bytes
    linked: bool = False  # reached through a symlink
    max_bytes: int = DEFAULT_MAX_BYTES  # the limit it was read under (and its members are unpacked under)


def is_candidate(name: str) -> bool:
    """A name worth opening: a readable extension, possibly compressed, or a zip archive."""
    low = name.lower()
    if low.endswith(ARCHIVES):
        return True
    for ext in PACKED:
        low = low.removesuffix(ext)
    return low.endswith(EXTENSIONS)


def is_binary(data: bytes) -> bool:
    """NUL bytes near the start, and no UTF-16 BOM to explain them."""
    return not has_utf16_bom(data) and b"\0" in data[:BINARY_PROBE]


def natural_key(relpath: str) -> tuple:
    """Sort key comparing digit runs as numbers, component by component."""
    return tuple(
        tuple((0, int(t), t) if t.isdigit() else (1, 0, t.lower()) for t in re.split(r"(\d+)", part) if t)
        for part in relpath.split("/")
    )


def _kind_reason(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "not a regular file"


def _resolve_link(path: Path, root: Path) -> tuple[Path | None, str | None]:
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        return None, "broken symlink"
    except RuntimeError:
        return None, "symlink loop"
    except OSError as e:
        return None, "symlink loop" if e.errno == 40 else f"unreadable: {e.strerror}"
    if target != root and root not in target.parents:
        return None, "symlink outside folder"
    return target, None


def _walk(root: Path) -> Iterator[tuple[str, Path, bool] | Skipped]:
    seen: set[Path] = {root}
    stack = [(root, "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as e:
            yield Skipped(prefix.rstrip("/") or ".", f"unreadable: {e.strerror}")
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = prefix + entry.name
            path = Path(entry.path)
            is_text_name = is_candidate(entry.name)
            if entry.is_symlink():
                target, reason = _resolve_link(path, root)
                if reason:
                    if is_text_name or reason != "broken symlink":
                        yield Skipped(rel, reason)
                    continue
                assert target is not None
                if target.is_dir():
                    if target not in seen:
                        seen.add(target)
                        stack.append((target, rel + "/"))
                elif is_text_name:
                    yield rel, target, True
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                real = path.resolve()
                if real not in seen:
                    seen.add(real)
                    stack.append((path, rel + "/"))
            elif is_text_name:
                yield rel, path, False


def stamps(folder: str | os.PathLike) -> list[tuple]:
    """What a scan would find, from the listing and ``stat`` alone (no file is opened).

    One tuple per candidate, sorted: its path with size, times, mode and
    inode, or with the reason it is refused.  Equal stamps mean an unchanged
    folder: cheap enough to poll, and the key of the saved segmentation.
    """
    out: list[tuple] = []
    for item in _walk(Path(folder).resolve()):
        if isinstance(item, Skipped):
            out.append((item.relpath, item.reason))
            continue
        rel, path, _ = item
        try:
            st = path.stat()
        except OSError as e:
            out.append((rel, f"stat failed: {e.errno}"))
            continue
        out.append((rel, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_mode, st.st_ino, st.st_dev))
    out.sort(key=lambda t: t[0])
    return out


def read_regular(path: Path, max_bytes: int) -> tuple[os.stat_result, bytes] | str:
    """Bytes of a regular file, or the reason it cannot be read."""
    try:
        st = os.stat(path)
    except OSError as e:
        return f"unreadable: {e.strerror}"
    if not stat.S_ISREG(st.st_mode):
        return _kind_reason(st.st_mode)
    if st.st_size > max_bytes:
        return f"too large ({st.st_size} bytes, limit {max_bytes})"
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        return f"unreadable: {e.strerror}"
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return _kind_reason(st.st_mode)
        chunks, total = [], 0
        while chunk := os.read(fd, 1 << 20):
            total += len(chunk)
            if total > max_bytes:
                return f"too large (over {max_bytes} bytes)"
            chunks.append(chunk)
        return st, b"".join(chunks)
    except OSError as e:
        return f"unreadable: {e.strerror}"
    finally:
        os.close(fd)


def scan(folder: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[RawFile], list[Skipped]]:
    """Read every candidate file under ``folder``; returns (files, refusals), both in natural order."""
    root = Path(folder).resolve()
    files: list[RawFile] = []
    refused: list[Skipped] = []
    for item in _walk(root):
        if isinstance(item, Skipped):
            refused.append(item)
            continue
        rel, path, linked = item
        got = read_regular(path, max_bytes)
        if isinstance(got, str):
            refused.append(Skipped(rel, got))
            continue
        st, data = got
        if not rel.lower().endswith(PACKED + ARCHIVES) and is_binary(data):
            refused.append(Skipped(rel, "binary"))
            continue
        files.append(RawFile(rel, str(path), st.st_size, st.st_mtime_ns, data, linked, max_bytes))
    files, same = _one_per_file(files)
    refused.extend(same)
    refused.sort(key=lambda r: natural_key(r.relpath))
    return files, refused


def _one_per_file(files: list[RawFile]) -> tuple[list[RawFile], list[Skipped]]:
    """Each file once: a symlink to a file already read is skipped (it is not a variant of itself)."""
    first: dict[str, str] = {}
    kept, same = [], []
    for f in sorted(files, key=lambda f: (f.linked, natural_key(f.relpath))):
        real = os.path.realpath(f.path)
        if real in first:
            same.append(Skipped(f.relpath, f"same file as {first[real]}"))
        else:
            first[real] = f.relpath
            kept.append(f)
    kept.sort(key=lambda f: natural_key(f.relpath))
    return kept, same
