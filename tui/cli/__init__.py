"""The `newsread` command: launch the reader, or run a subcommand on the engine.

A first argument that names a subcommand runs it (subcommands win over a folder
of the same name: ``newsread ./list`` opens a folder called ``list``);
anything else launches the reader.  Errors are one line on stderr, exit 2.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence

from importlib import import_module

from .. import __version__
from ..core.refs import RefError
from .common import Parser, UsageError, fail

# Subcommand -> the module that owns it (its ``add_<name>(sub)`` adds the
# subparser).  Only the chosen one is imported, so a command starts fast.
SUBCOMMANDS = {
    "list": "articles",
    "show": "articles",
    "variants": "variants",
    "diff": "compare",
    "collate": "compare",
    "bookmarks": "bookmarks",
}


def reader_parser() -> Parser:
    p = Parser(
        prog="newsread",
        description="A terminal reader for folders of news text, with side-by-side diffs of variant versions.",
        epilog="subcommands: " + ", ".join(SUBCOMMANDS) + " (newsread SUBCOMMAND --help)",
    )
    p.add_argument("folder", nargs="?", help="folder to read (default: the bundled seeds)")
    p.add_argument("--open", metavar="REF", help="start on this article (FILE#N)")
    p.add_argument("--theme", metavar="NAME", help="start with this theme")
    p.add_argument("--version", action="version", version=f"newsread {__version__}")
    return p


def command_parser(name: str) -> Parser:
    p = Parser(prog="newsread")
    sub = p.add_subparsers(dest="command", required=True, parser_class=Parser)
    getattr(import_module(f".{SUBCOMMANDS[name]}", __name__), f"add_{name}")(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in SUBCOMMANDS:
            args = command_parser(argv[0]).parse_args(argv)
            return args.run(args)
        args = reader_parser().parse_args(argv)
        from ..launch import launch  # Textual is imported only to read

        return launch(args.folder, open_ref=args.open, theme=args.theme)
    except (UsageError, RefError) as e:
        fail(f"newsread: {e}")
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + signal.SIGPIPE


def run() -> None:
    sys.exit(main())
