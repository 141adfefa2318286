"""Load every config file the reader reads, as it does at start (imported by tests and by their child processes)."""

from __future__ import annotations

from tui.locations import config_dir
from tui.reader.keymap import load_keymap
from tui.reader.settings import DEFAULT_HIDDEN, Settings
from tui.reader.themes import load_themes

CONFIG_FILES = ("settings.toml", "keymap.toml", "themes/hostile.toml")


def load_all() -> dict[str, tuple[bool, list[str]]]:
    """Per config file: whether the defaults were kept, and the notices given."""
    settings = Settings.load()
    keymap, keymap_notices = load_keymap(config_dir() / "keymap.toml", ["app.quit"])
    themes, theme_notices = load_themes(config_dir() / "themes")
    return {
        "settings.toml": (
            settings.theme is None and settings.hide == DEFAULT_HIDDEN,
            [settings.notice] if settings.notice else [],
        ),
        "keymap.toml": (keymap == {}, keymap_notices),
        "themes/hostile.toml": (themes == [], theme_notices),
    }
