"""Where newsread keeps its settings, and the small settings file itself.

The config dir is the platformdirs one unless ``NEWSREAD_CONFIG_DIR`` says
otherwise (tests and snapshots set it so a developer's own settings never
leak in).  ``settings.toml`` holds the theme and the diff ignore toggles; it
is read with :func:`~tui.reader.configfile.read_toml` (a broken or hostile one
is reported, never fatal) and written atomically through a fresh temporary
file (``mkstemp``: created with ``O_EXCL``, so a planted ``settings.tmp``
symlink is never followed; see :func:`~tui.engine.export.files.write_atomically`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from tui.engine.diff.kinds import IGNORABLE
from tui.engine.export.files import ExportError, write_atomically
from tui.locations import config_dir
from tui.reader.configfile import ConfigError, read_toml


@dataclass
class Settings:
    theme: str | None = None
    ignore: frozenset[str] = field(default_factory=frozenset)
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
        ignore = data.get("ignore", [])
        if not isinstance(theme, (str, type(None))) or not isinstance(ignore, list):
            return cls(notice=f"{path}: field 'theme' must be a string and 'ignore' a list; using defaults")
        return cls(theme=theme, ignore=frozenset(k for k in ignore if k in IGNORABLE))

    def save(self) -> str | None:
        """Write the file; returns a message if it could not be written."""
        lines = []
        if self.theme:
            lines.append(f"theme = {json.dumps(self.theme, ensure_ascii=False)}")
        lines.append("ignore = " + json.dumps(sorted(self.ignore)))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.path, "\n".join(lines) + "\n")
        except OSError as e:
            return f"{self.path}: settings not saved ({e.strerror or e})"
        except ExportError as e:
            return f"settings not saved: {e}"
        return None
