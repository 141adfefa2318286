"""Standard output as the OS takes it: full, closed, gone, or unable to carry some characters.

A full disk or a closed descriptor must be one line on stderr (exit 1), not a
traceback; telling those errors apart from the program's own OSErrors needs a
look at the write itself, hence :class:`Stdout`.  A broken pipe (the reader of
``| head`` is gone) stays a BrokenPipeError for the entry point to exit 141.

Nothing is written that the stream's encoding cannot carry: a name that is not
UTF-8 is escaped where it is printed (tui.render.safe: ``\\xff`` in text,
``\\udcff`` in JSON), and the entry point sets ``errors="backslashreplace"``
so that anything missed comes out escaped, never as invalid UTF-8 or a crash.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress


class OutputError(Exception):
    """Standard output cannot be written; not an OSError, so no ``except OSError`` on the way swallows it."""


class Stdout:
    """``sys.stdout`` while the command runs: its write errors are told apart from the program's own.

    A broken pipe stays a BrokenPipeError; any other OSError from writing, and a
    closed descriptor (``sys.stdout`` is None), become OutputError.
    """

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        if self._stream is None:
            raise OutputError("standard output is closed")
        return self._checked(self._stream.write, text)

    def flush(self) -> None:
        if self._stream is not None:
            self._checked(self._stream.flush)

    def isatty(self) -> bool:
        return self._stream is not None and self._stream.isatty()

    def __getattr__(self, name: str):
        return getattr(self._stream, name)

    @staticmethod
    def _checked(call, *args):
        try:
            return call(*args)
        except BrokenPipeError:
            raise
        except OSError as e:
            raise OutputError(e.strerror or str(e)) from e


@contextmanager
def checked_stdout() -> Iterator[None]:
    """Send what is printed meanwhile (--help too) through :class:`Stdout`, flushed at the end."""
    stdout, sys.stdout = sys.stdout, Stdout(sys.stdout)
    try:
        try:
            yield
        finally:
            sys.stdout.flush()  # a full disk shows here, not in the interpreter's last flush
    finally:
        sys.stdout = stdout


def discard_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush of what is left cannot fail again."""
    with suppress(AttributeError, OSError):  # closed, or not a file (a test's capture)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
