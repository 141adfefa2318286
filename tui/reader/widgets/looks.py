"""The look of every tag of a comparison, made from the theme in use: one table for the diff, the kind bar,
the density strip and the legend.

A tag is a change's kind (``content``, ``width`` …), a row's operation
(``insert``, ``delete``, ``move``), a line a view adds (``note``, ``fold``)
or, in the density strip, what a slice holds (``lone``, ``point`` …).  Each
is drawn from the theme's variables (``nr-*`` and the base colours), so a
theme file recolours them all.  The styles are built in Python, once per
theme, rather than declared as a component class per tag on every widget:
those rules cost opening a diff about a third more in stylesheet work.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.style import Style
from textual.color import Color

from tui.engine.diff.kinds import IGNORABLE

# tag -> (background variable, foreground variable, text style); None: the widget's own.
TAGS: dict[str, tuple[str | None, str | None, str]] = {
    "insert": ("nr-insert", None, ""),
    "delete": ("nr-delete", None, ""),
    "move": ("nr-move", None, ""),
    "content": ("nr-replace", None, "bold"),
    **{kind: ("nr-minor", None, "") for kind in IGNORABLE},
    "markup": (None, "secondary", "underline"),
    "script": ("nr-minor", None, "italic"),
    "ortho": ("nr-minor", None, "italic"),
    "ocr": ("nr-minor", None, "underline"),
    "note": (None, "text-muted", "italic"),
    "fold": ("panel", "text-muted", ""),
}
# The density strip's tags, strongest first (what a slice shows when it holds several), and their colours.
STRONGEST = ("content", "delete", "insert", "lone", "point", "move", *IGNORABLE)
STRIP = {
    "content": "warning",
    "point": "warning",
    "lone": "nr-lone",
    "delete": "error",
    "insert": "success",
    "move": "primary",
}  # the other kinds: text-muted

_cache: dict[str, tuple[dict[str, Style], dict[str, Style]]] = {}


def _colour(variables: Mapping[str, str], name: str, under: Color) -> Color:
    """Variable ``name`` as a solid colour over ``under`` (``auto 60%``: the contrasting text, 60% strong)."""
    value = variables.get(name, "")
    if value.startswith("auto"):
        strength = float(value.split()[1].rstrip("%")) / 100 if len(value.split()) > 1 else 0.95
        return under + under.get_contrast_text(strength)
    colour = Color.parse(value) if value else under
    return under + colour if colour.a < 1 else colour


def looks(app) -> tuple[dict[str, Style], dict[str, Style]]:
    """(the style of each tag in the text, the colour of each tag in the density strip) in ``app``'s theme."""
    if app.theme not in _cache:
        variables = app.get_css_variables()
        under = Color.parse(variables.get("surface", "#000000"))
        text = {}
        for tag, (bg, fg, attrs) in TAGS.items():
            style = Style.parse(attrs) if attrs else Style()
            text[tag] = style + Style(
                bgcolor=_colour(variables, bg, under).rich_color if bg else None,
                color=_colour(variables, fg, under).rich_color if fg else None,
            )
        strip = {
            tag: Style(color=_colour(variables, STRIP.get(tag, "text-muted"), under).rich_color) for tag in STRONGEST
        }
        _cache[app.theme] = text, strip
    return _cache[app.theme]
