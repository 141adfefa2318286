"""Where newsread keeps its settings, and the small settings file itself.

The config dir is the platformdirs one unless ``NEWSREAD_CONFIG_DIR`` says
otherwise (tests and snapshots set it so a developer's own settings never
leak in).  ``settings.toml`` holds the theme and ``hide``, the kinds of
difference the diff and the collation leave out (by default width, space and
markup: what a reprint changes without changing the story; an older file's
``ignore`` list is read as ``hide`` when it names a kind).  It is read with
:func:`~tui.reader.configfile.read_toml` (a broken or hostile one
is reported, never fatal) and written atomically through a fresh temporary
file (``mkstemp``: created with ``O_EXCL``, so a planted ``settings.tmp``
symlink is never followed; see :func:`~tui.engine.export.files.write_atomically`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from tui.engine.diff.kinds import IGNORABLE
from tui.engine.export.files import ExportError, write_atomically
from tui.locations import config_dir
from tui.reader.configfile import ConfigError, read_toml

DEFAULT_HIDDEN = frozenset({"width", "space", "markup"})


@dataclass
class Settings:
    theme: str | None = None
    hide: frozenset[str] = DEFAULT_HIDDEN
    notice: str | None = None  # a problem reading the file, for the user

    @property
    def path(self) -> Path:
        return config_dir() / "settings.toml"

    @classmethod
    def load(cls) -> Settings:
        path = config_dir() / "settings.toml"
        try:
            data = read_toml(path)
        except ConfigError as e:
            return cls(notice=f"{path}: unreadable settings, using defaults ({e})")
        if data is None:
            return cls()
        theme = data.get("theme")
        hide = data.get("hide", data.get("ignore") or sorted(DEFAULT_HIDDEN))
        if not isinstance(theme, (str, type(None))) or not isinstance(hide, list):
            return cls(notice=f"{path}: field 'theme' must be a string and 'hide' a list; using defaults")
        return cls(theme=theme, hide=frozenset(k for k in hide if k in IGNORABLE))

    def save(self) -> str | None:
        """Write the file; returns a message if it could not be written."""
        lines = []
        if self.theme:
            lines.append(f"theme = {json.dumps(self.theme, ensure_ascii=False)}")
        lines.append("hide = " + json.dumps(sorted(self.hide)))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.path, "\n".join(lines) + "\n")
        except OSError as e:
            return f"{self.path}: settings not saved ({e.strerror or e})"
        except ExportError as e:
            return f"settings not saved: {e}"
        return None
