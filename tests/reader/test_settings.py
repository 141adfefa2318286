"""The settings file: the ignore toggles take the kinds the command line's ``--ignore`` takes."""

from __future__ import annotations

from tui.reader.settings import Settings

from .helpers import config_dir


def test_saved_ignore_keeps_every_kind_the_cli_ignores_and_drops_the_rest():
    path = config_dir() / "settings.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('ignore = ["script", "width", "colour", "content"]\n', "utf-8")
    assert Settings.load().ignore == {"script", "width"}


def test_ignore_toggles_survive_a_save_and_load():
    settings = Settings(ignore=frozenset({"markup", "script"}))
    assert settings.save() is None
    assert Settings.load().ignore == {"markup", "script"}
