"""The subcommands: each module owns some (``add_<name>(sub)`` adds the subparser).

Only the chosen module is imported, so a command starts fast.
"""

from __future__ import annotations

from importlib import import_module

from tui.cli.common import Parser

# Subcommand -> the module that owns it.
SUBCOMMANDS = {
    "list": "articles",
    "show": "articles",
    "variants": "variants",
    "diff": "compare",
    "collate": "compare",
    "bookmarks": "bookmarks",
    "export": "export",
    "search": "search",
}


def command_parser(name: str) -> Parser:
    p = Parser(prog="newsread")
    sub = p.add_subparsers(dest="command", required=True, parser_class=Parser)
    getattr(import_module(f".{SUBCOMMANDS[name]}", __name__), f"add_{name}")(sub)
    return p
