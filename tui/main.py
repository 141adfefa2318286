"""The `newsread` command: run a subcommand on the engine, or launch the reader.

A first argument that names a subcommand runs it (subcommands win over a folder
of the same name: ``newsread ./list`` opens a folder called ``list``);
anything else launches the reader.  Errors are one line on stderr, exit 2.
This module alone knows both front ends, so the CLI and the reader never
import each other.  Output that cannot be written (a full disk, a closed
descriptor) is one line on stderr and exit 1; a reader gone away (a broken
pipe) is a quiet exit 141.
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from tui import __version__
from tui.engine.quietgc import held
from tui.locations import bundled_seeds
from tui.stdout import OutputError, checked_stdout, discard_stdout


def reader_parser():
    from tui.cli import SUBCOMMANDS
    from tui.cli.common import Parser

    p = Parser(
        prog="newsread",
        description="A terminal reader for folders of news text, with side-by-side diffs of variant versions.",
        epilog="subcommands: " + ", ".join(SUBCOMMANDS) + " (newsread SUBCOMMAND --help)",
    )
    p.add_argument("folder", nargs="?", help="folder to read (default: the bundled seeds)")
    p.add_argument("--open", metavar="REF", help="start on this article (FILE#N)")
    p.add_argument("--theme", metavar="NAME", help="start with this theme")
    p.add_argument("--serve", action="store_true", help="serve the reader to a web browser (textual-serve)")
    p.add_argument("--host", default="127.0.0.1", help="with --serve: the address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=port_number, default=8000, help="with --serve: the port (default 8000)")
    p.add_argument("--version", action="version", version=f"newsread {__version__}")
    return p


def port_number(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        port = -1
    if not 0 < port < 65536:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}")
    return port


def reader_folder(folder: str | None) -> Path:
    """The folder to read; a bad one is a usage error before Textual is imported."""
    from tui.cli.common import UsageError

    root = Path(folder) if folder else bundled_seeds()
    if not root.is_dir():
        raise UsageError(f"not a folder: {root}" if root.exists() else f"no such folder: {root}")
    return root


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    with held():  # start-up imports make only long-lived objects: no collector pass over them (then frozen)
        from tui.cli import SUBCOMMANDS, command_parser
        from tui.cli.common import UsageError, fail
        from tui.engine.refs import RefError
        from tui.reader.serve import ServeError
    try:
        if argv and argv[0] in SUBCOMMANDS:
            with checked_stdout():
                args = command_parser(argv[0]).parse_args(argv)
                return args.run(args)
        with checked_stdout():
            args = reader_parser().parse_args(argv)
        root = reader_folder(args.folder)
        if args.serve:
            from tui.reader.serve import serve

            return serve(root, host=args.host, port=args.port, open_ref=args.open, theme=args.theme)
        from tui.reader.launch import launch  # Textual is imported only to read

        return launch(root, open_ref=args.open, theme=args.theme)
    except (UsageError, RefError, ServeError) as e:
        fail(f"newsread: {e}")
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        discard_stdout()
        return 128 + signal.SIGPIPE
    except OutputError as e:
        print(f"newsread: cannot write the output: {e}", file=sys.stderr)
        discard_stdout()
        return 1


def run() -> None:
    for stream in (sys.stdout, sys.stderr):  # None when the descriptor is closed
        if stream is not None:
            stream.reconfigure(errors="backslashreplace")  # what the encoding cannot carry, escaped (see tui.stdout)
    sys.exit(main())
