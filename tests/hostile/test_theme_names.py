"""Hostile themes and keymaps: every field checked, names shown as text, no control character reaches the terminal."""

from __future__ import annotations

import json

import pytest
from reader.helpers import make_app, settle
from textual.command import CommandPalette

from tui.locations import config_dir
from tui.reader.themes import ThemeError, load_theme
from tui.render.safe import UNSAFE

OSC_TITLE = "\x1b]0;pwned\x07"  # sets the terminal's title when written raw


def theme_file(name: str, text: str):
    themes = config_dir() / "themes"
    themes.mkdir(exist_ok=True)
    path = themes / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "variables, field",
    [
        ('block-cursor-background = "nonsense"', "variables.block-cursor-background"),
        ('link-style = "blinking wildly"', "variables.link-style"),
        ('primary-lighten-1 = "red; } Screen { color: blue"', "variables.primary-lighten-1"),
        ('not-a-variable = "red"', "variables.not-a-variable"),
        ("text = 12", "variables.text"),
    ],
)
def test_every_theme_variable_is_checked(variables, field):
    path = theme_file("odd.toml", f'name = "odd"\nprimary = "#123456"\n[variables]\n{variables}\n')
    with pytest.raises(ThemeError) as err:
        load_theme(path)
    assert f"'{field}'" in str(err.value)


def test_textual_values_that_are_not_colours_are_accepted():
    path = theme_file(
        "fine.toml",
        'name = "fine"\nprimary = "#123456"\n[variables]\ntext = "auto 80%"\n'
        'link-style-hover = "bold not underline"\nblock-cursor-background = "#ff0000 50%"\n',
    )
    assert load_theme(path).variables["link-style-hover"] == "bold not underline"


@pytest.mark.parametrize("name", ["evil\x1b[2J", f"title{OSC_TITLE}", "x" * 65])
def test_a_theme_name_must_be_printable_and_short(name):
    path = theme_file("named.toml", f'name = {json.dumps(name)}\nprimary = "#123456"\n')
    with pytest.raises(ThemeError) as err:
        load_theme(path)
    assert "'name'" in str(err.value) and not UNSAFE.search(str(err.value))


async def test_a_remembered_theme_with_a_bad_variable_starts_on_the_default(seeds):
    theme_file("odd.toml", 'name = "odd"\nprimary = "#123456"\n[variables]\nblock-cursor-background = "nonsense"\n')
    (config_dir() / "settings.toml").write_text('theme = "odd"\n', encoding="utf-8")
    app = make_app(seeds)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert app.theme == "newsread-dark"
        notes = [n.message for n in app._notifications]
        assert any("odd.toml" in m and "block-cursor-background" in m for m in notes), notes


async def test_a_theme_name_with_markup_is_listed_as_text(seeds):
    theme_file("marked.toml", 'name = "bad [/x] [b]name"\nprimary = "#123456"\n')
    app = make_app(seeds)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert "bad [/x] [b]name" in app.available_themes
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("b", "a", "d")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "bad [/x] [b]name"


async def test_control_characters_in_config_never_reach_a_notice(seeds):
    (config_dir() / "keymap.toml").write_text(f'{json.dumps("reader." + OSC_TITLE)} = "x"\n', encoding="utf-8")
    theme_file("esc.toml", f'name = {json.dumps("esc" + OSC_TITLE)}\nprimary = "#123456"\n')
    (config_dir() / "settings.toml").write_text(f"theme = {json.dumps('gone' + OSC_TITLE)}\n", encoding="utf-8")
    app = make_app(seeds)
    async with app.run_test(notifications=True) as pilot:
        await settle(app, pilot)
        notes = [n.message for n in app._notifications]
        assert len(notes) >= 3
        assert not [m for m in notes if UNSAFE.search(m)], notes
        assert any("␛]0;pwned␇" in m for m in notes), notes


async def test_a_key_with_control_characters_is_refused_and_never_drawn(seeds):
    """A keymap value is drawn in the Footer and the help: one with ESC/OSC is refused with a visible notice."""
    (config_dir() / "keymap.toml").write_text(
        f'"reader.next-article" = {json.dumps("ctrl+n," + OSC_TITLE)}\n', encoding="utf-8"
    )
    app = make_app(seeds)
    async with app.run_test(notifications=True) as pilot:
        await settle(app, pilot)
        notes = [n.message for n in app._notifications]
        assert any("reader.next-article" in m and "␛]0;pwned␇" in m for m in notes), notes
        assert not [m for m in notes if UNSAFE.search(m)], notes
        keys = {key for binding in app.screen.active_bindings.values() for key in [binding.binding.key]}
        assert not [k for k in keys if UNSAFE.search(k)], keys
        assert "ctrl+n" not in keys  # a keymap entry is taken whole or not at all
