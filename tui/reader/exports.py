"""Where the reader writes an export (`e` in the diff or the collation): the data dir, or a path the user types.

By default a new file in the data dir's ``exports`` folder, named for what
is compared (``diff-000-001.html``; ``-2`` and on when taken, so no earlier
export is replaced).  A path the user types is written as typed (``~`` and
relative paths allowed, relative to where newsread was started).  Served on
the network (``NEWSREAD_EXPORTS=data-dir``, set by :mod:`tui.reader.serve`),
a typed path is never used as a path: only its last part names a file in
the exports folder, and a name that would lead out of it (a symlink) is
refused.  Every export is written whole or not at all
(:func:`tui.engine.export.files.write_atomically`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from tui.engine.export.files import ExportError, write_atomically
from tui.locations import data_dir
from tui.reader.serve import EXPORTS_ENV

EXTENSIONS = {"html": ".html", "tei": ".xml", "csv": ".csv", "tsv": ".tsv"}
_UNSAFE = re.compile(r"[^\w.-]+")


def confined() -> bool:
    """Whether exports may go to the data dir only (the reader is served on the network)."""
    return os.environ.get(EXPORTS_ENV) == "data-dir"


def exports_dir() -> Path:
    return data_dir() / "exports"


def file_name(text: str) -> str:
    """``text`` as a plain file name: no separators, no leading dot, nothing but word characters, ``.`` and ``-``."""
    return _UNSAFE.sub("_", text).lstrip(".") or "export"


def default_path(stem: str, fmt: str) -> Path:
    """A file in the exports folder not taken yet: ``stem.ext``, else ``stem-2.ext``…"""
    folder, name, ext = exports_dir(), file_name(stem), EXTENSIONS[fmt]
    path, n = folder / f"{name}{ext}", 2
    while path.exists():
        path, n = folder / f"{name}-{n}{ext}", n + 1
    return path


def target(typed: str, default: Path) -> Path:
    """The file an export goes to, for what the user typed ("": the default)."""
    typed = typed.strip()
    if not typed:
        return default
    if confined():
        return exports_dir() / file_name(Path(typed).name)
    path = Path(typed).expanduser()
    return path if path.is_absolute() else Path.cwd() / path


def write(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` (see the module docstring); returns where it went.  Raises ExportError."""
    folder = exports_dir()
    if path.parent == folder:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise ExportError(f"cannot make {folder}: {e.strerror or e}") from None
    if confined() and path.resolve().parent != folder.resolve():
        raise ExportError(f"{path.name}: leads out of {folder}; exports go there only")
    write_atomically(path, text)
    return path.resolve()
