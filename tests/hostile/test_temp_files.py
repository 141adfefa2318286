"""A temporary file planted as a symlink next to a config file: its target is never written."""

from __future__ import annotations

from tui.locations import config_dir
from tui.reader.settings import Settings


def test_a_planted_settings_tmp_symlink_is_not_followed(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    (config_dir() / "settings.tmp").symlink_to(victim)
    assert Settings(theme="newsread-light", hide=frozenset({"punct"})).save() is None
    assert victim.read_text(encoding="utf-8") == "precious"
    again = Settings.load()
    assert (again.theme, again.hide, again.notice) == ("newsread-light", frozenset({"punct"}), None)
    assert sorted(p.name for p in config_dir().iterdir()) == ["settings.tmp", "settings.toml"]  # no temp file left
