"""Theme files: the bundled ones load, a broken one is named with its field, the choice is remembered."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.locations import bundled_themes
from tui.reader.themes import (
    DEFAULT_THEME,
    NR_VARIABLES,
    READ_CONTRAST,
    ThemeError,
    contrast,
    dimmed,
    load_theme,
    load_themes,
)

from .helpers import config_dir, make_app, settle

GOOD = """name = "mine"
dark = false
primary = "#005f87"
background = "#ffffff"
[variables]
nr-insert = "#00ff00"
"""


def test_bundled_themes_one_dark_one_light_with_all_variables():
    themes, notices = load_themes(bundled_themes())
    assert notices == []
    by_name = {t.name: t for t in themes}
    assert {"newsread-dark", "newsread-light"} <= set(by_name)
    assert by_name["newsread-dark"].dark and not by_name["newsread-light"].dark
    for t in themes:
        assert set(NR_VARIABLES) <= set(t.variables)


@pytest.mark.parametrize(
    "text, field",
    [
        ('name = "x"\nprimary = "nonsense-colour"\n', "primary"),
        ('primary = "#fff"\n', "name"),
        ('name = "x"\n', "primary"),
        ('name = "x"\nprimary = "#fff"\ndark = "yes"\n', "dark"),
        ('name = "x"\nprimary = "#fff"\n[variables]\nnr-insert = "zzz"\n', "variables.nr-insert"),
        ('name = "x"\nprimary = "#fff"\nbackgroud = "#000"\n', "backgroud"),
    ],
)
def test_broken_theme_names_file_and_field(tmp_path, text, field):
    path = tmp_path / "broken.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(ThemeError) as err:
        load_theme(path)
    assert "broken.toml" in str(err.value) and f"'{field}'" in str(err.value)


def test_invalid_toml_is_one_notice_and_others_still_load(tmp_path):
    (tmp_path / "bad.toml").write_text("name = \n", "utf-8")
    (tmp_path / "good.toml").write_text(GOOD, "utf-8")
    themes, notices = load_themes(tmp_path)
    assert [t.name for t in themes] == ["mine"]
    assert len(notices) == 1 and "bad.toml" in notices[0] and DEFAULT_THEME in notices[0]


async def test_user_theme_loaded_broken_one_noticed_and_choice_remembered(seeds):
    themes = config_dir() / "themes"
    themes.mkdir()
    (themes / "good.toml").write_text(GOOD, "utf-8")
    (themes / "bad.toml").write_text('name = "b"\nprimary = 12\n', "utf-8")
    app = make_app(seeds)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert app.theme == DEFAULT_THEME
        assert "mine" in app.available_themes
        notes = [n.message for n in app._notifications]
        assert any("bad.toml" in m and "'primary'" in m for m in notes)
        app.theme = "mine"
        await pilot.pause()
    again = make_app(seeds)
    async with again.run_test() as pilot:
        await settle(again, pilot)
        assert again.theme == "mine"


async def test_theme_option_wins_and_unknown_theme_falls_back(seeds):
    app = make_app(seeds, theme_name="newsread-light")
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert app.theme == "newsread-light"
    app = make_app(seeds, theme_name="no-such-theme")
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert app.theme == DEFAULT_THEME


async def test_t_opens_theme_picker_and_switches(seeds):
    app = make_app(seeds)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("t", *"newsread-light", "enter")
        await settle(app, pilot)
        assert app.theme == "newsread-light"


hex_colours = st.integers(min_value=0, max_value=0xFFFFFF).map(lambda n: f"#{n:06x}")


@settings(max_examples=200, deadline=None)
@given(hex_colours, hex_colours)
def test_dimmed_text_is_no_brighter_than_the_text_and_readable_when_the_text_is(fg, bg):
    dim = dimmed(fg, bg)
    assert contrast(dim, bg) <= contrast(fg, bg) + 1e-9
    if contrast(fg, bg) >= READ_CONTRAST:
        assert contrast(dim, bg) >= READ_CONTRAST
    else:
        assert dim.lower() == fg


async def test_a_theme_may_set_nr_read_and_the_list_draws_read_titles_in_it(seeds, tmp_path):
    (tmp_path / "mine.toml").write_text(GOOD + 'nr-read = "#5a5a5a"\n', "utf-8")
    assert load_theme(tmp_path / "mine.toml").variables["nr-read"] == "#5a5a5a"
    themes = config_dir() / "themes"
    themes.mkdir()
    (themes / "mine.toml").write_text(GOOD + 'nr-read = "#5a5a5a"\n', "utf-8")
    app = make_app(seeds, theme_name="mine")
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert app.theme_variables["nr-read"] == "#5a5a5a"
        read = app.reader.files.get_component_rich_style("files--read", partial=True)
        assert read.color.triplet.hex == "#5a5a5a"
