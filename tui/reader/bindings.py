"""Every key binding of the reader in one table: its id, default keys, Footer label and help text.

Screens and widgets take their ``BINDINGS`` from here, ``keymap.toml``
remaps any id in it, and `?` lists it section by section with the keys as
remapped.  A binding that is not in this table cannot be remapped nor found
in the help, so every screen's keys live here.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.binding import Binding


def bind(
    binding_id: str, keys: str, action: str, label: str, help: str = "", *, show: bool = True, reading: bool = False
) -> Binding:
    """One row of the table; ``help`` (default: the label) is what `?` and the Footer's tooltip say.

    A ``reading`` key acts on the article whatever has focus (a priority
    binding: the file list never sees it), unless the user is typing in an input.
    """
    return Binding(keys, action, label, show=show, tooltip=help or label, id=binding_id, priority=reading)


APP = [
    bind("app.quit", "q,ctrl+q", "quit", "Quit", "Quit (the article and the place in it are reopened next time)"),
    bind("app.help", "question_mark", "help", "Help", "Every key with its binding id"),
    bind("app.theme", "t", "pick_theme", "Theme", "Theme picker (the choice is remembered)"),
    bind("app.palette", "ctrl+p", "command_palette", "Go to", "Every action, and any article by its title", show=False),
]

READER = [
    # While a passage is selected (v, or a mouse drag), j k w b extend it instead: these come first.
    bind(
        "reader.select-down",
        "j",
        "extend_line(1)",
        "Line",
        "With a selection: extend it a line",
        show=False,
        reading=True,
    ),
    bind(
        "reader.select-up",
        "k",
        "extend_line(-1)",
        "Line back",
        "With a selection: take a line back",
        show=False,
        reading=True,
    ),
    bind(
        "reader.select-word",
        "w",
        "extend_word(1)",
        "Word",
        "With a selection: extend it a word",
        show=False,
        reading=True,
    ),
    bind(
        "reader.select-word-back",
        "b",
        "extend_word(-1)",
        "Word back",
        "With a selection: take a word back",
        show=False,
        reading=True,
    ),
    bind("reader.down", "j", "scroll(1)", "Down", "Scroll down", show=False, reading=True),
    bind("reader.up", "k", "scroll(-1)", "Up", "Scroll up", show=False, reading=True),
    bind("reader.page-down", "space", "page(1)", "Page", "Page down", show=False, reading=True),
    bind("reader.page-up", "b", "page(-1)", "Page up", show=False, reading=True),
    bind("reader.top", "g", "edge(0)", "Top", "Top of article", show=False, reading=True),
    bind("reader.bottom", "G", "edge(1)", "Bottom", "Bottom of article", show=False, reading=True),
    bind("reader.next-article", "J", "step(1)", "Next", "Next article"),
    bind("reader.previous-article", "K", "step(-1)", "Prev", "Prev article"),
    bind("reader.next-unread", "u", "next_unread", "Unread", "Next unread"),
    bind(
        "reader.focus", "tab", "app.focus_next", "Focus", "Move focus between the file list and the article", show=False
    ),
    bind("reader.raw", "r", "toggle_raw", "Raw", "Raw/repaired"),
    bind("reader.select", "v", "select", "Select", "Select a passage from the top of the view (then j k w b, m, y)"),
    bind("reader.sidebar", "backslash", "toggle_sidebar", "List", "Hide or show the file list"),
    bind(
        "reader.copy",
        "y",
        "copy",
        "Copy",
        "Copy the selection, else the paragraph at the top, with its citation",
        show=False,
    ),
    bind("reader.search", "slash", "search", "Search", "Search article", reading=True),
    bind("reader.next-hit", "n", "hit(1)", "Next hit", "Next search hit", show=False, reading=True),
    bind("reader.previous-hit", "N", "hit(-1)", "Prev hit", "Previous search hit", show=False, reading=True),
    bind(
        "reader.clear-search",
        "escape",
        "clear_search",
        "Clear",
        "Drop the selection, else close the search bar, else clear the hits",
        show=False,
    ),
    bind("reader.find-all", "F", "corpus_search", "Find all", "Search all articles"),
    bind("reader.diff", "d", "diff", "Diff", "Diff variants"),
    bind("reader.collate", "c", "collate", "Collate", "Collation"),
    bind("reader.bookmark", "m", "bookmark", "Mark", "Bookmark the selection, else the first paragraph in view"),
    bind("reader.bookmarks", "M", "bookmarks", "Marks", "Bookmarks panel"),
]

FILES = [
    bind("files.open", "enter", "select_cursor", "Open", "Open the article (on a file: fold or unfold it)", show=False),
    bind("files.fold", "o", "toggle_node", "Fold", "Fold or unfold the file under the cursor", show=False),
]

COMPARE = [
    bind("compare.back", "escape,q", "back", "Back", "Back to reading"),
    bind(
        "compare.next-change",
        "right_square_bracket",
        "change(1)",
        "Change",
        "Next change (or variation point)",
    ),
    bind("compare.previous-change", "left_square_bracket", "change(-1)", "Prev change", show=False),
    bind("compare.next-witness", "w", "witness(1)", "Witness", "Next other witness"),
    bind("compare.previous-witness", "W", "witness(-1)", "Prev witness", show=False),
    bind("compare.swap", "s", "swap", "Swap", show=False),
    bind("compare.base", "B", "choose_base", "Base", "Choose the base witness"),
    bind(
        "compare.kinds",
        "i",
        "kinds",
        "Kinds",
        "Show or hide differences by kind: the kind bar (width, punct, space, markup, script…; remembered)",
    ),
    bind("compare.fold", "z", "fold", "Fold", "Fold runs of equal paragraphs to one line; again: unfold", show=False),
    bind("compare.legend", "question_mark", "legend", "Legend", "What the marks and colours mean, and these keys"),
    bind(
        "compare.export",
        "e",
        "export",
        "Export",
        "Write this comparison to a file: HTML (the collation also TEI, CSV, TSV)",
    ),
    bind(
        "compare.jump-move",
        "enter",
        "jump",
        "Jump move",
        "On either half of a moved paragraph: jump to the other half",
        show=False,
    ),
    bind("compare.down", "j", "scroll(1)", "Down", show=False),
    bind("compare.up", "k", "scroll(-1)", "Up", show=False),
    bind("compare.page-down", "space", "page(1)", "Page", show=False),
    bind("compare.page-up", "b", "page(-1)", "Page up", show=False),
    bind("compare.diff", "d", "diff", "Diff", "Side-by-side diff of these witnesses", show=False),
    bind("compare.collate", "c", "collate", "Collate", "Collation of all witnesses", show=False),
]

KIND_BAR = [
    bind("kinds.toggle", "space,enter", "toggle", "Show/hide", "Show or hide the kind under the cursor"),
    bind("kinds.right", "right,l", "move(1)", "Next kind", show=False),
    bind("kinds.left", "left,h", "move(-1)", "Prev kind", show=False),
    bind("kinds.done", "escape,i", "done", "Done", "Back to the comparison"),
]

EXPORT = [bind("export.cancel", "escape", "dismiss(None)", "Cancel", "Close without writing (enter writes)")]

LEGEND = [bind("legend.close", "escape,q,question_mark", "dismiss", "Close", "Close the legend")]

PICKER = [bind("picker.close", "escape", "dismiss(None)", "Close", "Close without choosing")]

BOOKMARKS = [
    bind("bookmarks.close", "escape", "close", "Close", "Close the panel"),
    bind("bookmarks.down", "down", "move(1)", "Down", "Next bookmark (also from the filter)", show=False),
    bind("bookmarks.up", "up", "move(-1)", "Up", "Previous bookmark", show=False),
    bind("bookmarks.note", "n", "note", "Edit note", "Edit the bookmark's note"),
    bind("bookmarks.delete", "d,delete", "delete", "Delete", "Delete the bookmark"),
    bind(
        "bookmarks.filter",
        "slash",
        "filter",
        "Filter",
        "Filter the bookmarks (words in the title, quote, note or place)",
    ),
]

MARK_LIST = [  # the panel's list itself (up and down are the panel's, so they work from the filter too)
    bind("bookmarks.page-down", "pagedown", "page(1)", "Page", "A page of bookmarks down", show=False),
    bind("bookmarks.page-up", "pageup", "page(-1)", "Page up", "A page of bookmarks up", show=False),
    bind("bookmarks.first", "home", "move_to(0)", "First", "The first bookmark", show=False),
    bind("bookmarks.last", "end", "move_to(-1)", "Last", "The last bookmark", show=False),
    bind("bookmarks.jump", "enter", "choose", "Jump", "Open the bookmark's passage", show=False),
]

NOTE = [bind("note.cancel", "escape", "cancel", "Cancel", "Cancel (enter saves the note)")]

FIND = [bind("find.close", "escape", "dismiss(None)", "Close", "Close without opening a hit")]

HELP = [bind("help.close", "escape,q,question_mark", "dismiss", "Close", "Close this help")]

SECTIONS: tuple[tuple[str, list[Binding]], ...] = (
    ("Reading", READER),
    ("File list", FILES),
    ("Comparing (d, c)", COMPARE),
    ("Kind bar (i)", KIND_BAR),
    ("Export (e)", EXPORT),
    ("Legend (? in a comparison)", LEGEND),
    ("Base witness (B)", PICKER),
    ("Search all articles (F)", FIND),
    ("Bookmark note (m)", NOTE),
    ("Bookmarks panel (M)", BOOKMARKS + MARK_LIST),
    ("Help (?)", HELP),
    ("Everywhere", APP),
)

# The Footer's keys kept longest when it is narrow, most needed first (tui/reader/widgets/footer.py).
FOOTER_FIRST = (
    "app.help",
    "compare.legend",  # `?` in a comparison: the legend, then the keys
    "app.quit",
    "compare.back",
    "reader.next-article",
    "reader.previous-article",
    "reader.search",
    "reader.diff",
    "reader.collate",
    "compare.next-change",
    "compare.next-witness",
    "compare.kinds",
    "compare.export",
    "reader.next-unread",
    "reader.bookmark",
    "reader.sidebar",
)


def footer_rank(binding_id: str | None) -> int:
    """Where a key stands in FOOTER_FIRST (keys not there come after all that are)."""
    return FOOTER_FIRST.index(binding_id) if binding_id in FOOTER_FIRST else len(FOOTER_FIRST)


BINDING_IDS = frozenset(b.id for _, table in SECTIONS for b in table if b.id)


def reading_actions(table: list[Binding]) -> frozenset[str]:
    """The action names (``scroll`` of ``scroll(1)``) of the ``reading`` keys in ``table``."""
    return frozenset(b.action.split("(")[0] for b in table if b.priority)


def by_id(binding_id: str) -> Binding:
    return next(b for _, table in SECTIONS for b in table if b.id == binding_id)


SPELLED = {"enter": "enter", "escape": "escape"}  # named as on the keyboard, not ⏎ and esc


def key_label(app, keymap: Mapping[str, str], binding: Binding) -> str:
    """The key(s) ``binding`` is on with ``keymap`` applied, as the user types them (``?`` not ``question_mark``)."""
    keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
    return ", ".join(SPELLED.get(k.strip()) or app.get_key_display(Binding(k.strip(), "")) for k in keys.split(","))


def hint(app, keymap: Mapping[str, str], *entries: tuple[str, str]) -> str:
    """A one-line key hint, ``] next change · w other witness``, from (binding id, words) pairs, as remapped.

    Each binding is shown by its first key.
    """
    return " · ".join(
        f"{key_label(app, keymap, by_id(binding_id)).split(', ')[0]} {words}" for binding_id, words in entries
    )
