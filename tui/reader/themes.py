"""Themes as TOML files: the bundled ones in ``themes/``, the user's in the config dir.

A theme file is a Textual ``Theme`` (name, dark, the base colours) plus a
``[variables]`` table with the colours newsread itself needs (``nr-*``:
diff kinds, search hits, bookmarks, unread).  A broken file never stops the
app: it is skipped with one notice naming the file and the field.
"""

from __future__ import annotations

from pathlib import Path

from textual.color import Color, ColorParseError
from textual.theme import Theme

from tui.reader.configfile import ConfigError, read_toml

DEFAULT_THEME = "newsread-dark"

# Variables every theme gets; a theme file may override any of them.
NR_VARIABLES = {
    "nr-insert": "#2e7d32",
    "nr-delete": "#c62828",
    "nr-replace": "#9e7700",
    "nr-move": "#6a1b9a",
    "nr-minor": "#0277bd",
    "nr-search": "#ffd54f",
    "nr-search-current": "#ff8f00",
    "nr-mark": "#26a69a",
    "nr-unread": "#42a5f5",
    "nr-lone": "#ef5350",
}

_COLOURS = (
    "primary",
    "secondary",
    "warning",
    "error",
    "success",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
)


class ThemeError(ValueError):
    """A theme file that cannot be used; the message names the file and field."""


def _colour(path: Path, key: str, value: object) -> str:
    if not isinstance(value, str):
        raise ThemeError(f"{path.name}: field '{key}' must be a colour string")
    try:
        Color.parse(value)
    except ColorParseError:
        raise ThemeError(f"{path.name}: field '{key}' is not a colour: {value!r}") from None
    return value


def load_theme(path: Path) -> Theme:
    """Read one theme file; raises ThemeError naming the file and the field."""
    try:
        data = read_toml(path)
    except ConfigError as e:
        raise ThemeError(f"{path.name}: {e}") from None
    if data is None:
        raise ThemeError(f"{path.name}: cannot read it (it is gone)")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ThemeError(f"{path.name}: field 'name' is missing or not a string")
    if "primary" not in data:
        raise ThemeError(f"{path.name}: field 'primary' is missing")
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        raise ThemeError(f"{path.name}: field 'dark' must be true or false")
    unknown = set(data) - {"name", "dark", "variables", *_COLOURS}
    if unknown:
        raise ThemeError(f"{path.name}: unknown field '{sorted(unknown)[0]}'")
    colours = {k: _colour(path, k, data[k]) for k in _COLOURS if k in data}
    variables = data.get("variables", {})
    if not isinstance(variables, dict):
        raise ThemeError(f"{path.name}: field 'variables' must be a table")
    for key, value in variables.items():
        if not isinstance(value, str):
            raise ThemeError(f"{path.name}: field 'variables.{key}' must be a string")
        if key.startswith("nr-"):
            _colour(path, f"variables.{key}", value)
    return Theme(name=name.strip(), dark=dark, variables={**NR_VARIABLES, **variables}, **colours)


def load_themes(*dirs: Path) -> tuple[list[Theme], list[str]]:
    """Every ``*.toml`` theme in ``dirs`` (later dirs win on a name), and one notice per broken file."""
    themes: dict[str, Theme] = {}
    notices: list[str] = []
    for d in dirs:
        if not d.is_dir():
            continue
        for path in sorted(d.glob("*.toml")):
            try:
                theme = load_theme(path)
            except ThemeError as e:
                notices.append(f"theme {path}: {str(e).split(': ', 1)[1]}; using {DEFAULT_THEME}")
                continue
            themes[theme.name] = theme
    return list(themes.values()), notices
