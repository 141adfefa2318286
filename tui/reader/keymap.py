"""Remapping keys: ``keymap.toml`` in the config dir maps binding ids to keys.

Every binding of the reader has an id (``reader.next-article`` …); the file
says ``"reader.next-article" = "ctrl+n"`` (several keys: ``"ctrl+n,N"``).
Unknown ids, non-string values and keys that are not printable (a key is
drawn in the Footer and the help, so ESC in one would reach the terminal)
are reported once, and ignored.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tui.reader.configfile import ConfigError, read_toml
from tui.render.safe import UNSAFE


def load_keymap(path: Path, known_ids: Iterable[str]) -> tuple[dict[str, str], list[str]]:
    """The id -> keys mapping in ``path`` and a notice per problem (missing file: nothing)."""
    try:
        data = read_toml(path)
    except ConfigError as e:
        return {}, [f"keymap {path}: unreadable, default keys kept ({e})"]
    if data is None:
        return {}, []
    known = set(known_ids)
    keymap: dict[str, str] = {}
    notices: list[str] = []
    for binding_id, keys in data.items():
        if binding_id not in known:
            notices.append(f"keymap {path}: unknown binding id '{binding_id}' ignored")
        elif not isinstance(keys, str) or not keys.strip():
            notices.append(f"keymap {path}: '{binding_id}' must be a key string such as \"ctrl+n\"")
        elif UNSAFE.search(keys):
            notices.append(f"keymap {path}: '{binding_id}' = '{keys}' holds a control character, default keys kept")
        else:
            keymap[binding_id] = ",".join(k.strip() for k in keys.split(",") if k.strip())
    return keymap, notices
