"""`?` in a comparison: what the marks and colours mean, drawn in the colours in use, then the comparison's keys."""

from __future__ import annotations

from collections.abc import Mapping

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.engine.diff.kinds import IGNORABLE
from tui.reader import bindings
from tui.render.density import BARS
from tui.render.sidebyside import MARKS, fold_text

MARK_HELP = {
    "replace": "changed: the two paragraphs differ inside (the changed characters are coloured by kind)",
    "delete": "only in A: B lacks the paragraph",
    "insert": "only in B: A lacks the paragraph",
    "move": "moved: drawn where A has it and where B has it; the other side notes the row of the other half",
}
KIND_HELP = {
    "content": "the words themselves (always shown)",
    "width": "full-width against half-width forms: ，/,  。/.  １/1",
    "punct": "any other punctuation",
    "space": "spaces and line breaks (also where a column split a paragraph)",
    "markup": "Markdown marks: # and **",
    "script": "traditional against simplified Chinese",
    "case": "capitals against lower case (Latin print)",
    "ortho": "orthographic forms: the long s ſ/s, ligatures ﬁ/fi, æ/ae",
    "ocr": "what OCR engines read for one another: rn/m, li/h, tbe/the",
}
WHOLE_HELP = (("delete", "only in A"), ("insert", "only in B"), ("move", "moved"))
STRIP_HELP = (
    ("content", "content changes"),
    ("delete", "paragraphs only in A"),
    ("insert", "paragraphs only in B"),
    ("move", "moved paragraphs"),
    ("width", "other kinds only"),
)


class LegendScreen(ModalScreen):
    """The legend of a comparison, then its keys as remapped."""

    DEFAULT_CSS = """
    LegendScreen { align: center middle; }
    LegendScreen > VerticalScroll { width: 90%; max-width: 110; height: 90%; border: round $primary; background: $surface; padding: 0 1; }
    LegendScreen .title { margin-top: 1; }
    """
    BINDINGS = bindings.LEGEND

    def __init__(self, styles: Mapping[str, Style], strip: Mapping[str, Style], keymap: Mapping[str, str]) -> None:
        super().__init__()
        self.looks = styles  # the diff's style of each tag (kinds, whole rows, notes, folds)
        self.strip = strip  # the density strip's style of each tag
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        with VerticalScroll() as box:
            box.border_title = "legend"
            for title, rows in self._sections():
                yield Static(Text(title, style="bold underline"), classes="title")
                table = Table(box=None, expand=True, show_header=False, padding=(0, 1))
                table.add_column("mark", no_wrap=True)
                table.add_column("what", ratio=1)
                for mark, words in rows:
                    table.add_row(mark, Text(words))
                yield Static(table)

    def _sample(self, text: str, style) -> Text:
        """``text`` in ``style``, the style on the text only (not on the rest of its cell)."""
        return Text().append(text, style=style)

    def _sections(self) -> list[tuple[str, list[tuple[Text, str]]]]:
        looks, strip = self.looks, self.strip
        marks = [(self._sample(MARKS[op], "bold"), words) for op, words in MARK_HELP.items()]
        marks += [
            (self._sample("↳ moved to row N", looks["note"]), "B's side where A has a moved paragraph"),
            (self._sample("↰ moved from row N", looks["note"]), "A's side where B has it"),
            (self._sample(fold_text(12), looks["fold"]), "equal paragraphs folded (z)"),
        ]
        whole = [(self._sample(f" {op} ", looks[op]), words) for op, words in WHOLE_HELP]
        kinds = [(self._sample(f" {k} ", looks[k]), KIND_HELP.get(k, k)) for k in ("content", *IGNORABLE)]
        bars = [(self._sample(BARS[8] + BARS[4] + BARS[1], strip[tag]), words) for tag, words in STRIP_HELP]
        bars.append((Text(""), "a bar is as long as the share of changed lines in its part of the text"))
        collation = [
            (self._sample("[base]", "bold reverse"), "the base witness's reading, in 8 characters of context"),
            (self._sample("(lone)", strip["lone"]), "the one witness standing against all the others"),
            (self._sample("(consensus)", "dim"), "the reading most witnesses carry"),
        ]
        keys = [
            (Text(bindings.key_label(self.app, self.keymap, b)), b.tooltip)
            for b in (*bindings.COMPARE, *bindings.KIND_BAR)
        ]
        return [
            ("Marks between the columns", marks),
            ("Whole paragraphs (shaded)", whole),
            ("Changes by kind (i: show ✓ or hide ✗ each)", kinds),
            ("Density strip, right of the text (a click goes there)", bars),
            ("Collation", collation),
            ("Keys", keys),
        ]
