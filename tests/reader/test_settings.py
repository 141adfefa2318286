"""The settings file: the kinds hidden are kinds the command line's ``--ignore`` takes; width, space, markup by default."""

from __future__ import annotations

from tui.reader.settings import DEFAULT_HIDDEN, Settings

from .helpers import config_dir


def _write(text: str) -> None:
    path = config_dir() / "settings.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")


def test_saved_kinds_keep_every_kind_the_cli_ignores_and_drop_the_rest():
    _write('hide = ["script", "width", "colour", "content"]\n')
    assert Settings.load().hide == {"script", "width"}


def test_hidden_kinds_survive_a_save_and_load_even_when_none_are_hidden():
    for hidden in ({"markup", "script"}, set()):
        settings = Settings(hide=frozenset(hidden))
        assert settings.save() is None
        assert Settings.load().hide == hidden


def test_a_fresh_config_hides_width_space_and_markup():
    assert {"width", "space", "markup"} == DEFAULT_HIDDEN
    assert Settings.load().hide == DEFAULT_HIDDEN
    _write('theme = "newsread-light"\n')
    assert Settings.load().hide == DEFAULT_HIDDEN


def test_an_older_files_ignore_list_is_read_as_the_kinds_hidden():
    _write('ignore = ["punct"]\n')
    assert Settings.load().hide == {"punct"}
    _write("ignore = []\n")  # written by every older save, not a choice: the defaults
    assert Settings.load().hide == DEFAULT_HIDDEN
