"""What every subcommand shares: the --folder option, loading, errors, output."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable
from typing import Any, NoReturn

from tui.engine.caches import cache_problem
from tui.engine.ingest.corpuscache import load_cached
from tui.engine.ingest.load import Corpus, FolderError
from tui.engine.ingest.scan import DEFAULT_MAX_BYTES
from tui.engine.refs import RefError
from tui.render.safe import SURROGATE, UNSAFE, utf8_safe, visible

EXIT_USAGE = 2
_JSON_ESCAPED = re.compile(f"{UNSAFE.pattern}|{SURROGATE.pattern}")


class UsageError(Exception):
    """Bad input from the user: printed as one line, exit code 2."""


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr and exit code 2."""

    def error(self, message: str) -> NoReturn:
        fail(f"{self.prog}: {message} (see --help)")


def fail(message: str) -> NoReturn:
    print(visible(message), file=sys.stderr)
    raise SystemExit(EXIT_USAGE)


def add_folder(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--folder", metavar="DIR", help="folder to read (default: the bundled seeds)")
    parser.add_argument(
        "--max-bytes",
        type=positive_int,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"skip files larger than N bytes (default {DEFAULT_MAX_BYTES})",
    )


def load_corpus(args: argparse.Namespace, loader: Callable[..., Corpus] = load_cached) -> Corpus:
    """``loader(args.folder, max_bytes=…)``, its FolderError turned into a usage error.

    By default the saved segmentation is reused for the files that did not change (see corpuscache);
    when the cache may not be used (not the user's own, or writable by others) one line says so on stderr.
    """
    if loader is load_cached and (problem := cache_problem()):
        print(f"newsread: {visible(problem)}", file=sys.stderr)
    try:
        return loader(args.folder, max_bytes=args.max_bytes)
    except FolderError as e:
        raise UsageError(str(e)) from None


def json_text(data: Any) -> str:
    """JSON with CJK as is, but C1 and bidi controls escaped (``\\u202e``): valid, lossless, inert.

    A name that is not UTF-8 holds lone surrogates (``\\udcff`` for the byte 0xff, see
    tui.render.safe); they are escaped the same way, so the output is valid UTF-8 and
    ``os.fsencode(json.loads(...))`` gives back the name's bytes.
    """
    return _JSON_ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(data, ensure_ascii=False, indent=2))


def print_json(data: Any) -> None:
    sys.stdout.write(json_text(data) + "\n")


def print_json_items(key: str, items: Iterable[Any]) -> None:
    """``print_json({key: list(items)})``, written an item at a time: the same text, one item in memory."""
    opening = "{\n  " + json_text(key) + ": ["
    empty = True
    for item in items:
        sys.stdout.write((opening + "\n    " if empty else ",\n    ") + json_text(item).replace("\n", "\n    "))
        empty = False
    sys.stdout.write(opening + "]\n}\n" if empty else "\n  ]\n}\n")


def positive_int(text: str) -> int:
    """argparse type: a whole number above zero."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text} must be above zero")
    return value


def out(text: str = "") -> None:
    """Print file-derived text; control characters are made visible on a terminal, undecodable bytes always."""
    print(visible(text) if sys.stdout.isatty() else utf8_safe(text))


__all__ = [
    "Parser",
    "RefError",
    "UsageError",
    "add_folder",
    "fail",
    "load_corpus",
    "out",
    "print_json",
    "print_json_items",
]
