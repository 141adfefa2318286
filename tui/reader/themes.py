"""Themes as TOML files: the bundled ones in ``themes/``, the user's in the config dir.

A theme file is a Textual ``Theme`` (name, dark, the base colours) plus a
``[variables]`` table with the colours newsread itself needs (``nr-*``:
diff kinds, search hits, bookmarks, unread).  A broken file never stops the
app: it is skipped with one notice naming the file and the field.

Every field is checked before Textual sees it, since Textual trusts a theme:
a variable it does not know, or a value its stylesheet cannot parse, would
stop the app at start (or whenever that theme is chosen); a name must be
plain printable text (it is shown in the theme picker and in notices).

A theme that does not name ``nr-read`` (read titles in the file list) gets
one derived from its text and surface colours: dimmer than the text, still
readable (``READ_CONTRAST``).
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

from textual.color import Color, ColorParseError
from textual.css.stylesheet import Stylesheet, StylesheetParseError
from textual.css.tokenizer import TokenError
from textual.theme import Theme

from tui.reader.configfile import ConfigError, read_toml
from tui.render.safe import visible

DEFAULT_THEME = "newsread-dark"
READ_CONTRAST = 5.0  # read titles against the list's background: dimmer than text, above WCAG's 4.5:1

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
DERIVED = frozenset({"nr-read"})  # variables a theme may set, else computed from its colours (see the app)

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


MAX_NAME = 64  # characters in a theme name
MAX_VALUE = 64  # characters in a colour or style value ("bold not underline", "rgb(10, 20, 30)")


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a colour."""

    def linear(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = Color.parse(colour).rgb
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours, 1 to 21."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def dimmed(foreground: str, background: str, floor: float = READ_CONTRAST) -> str:
    """``foreground`` moved toward ``background`` as far as a contrast of ``floor`` allows (itself if below)."""
    fg, bg = Color.parse(foreground), Color.parse(background)
    best = fg
    for step in range(1, 100):
        colour = fg.blend(bg, step / 100)
        if contrast(colour.hex, background) < floor:
            break
        best = colour
    return best.hex


class ThemeError(ValueError):
    """A theme file that cannot be used; the message names the file and field."""


@cache
def theme_variables() -> frozenset[str]:
    """The variables a theme may set: Textual's own and newsread's ``nr-*``."""
    return (
        frozenset(Theme(name="probe", primary="#000000").to_color_system().generate())
        | frozenset(NR_VARIABLES)
        | DERIVED
    )


def _css_value_ok(key: str, value: str) -> bool:
    """Whether Textual's stylesheet accepts ``value`` where variable ``key`` is used (a style or a colour)."""
    rule = "text-style" if "style" in key.split("-") else "color"
    sheet = Stylesheet(variables={"v": value})
    sheet.add_source(f"Screen {{ {rule}: $v; }}", read_from=("theme", key))
    try:
        sheet.parse()
    except (StylesheetParseError, TokenError):
        return False
    return True


def _name(path: Path, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ThemeError(f"{path.name}: field 'name' is missing or not a string")
    name = value.strip()
    if len(name) > MAX_NAME or any(unicodedata.category(c).startswith("C") for c in name):
        raise ThemeError(f"{path.name}: field 'name' must be printable text of at most {MAX_NAME} characters")
    return name


def _variable(path: Path, key: str, value: object) -> str:
    field = f"variables.{key}"
    if key not in theme_variables():
        raise ThemeError(f"{path.name}: field '{visible(field)[:80]}' is not a theme variable")
    if not isinstance(value, str):
        raise ThemeError(f"{path.name}: field '{field}' must be a string")
    if key in NR_VARIABLES or key in DERIVED:
        return _colour(path, field, value)
    if len(value) > MAX_VALUE or not _css_value_ok(key, value):
        raise ThemeError(f"{path.name}: field '{field}' is not a value Textual accepts: {visible(value)[:80]!r}")
    return value


def _colour(path: Path, key: str, value: object) -> str:
    if not isinstance(value, str):
        raise ThemeError(f"{path.name}: field '{key}' must be a colour string")
    try:
        if len(value) > MAX_VALUE:
            raise ColorParseError("too long")
        Color.parse(value)
    except ColorParseError:
        raise ThemeError(f"{path.name}: field '{key}' is not a colour: {visible(value)[:80]!r}") from None
    return value


def load_theme(path: Path) -> Theme:
    """Read one theme file; raises ThemeError naming the file and the field."""
    try:
        data = read_toml(path)
    except ConfigError as e:
        raise ThemeError(f"{path.name}: {e}") from None
    if data is None:
        raise ThemeError(f"{path.name}: cannot read it (it is gone)")
    name = _name(path, data.get("name"))
    if "primary" not in data:
        raise ThemeError(f"{path.name}: field 'primary' is missing")
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        raise ThemeError(f"{path.name}: field 'dark' must be true or false")
    unknown = set(data) - {"name", "dark", "variables", *_COLOURS}
    if unknown:
        raise ThemeError(f"{path.name}: unknown field '{visible(sorted(unknown)[0])[:80]}'")
    colours = {k: _colour(path, k, data[k]) for k in _COLOURS if k in data}
    variables = data.get("variables", {})
    if not isinstance(variables, dict):
        raise ThemeError(f"{path.name}: field 'variables' must be a table")
    checked = {key: _variable(path, key, value) for key, value in variables.items()}
    return Theme(name=name, dark=dark, variables={**NR_VARIABLES, **checked}, **colours)


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
