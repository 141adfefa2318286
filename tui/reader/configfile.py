"""Read one TOML config file (settings, keymap, a theme) without hanging, filling memory or crashing.

A config dir can hold anything: a FIFO (a plain open waits for a writer for
ever), a link to ``/dev/zero`` (a plain read never ends), TOML nested deeper
than ``tomllib`` can recurse, or a dotted key thousands of parts long (which
``tomllib`` handles in quadratic time).  So the file is opened without
blocking, checked on the opened descriptor (a regular file, so no check can be
raced), read up to ``MAX_BYTES``, refused when a line nests more than
``MAX_LINE_NESTING`` deep, and parsed with every failure turned into one
:class:`ConfigError` that says why, for the caller to report once and fall
back on its defaults.
"""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

MAX_BYTES = 256 * 1024  # far above any real settings, keymap or theme file
MAX_LINE_NESTING = 100  # dots and opening brackets on one line; a real config line has a few


class ConfigError(ValueError):
    """A config file that cannot be used; the message says why (not where: the caller names the file)."""


def read_toml(path: Path) -> dict | None:
    """The TOML table in ``path``, or None when there is no such file; raises ConfigError."""
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError as e:
        raise ConfigError(f"cannot open it ({e.strerror or e})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ConfigError("not a regular file")
        data = _read_at_most(fd, MAX_BYTES + 1)
    except OSError as e:
        raise ConfigError(f"cannot read it ({e.strerror or e})") from None
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise ConfigError(f"larger than {MAX_BYTES // 1024} KiB")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ConfigError(f"not UTF-8 (byte {e.start})") from None
    for number, line in enumerate(text.splitlines(), 1):
        if line.count(".") + line.count("[") + line.count("{") > MAX_LINE_NESTING:
            raise ConfigError(f"line {number} is nested too deeply")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"not valid TOML ({e})") from None
    except RecursionError:
        raise ConfigError("not valid TOML (nested too deeply)") from None


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks, size = [], 0
    while size < limit and (chunk := os.read(fd, min(1 << 16, limit - size))):
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)
