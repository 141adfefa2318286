"""The reader in a browser: textual-serve runs one reader process per browser tab.

Served on anything but a loopback address, a remote user could otherwise
make the reader write where they like; ``NEWSREAD_EXPORTS=data-dir`` tells
every reader process to write exports into the data dir only.
"""

from __future__ import annotations

import ipaddress
import os
import shlex
import socket
import sys
from pathlib import Path

EXPORTS_ENV = "NEWSREAD_EXPORTS"


class ServeError(Exception):
    """The server cannot start (the address is taken or cannot be bound)."""


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only (127.0.0.0/8, ::1, localhost)."""
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0].split("%")[0]).is_loopback for info in infos)


def reader_command(root: Path, *, open_ref: str | None, theme: str | None) -> str:
    """The shell command textual-serve starts for each browser session."""
    argv = [sys.executable, "-m", "tui", str(root.absolute())]
    argv += ["--open", open_ref] if open_ref else []
    argv += ["--theme", theme] if theme else []
    return shlex.join(argv)


def check_port(host: str, port: int) -> None:
    """Fail early with one line if the address cannot be bound (textual-serve would print a traceback)."""
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as e:
        raise ServeError(f"cannot serve on {host}:{port}: {e.strerror or e}") from None


def serve(root: Path, *, host: str, port: int, open_ref: str | None = None, theme: str | None = None) -> int:
    from textual_serve.server import Server

    check_port(host, port)
    if not is_loopback(host):
        os.environ[EXPORTS_ENV] = "data-dir"
        print(f"newsread: serving on {host}: exports are written to the data dir only", file=sys.stderr)
    Server(reader_command(root, open_ref=open_ref, theme=theme), host=host, port=port, title="newsread").serve()
    return 0
