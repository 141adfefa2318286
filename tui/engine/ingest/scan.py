"""Find the text files of a folder and read them, never blocking and never crashing.

Recursive, natural order (``2.txt`` before ``10.txt``): ``.txt`` and ``.md``,
the OCR and web formats (``.xml``, ``.alto``, ``.hocr``, ``.html``, ``.htm``,
``.xhtml``, ``.jsonl``; what they hold is told by content, see
:mod:`.formats.detect`), any of these compressed (``.gz``, ``.bz2``) and
``.zip`` archives; hidden files and folders are passed over.  Only regular
files are read, and a file is *opened first and checked after*
(:func:`read_regular`): every path is opened one component at a time from the
folder's own descriptor, never following a symlink (``O_NOFOLLOW``,
``openat``), and the opened file is checked with ``fstat``.  A file swapped for a symlink to ``/etc/passwd`` while
the scan runs is refused, not read; a FIFO or a device never blocks it
(``O_NONBLOCK``).  The same file reached twice (a symlink, a hard link, a
symlinked folder) is read once; the other paths are skipped as aliases.
Everything that cannot be read is reported as a :class:`~.model.Skipped` with
a reason.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from tui.engine.ingest.decode import has_utf16_bom
from tui.engine.model import Skipped

EXTENSIONS = (".txt", ".md", ".xml", ".alto", ".hocr", ".html", ".htm", ".xhtml", ".jsonl")
PACKED = (".gz", ".bz2")
ARCHIVES = (".zip",)
DEFAULT_MAX_BYTES = 32 * 1024 * 1024
BINARY_PROBE = 8192
CHANGED = "changed during the scan (now a symlink)"
_F = TypeVar("_F")


@dataclass(frozen=True)
class RawFile:
    relpath: str
    path: str
    size: int
    mtime_ns: int
    data: bytes
    linked: bool = False  # reached through a symlink
    max_bytes: int = DEFAULT_MAX_BYTES  # the limit it was read under (and its members are unpacked under)
    stamp: tuple[int, ...] = ()  # stamp_of() the opened file: what its saved segmentation is keyed by


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
        if e.errno == errno.EINVAL:  # readlink on what is no longer a symlink
            return None, CHANGED
        return None, "symlink loop" if e.errno == errno.ELOOP else f"unreadable: {e.strerror}"
    if target != root and root not in target.parents:
        return None, "symlink outside folder"
    return target, None


def walk(root: Path) -> Iterator[tuple[str, Path, bool] | Skipped]:
    """Candidates as (relpath, real path, reached through a symlink), or refusals.

    Real folders are walked before symlinked ones, so a folder reached both
    ways is listed under its real path and the symlink is skipped as an alias.
    Paths are built from ``root`` (resolved) and resolved link targets only,
    so no path yielded holds a symlink (unless one is swapped in meanwhile,
    which :func:`read_regular` refuses).
    """
    seen: dict[Path, str] = {root: "."}
    stack: list[tuple[Path, str]] = [(root, "")]
    linked_dirs: list[tuple[Path, str]] = []
    while stack or linked_dirs:
        if not stack:
            target, rel = linked_dirs.pop(0)
            if target in seen:
                yield Skipped(rel, f"same folder as {seen[target]}")
                continue
            seen[target] = rel
            stack.append((target, rel + "/"))
        folder, prefix = stack.pop()
        try:
            entries = _entries(root, folder)
        except OSError as e:
            yield Skipped(prefix.rstrip("/") or ".", _refusal(e))
            continue
        for name, is_link, is_dir in entries:
            if name.startswith("."):
                continue
            rel = prefix + name
            path = folder / name
            is_text_name = is_candidate(name)
            if is_link:
                target, reason = _resolve_link(path, root)
                if reason:
                    if is_text_name or reason != "broken symlink":
                        yield Skipped(rel, reason)
                    continue
                assert target is not None
                if _is_dir(target):
                    linked_dirs.append((target, rel))
                elif is_text_name:
                    yield rel, target, True
            elif is_dir:
                if path not in seen:  # a real folder under a real folder: its path is already real
                    seen[path] = rel
                    stack.append((path, rel + "/"))
            elif is_text_name:
                yield rel, path, False


def _entries(root: Path, folder: Path) -> list[tuple[str, bool, bool]]:
    """(name, is a symlink, is a folder) of every entry of ``folder``, listed through a descriptor opened
    without following links (a folder swapped for a symlink is refused, not listed)."""
    fd = _open_dir(root, folder.relative_to(root).parts)
    try:
        out = []
        with os.scandir(fd) as listing:
            for entry in listing:
                try:
                    link = entry.is_symlink()
                    out.append((entry.name, link, not link and entry.is_dir(follow_symlinks=False)))
                except OSError:
                    pass  # gone since the listing
        return out
    finally:
        os.close(fd)


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def stamp_of(st: os.stat_result) -> tuple[int, ...]:
    """What tells one version of a file from another without reading it: size, times, mode, inode, device.

    An edit that keeps size and mtime (``touch -r``) still changes the ctime.
    """
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_mode, st.st_ino, st.st_dev)


def stamps(folder: str | os.PathLike) -> list[tuple]:
    """What a scan would find, from the listing and ``stat`` alone (no file is opened).

    One tuple per candidate, sorted: its path with size, times, mode and
    inode, or with the reason it is refused.  Equal stamps mean an unchanged
    folder: cheap enough to poll, and the key of the saved segmentation.
    """
    out: list[tuple] = []
    for item in walk(Path(folder).resolve()):
        if isinstance(item, Skipped):
            out.append((item.relpath, item.reason))
            continue
        rel, path, _ = item
        try:
            st = path.stat()
        except OSError as e:
            out.append((rel, f"stat failed: {e.errno}"))
            continue
        out.append((rel, *stamp_of(st)))
    out.sort(key=lambda t: t[0])
    return out


_FILE_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


def _open_dir(root: Path, parts: Sequence[str]) -> int:
    """A descriptor of the folder ``root/parts…``, opened component by component without following links."""
    fd = os.open(root, _DIR_FLAGS)
    try:
        for part in parts:
            sub = os.open(part, _DIR_FLAGS, dir_fd=fd)
            os.close(fd)
            fd = sub
    except BaseException:
        os.close(fd)
        raise
    return fd


def _refusal(e: OSError) -> str:
    if e.errno in (errno.ELOOP, errno.ENOTDIR):  # a symlink where the walk saw a file or a folder
        return CHANGED
    if e.errno == errno.ENOENT:
        return "vanished during the scan"
    return f"unreadable: {e.strerror}"


def read_regular(root: Path, rel: str, max_bytes: int) -> tuple[os.stat_result, bytes] | str:
    """Bytes of the regular file at ``rel`` under ``root`` (no symlink on the way), or why it cannot be read.

    Opened first, checked after: what is checked (``fstat``) is what is read.
    A glance at the name before opening (``lstat``) only spares opening a
    device or a FIFO; it decides nothing.
    """
    *folders, name = rel.split("/")
    try:
        parent = _open_dir(root, folders)
    except OSError as e:
        return _refusal(e)
    try:
        st = os.stat(name, dir_fd=parent, follow_symlinks=False)
        if not stat.S_ISREG(st.st_mode):
            return CHANGED if stat.S_ISLNK(st.st_mode) else _kind_reason(st.st_mode)
        fd = os.open(name, _FILE_FLAGS, dir_fd=parent)
    except OSError as e:
        return _refusal(e)
    finally:
        os.close(parent)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return _kind_reason(st.st_mode)
        if st.st_size > max_bytes:
            return f"too large ({st.st_size} bytes, limit {max_bytes})"
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


def read_candidate(root: Path, rel: str, path: Path, linked: bool, max_bytes: int) -> RawFile | Skipped:
    """One file the walk found (``path``, under ``root``), read; or the reason it is refused."""
    got = read_regular(root, path.relative_to(root).as_posix(), max_bytes)
    if isinstance(got, str):
        return Skipped(rel, got)
    st, data = got
    if not rel.lower().endswith(PACKED + ARCHIVES) and is_binary(data):
        return Skipped(rel, "binary")
    return RawFile(rel, str(path), st.st_size, st.st_mtime_ns, data, linked, max_bytes, stamp_of(st))


def scan(folder: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[RawFile], list[Skipped]]:
    """Read every candidate file under ``folder``; returns (files, refusals), both in natural order."""
    root = Path(folder).resolve()
    files: list[RawFile] = []
    refused: list[Skipped] = []
    for item in walk(root):
        got = item if isinstance(item, Skipped) else read_candidate(root, *item, max_bytes)
        (refused if isinstance(got, Skipped) else files).append(got)
    files, same = one_per_file(files)
    refused.extend(same)
    refused.sort(key=lambda r: natural_key(r.relpath))
    return files, refused


def one_per_file(files: list[_F]) -> tuple[list[_F], list[Skipped]]:
    """Each file once, by device and inode: a symlink or a hard link to a file already read is skipped (it is
    not a variant of itself).  The path kept is the first in natural order, preferring one without a symlink.

    ``files``: anything with the ``relpath``, ``linked`` and ``stamp`` (:func:`stamp_of`) of a :class:`RawFile`.
    """
    first: dict[tuple[int, int], str] = {}
    kept, same = [], []
    for f in sorted(files, key=lambda f: (f.linked, natural_key(f.relpath))):
        identity = (f.stamp[5], f.stamp[4])  # device, inode
        if identity in first:
            same.append(Skipped(f.relpath, f"same file as {first[identity]}"))
        else:
            first[identity] = f.relpath
            kept.append(f)
    kept.sort(key=lambda f: natural_key(f.relpath))
    return kept, same
