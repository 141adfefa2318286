"""One file's bytes to its texts: the format told by content, then that format's reader."""

from __future__ import annotations

from importlib import import_module

from tui.engine.ingest.decode import decode_bytes
from tui.engine.ingest.formats import TEXT, Doc, Refused
from tui.engine.ingest.formats.detect import NotText, sniff


def read(data: bytes) -> list[Doc] | str:
    """The file's texts, or the reason it is not read (its parser's message for broken markup)."""
    try:
        fmt = sniff(data)
        if fmt == TEXT:
            decoded = decode_bytes(data)
            return [Doc(decoded.text, TEXT, decoded.encoding, warning=decoded.warning)]
        # Imported by name when first needed: the web-page reader pulls in trafilatura.
        return import_module(f"tui.engine.ingest.formats.{fmt}").read(data)
    except (NotText, Refused) as e:
        return str(e)
    except RecursionError:
        return "nested too deeply to read"
