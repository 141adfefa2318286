"""Writing an export: all of it or nothing, never through a device, a FIFO or a folder."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path


class ExportError(Exception):
    """The export cannot be written; the message says why in one line."""


def write_atomically(path: Path, text: str | Iterable[str]) -> None:
    """A temp file beside ``path``, flushed to disk, then renamed over it: never a half-written export.

    A symlink is written through (its target is replaced), an existing file keeps
    its mode, and anything that is not a regular file (a device, a FIFO, a
    folder) is refused rather than replaced.  The temp file is created with
    ``O_EXCL`` (``mkstemp``), so a planted name cannot redirect the write.
    ``text`` may be pieces (lines, say), written as they come.
    """
    try:
        path = path.resolve()
        mode = None
        if path.exists():
            st = path.stat()
            if not stat.S_ISREG(st.st_mode):
                kind = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file"
                raise ExportError(f"{path}: {kind}; not replaced")
            mode = stat.S_IMODE(st.st_mode)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as e:
        raise ExportError(f"cannot write {path}: {e.strerror or e}") from None
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape") as f:
            f.writelines([text] if isinstance(text, str) else text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise ExportError(f"cannot write {path}: {e.strerror or e}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
