"""Comparing the witnesses of a story: the side-by-side diff (`d`) and the collation (`c`).

Both compute off the UI thread (the engine aligns paragraphs first, so the
work is bounded) and show a summary line, the kind bar (`i`: which kinds of
difference are shown; remembered), a density strip beside the scrollbar and
a line about where the cursor is; `?` is their legend, `e` exports them and
`escape` goes back to reading.  The diff keeps the comparison made with
nothing hidden and hides kinds from it as they are toggled, so a toggle
costs no new comparison.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tui import __version__
from tui.engine.diff.compare import hide
from tui.engine.diff.kinds import IGNORABLE
from tui.engine.export.files import ExportError
from tui.reader import bindings, exports
from tui.reader.screens.compare_commands import CompareCommands
from tui.reader.widgets.article_view import SHOWN_MAX
from tui.reader.widgets.diff_view import DiffView
from tui.reader.widgets.footer import KeyFooter
from tui.reader.widgets.kind_bar import KindBar
from tui.reader.widgets.looks import looks
from tui.reader.widgets.text_view import TextView
from tui.render.collation import point_lines
from tui.render.safe import visible
from tui.render.summary import kinds_of, summary

DIFF_KEYS = (
    ("compare.next-change", "next change"),
    ("compare.next-witness", "other witness"),
    ("compare.kinds", "kinds"),
    ("compare.fold", "fold"),
    ("compare.legend", "legend"),
    ("compare.export", "export"),
)  # the diff's key hint: (binding id, what it does)
COLLATION_KEYS = (
    ("compare.next-change", "next point"),
    ("compare.kinds", "kinds"),
    ("compare.legend", "legend"),
    ("compare.export", "export"),
)


def article_numbers(witness) -> str:
    """``#1-2`` (or ``#1, #3``): the witness's articles in its file."""
    numbers = [a.index for a in witness.articles]
    if len(numbers) > 1 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"#{numbers[0]}-{numbers[-1]}"
    return ", ".join(f"#{n}" for n in numbers)


def witness_label(witness) -> str:
    return visible(f"{witness.siglum}: {witness.file} {article_numbers(witness)}")


def head_label(witness, width: int) -> str:
    """``000 #1-2 · 000_0ea7….txt``: siglum and articles first, the file name only where it fits in ``width``."""
    short = visible(f"{witness.siglum} {article_numbers(witness)}")
    full = f"{short} · {visible(witness.file)}"
    return full if cell_len(full) <= width else short


def witness_ref(witness) -> str:
    """The witness as a REF of the command line (``FILE#N-M``), as exports name it."""
    first, last = witness.articles[0].index, witness.articles[-1].index
    return f"{witness.file}#{first}" + (f"-{last}" if last != first else "")


class BasePicker(ModalScreen[str | None]):
    """Choose one witness by its siglum."""

    DEFAULT_CSS = """
    BasePicker { align: center middle; }
    BasePicker > OptionList { width: 70%; max-height: 60%; border: round $primary; }
    """
    BINDINGS = bindings.PICKER

    def __init__(self, witnesses, current: str) -> None:
        super().__init__()
        self.witnesses = witnesses
        self.current = current

    def compose(self) -> ComposeResult:
        options = [Option(Text(witness_label(w)), id=w.siglum) for w in self.witnesses]
        picker = OptionList(*options)
        picker.border_title = "base witness"
        yield picker

    def on_mount(self) -> None:
        picker = self.query_one(OptionList)
        picker.highlighted = next((n for n, w in enumerate(self.witnesses) if w.siglum == self.current), 0)
        picker.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class CompareScreen(Screen):
    """What the diff and collation screens share: the group, the base, the kinds shown, the keys."""

    DEFAULT_CSS = """
    CompareScreen #summary { height: auto; max-height: 3; background: $panel; padding: 0 1; }
    CompareScreen #heads { height: 1; background: $boost; text-style: bold; }
    CompareScreen #info { height: 1; background: $panel; color: $text-muted; padding: 0 1; }
    """
    BINDINGS = bindings.COMPARE
    COMMANDS = {CompareCommands}
    KEYS: tuple[tuple[str, str], ...] = ()  # the key hint of the info line
    noun = "comparison"  # what the export and palette call it

    class KindsChanged(Message):
        """The kind bar changed: ``hidden`` are the kinds left out now (to remember)."""

        def __init__(self, hidden: frozenset[str]) -> None:
            super().__init__()
            self.hidden = hidden

    def __init__(
        self,
        group,
        a: str,
        b: str | None = None,
        *,
        hide: frozenset[str] = frozenset(),
        keymap: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.group = group
        self.a = a
        self.b = b if b is not None else self.others()[0]
        self.base_chosen = False  # the user picked ``a`` with B: a collation keeps it
        self.hide = frozenset(hide)  # the change kinds left out
        self.keymap = keymap or {}  # keymap.toml, for the key hints

    def witness(self, siglum: str):
        return next(w for w in self.group.witnesses if w.siglum == siglum)

    def others(self) -> list[str]:
        return [w.siglum for w in self.group.witnesses if w.siglum != self.a]

    def set_summary(self, text: str) -> None:
        self.query_one("#summary", Static).update(Text(text))

    def set_info(self, text: str = "") -> None:
        """The line under the view: ``text`` (where the cursor is), else the key hint."""
        hint = text or bindings.hint(self.app, self.keymap, *self.KEYS)
        self.query_one("#info", Static).update(Text(hint), layout=False)  # one line, always: no reflow

    def too_long(self, *sigla: str) -> bool:
        """Witnesses too long to lay out here get a one-line pointer to the command line instead."""
        longest = max(sum(len(a.text) for a in self.witness(s).articles) for s in sigla)
        if longest <= SHOWN_MAX:
            return False
        command = "diff" if len(sigla) == 2 else "collate"
        self.workers.cancel_node(self)  # a comparison of the previous pair must not land now
        self.view.show([])  # nor its rows stay under the new heads
        self.set_summary(
            f"too long to compare here ({longest:,} characters); `newsread {command}` compares them on the command line"
        )
        return True

    def commands(self) -> list[tuple[str, object, str]]:
        """(name, callback, help) of each kind's toggle for the palette (the keys' actions it has from the table)."""
        out = []
        for kind in IGNORABLE:
            shown = kind not in self.hide
            out.append(
                (
                    f"{'Hide' if shown else 'Show'} {kind} differences",
                    lambda kind=kind, shown=shown: self.set_kind(kind, not shown),
                    "the kind bar (i)",
                )
            )
        return out

    # -- keys -----------------------------------------------------------------
    def action_back(self) -> None:
        self.app.pop_screen()

    def action_diff(self) -> None:
        self.app.switch_screen(DiffScreen(self.group, self.a, self.b, hide=self.hide, keymap=self.keymap))

    def action_collate(self) -> None:
        if len(self.group.witnesses) < 3:
            self.notify("collation needs three or more witnesses", timeout=3)
            return
        base = self.a if self.base_chosen else self.group.base
        self.app.switch_screen(CollationScreen(self.group, base, hide=self.hide, keymap=self.keymap))

    def action_choose_base(self) -> None:
        self.app.push_screen(BasePicker(self.group.witnesses, self.a), self._base_chosen)

    def _base_chosen(self, siglum: str | None) -> None:
        if siglum and siglum != self.a:
            self.a, self.base_chosen = siglum, True
            if self.b == siglum:
                self.b = self.others()[0]
            self.recompute()

    def action_kinds(self) -> None:
        self.query_one(KindBar).focus()

    def set_kind(self, kind: str, shown: bool) -> None:
        """Show (hide) the differences of ``kind`` (the palette's way to the kind bar)."""
        self.query_one(KindBar).set_hidden(self.hide - {kind} if shown else self.hide | {kind})

    def on_kind_bar_changed(self, event: KindBar.Changed) -> None:
        self.hide = event.hidden
        self.post_message(self.KindsChanged(self.hide))
        self.kinds_changed()

    def on_kind_bar_done(self) -> None:
        self.view.focus()

    def action_legend(self) -> None:
        from tui.reader.screens.legend import LegendScreen

        self.app.push_screen(LegendScreen(*looks(self.app), self.keymap))

    def action_fold(self) -> None:
        self.notify("z folds equal paragraphs in the diff (d)", timeout=2)

    def action_export(self) -> None:
        from tui.reader.screens.export import ExportScreen

        choices = self.export_formats()
        if not choices:
            self.notify(f"nothing to export yet: the {self.noun} is not ready", timeout=3)
            return
        stem = self.export_stem()
        defaults = {fmt: exports.default_path(stem, fmt) for fmt in choices}
        self.app.push_screen(ExportScreen(f"the {self.noun} of {self.export_what()}", defaults), self._export_to)

    def _export_to(self, choice: tuple[str, str] | None) -> None:
        if choice is not None:
            fmt, typed = choice
            self.run_export(fmt, exports.target(typed, exports.default_path(self.export_stem(), fmt)))

    @work(thread=True, group="export")
    def run_export(self, fmt: str, path) -> None:
        """Build the export and write it off the UI thread; say where it went (or why not)."""
        try:
            where = exports.write(path, self.export_text(fmt))
        except ExportError as e:
            self.app.call_from_thread(self.notify, visible(str(e)), severity="error", timeout=8, markup=False)
            return
        self.app.call_from_thread(self._exported, fmt, where)

    def _exported(self, fmt: str, where) -> None:
        self.notify(f"wrote {fmt.upper()} to {visible(str(where))}", timeout=8, markup=False)
        self.set_info(f"exported: {visible(str(where))}")

    def action_scroll(self, lines: int) -> None:
        view = self.view
        view.scroll_to(y=view.scroll_y + lines, animate=False, immediate=True)

    def action_page(self, direction: int) -> None:
        view = self.view
        view.scroll_to(y=view.scroll_y + direction * max(1, view.size.height - 1), animate=False, immediate=True)


class DiffScreen(CompareScreen):
    """Witness A on the left, B on the right, rows aligned."""

    KEYS = DIFF_KEYS
    noun = "diff"
    AUTO_FOCUS = "DiffView"  # not the kind bar: the Footer composes once, for the view's keys

    def compose(self) -> ComposeResult:
        yield Static(Text("comparing…"), id="summary")
        yield KindBar(self.hide)
        yield Static(id="heads")
        yield DiffView(id="diff")
        yield Static(id="info")
        yield KeyFooter()

    @property
    def view(self) -> DiffView:
        return self.query_one(DiffView)

    def on_mount(self) -> None:
        self.full = None  # the comparison with nothing hidden
        self.comparison = None  # what is shown: ``full`` less the kinds hidden
        self.recompute()

    def on_resize(self) -> None:
        self._heads()

    def _heads(self) -> None:
        width = self.view.column_width() - 2
        heads = Text(" A ")
        heads.append(set_cell_size(head_label(self.witness(self.a), width), width))
        heads.append(" │ B ")
        heads.append(set_cell_size(head_label(self.witness(self.b), width), width).rstrip())
        self.query_one("#heads", Static).update(heads, layout=False)

    def recompute(self) -> None:
        """Compare A with B again: nothing of the previous pair stays on screen meanwhile."""
        self.full = self.comparison = None
        self._heads()
        self.set_info()
        if self.too_long(self.a, self.b):
            return
        if self.view.rows:
            self.view.show([])
        self.set_summary(f"comparing {visible(self.a)} with {visible(self.b)}…")
        self.run_compare(self.a, self.b)

    @work(thread=True, exclusive=True)
    def run_compare(self, a: str, b: str) -> None:
        from tui.engine.diff.compare import compare_articles

        result = compare_articles(self.witness(a).articles, self.witness(b).articles)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, result)

    def _show(self, full) -> None:
        self.full = full
        self.comparison = hide(full, self.hide)
        self.view.show(self.comparison.rows)
        self.set_summary(summary(self.comparison))
        self.view.focus()

    def kinds_changed(self) -> None:
        if self.full is None:
            return
        self.comparison = hide(self.full, self.hide)
        self.view.show(self.comparison.rows, keep_place=True)
        self.set_summary(summary(self.comparison))
        self._info()

    def action_change(self, direction: int) -> None:
        if self.view.step_change(forward=direction > 0) < 0:
            self.notify("no changes", timeout=2)
        self._info()

    def action_jump(self) -> None:
        if self.view.jump_move() < 0:
            self.notify("not on a moved paragraph", timeout=2)
        self._info()

    def action_fold(self) -> None:
        folded = self.view.toggle_fold()
        self.notify("equal paragraphs folded" if folded else "unfolded", timeout=2)

    def _info(self) -> None:
        """Describe the entry under the cursor."""
        view = self.view
        if not 0 <= view.current < len(view.all):
            self.set_info()
            return
        entry = view.all[view.current]
        row = view.rows[entry.row]
        changed = view.changed()
        where = f"row {entry.at + 1} of {len(view.all)}"
        if entry.at in changed:
            where += f" · change {changed.index(entry.at) + 1} of {len(changed)}"
        detail = kinds_of([row])
        text = f"{where} · {row.op}" + (f" · {detail}" if detail else "")
        if entry.part in ("from", "to"):
            side = "B" if entry.part == "from" else "A"
            text += f" · {side} has it at row {entry.other + 1} (enter)"
        self.set_info(text)

    def action_witness(self, direction: int) -> None:
        others = self.others()
        if len(others) < 2:
            self.notify("no other witness", timeout=2)
            return
        self.b = others[(others.index(self.b) + direction) % len(others)] if self.b in others else others[0]
        self.recompute()

    def action_swap(self) -> None:
        self.a, self.b = self.b, self.a
        self.recompute()

    # -- export -----------------------------------------------------------------
    def export_formats(self) -> tuple[str, ...]:
        return ("html",) if self.comparison is not None else ()

    def export_stem(self) -> str:
        return f"diff-{self.a}-{self.b}"

    def export_what(self) -> str:
        return f"{visible(self.a)} and {visible(self.b)}"

    def export_text(self, fmt: str) -> str:
        from tui.render.html import diff_html

        refs = (witness_ref(self.witness(self.a)), witness_ref(self.witness(self.b)))
        return diff_html(self.comparison, refs, sigla=(self.a, self.b), version=__version__)


class CollationScreen(CompareScreen):
    """Every variation point with each witness's reading, lone readings flagged, and the consensus."""

    KEYS = COLLATION_KEYS
    noun = "collation"
    AUTO_FOCUS = "TextView"

    def compose(self) -> ComposeResult:
        yield Static(Text("collating…"), id="summary")
        yield KindBar(self.hide)
        yield TextView(id="collation")
        yield Static(id="info")
        yield KeyFooter()

    @property
    def view(self) -> TextView:
        return self.query_one(TextView)

    def on_mount(self) -> None:
        self.point = -1
        self.collation = None
        self.recompute()

    def recompute(self) -> None:
        self.point_blocks: list[int] = []
        self.collation = None
        self.set_info()
        if self.too_long(*(w.siglum for w in self.group.witnesses)):
            return
        self.set_summary("collating…")
        self.run_collate(self.a, self.hide)

    def kinds_changed(self) -> None:
        self.recompute()

    @work(thread=True, exclusive=True)
    def run_collate(self, base: str, hidden: frozenset[str]) -> None:
        from tui.engine.diff.collate import collate

        witnesses = [(w.siglum, [p.text for a in w.articles for p in a.paragraphs]) for w in self.group.witnesses]
        result = collate(witnesses, base=base, ignore=hidden)
        everything = len(collate(witnesses, base=base).points) if hidden else len(result.points)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, result, everything)

    def _show(self, collation, everything: int) -> None:
        self.collation = collation
        blocks, indents, self.point_blocks = collation_blocks(
            collation, self.group, self.app.get_css_variables().get("nr-lone", "red")
        )
        self.view.show(blocks, indents, *story_strip(collation, self.point_blocks))
        points = f"{len(collation.points)} variation points"
        if self.hide:
            points += f" ({everything} with {', '.join(sorted(self.hide))} shown)"
        self.set_summary(f"{len(self.group.witnesses)} witnesses · base {visible(collation.base)} · {points}")
        self.point = -1
        self.view.focus()

    def action_change(self, direction: int) -> None:
        if not self.point_blocks:
            self.notify("no variation points", timeout=2)
            return
        self.point = (self.point + direction) % len(self.point_blocks)
        y = self.view.block_start[self.point_blocks[self.point]]
        self.view.scroll_to(0, y, animate=False, immediate=True)
        point = self.collation.points[self.point]
        lone = f" · lone {visible(point.lone)}" if point.lone else ""
        self.set_info(f"point {self.point + 1} of {len(self.point_blocks)} · {len(point.readings)} readings{lone}")

    def action_witness(self, direction: int) -> None:
        self.notify("w/W pick the other side of a diff (d)", timeout=2)

    def action_swap(self) -> None:
        self.notify("s swaps the sides of a diff (d)", timeout=2)

    def action_jump(self) -> None:
        self.action_change(1)

    # -- export -----------------------------------------------------------------
    def export_formats(self) -> tuple[str, ...]:
        return ("html", "tei", "csv", "tsv") if self.collation is not None else ()

    def export_stem(self) -> str:
        return "collation-" + "-".join(w.siglum for w in self.group.witnesses)

    def export_what(self) -> str:
        return f"{len(self.group.witnesses)} witnesses (base {visible(self.a)})"

    def export_text(self, fmt: str) -> str:
        from tui.engine.export.table import to_csv
        from tui.engine.export.tei import to_tei
        from tui.render.html import collation_html

        refs = [witness_ref(w) for w in self.group.witnesses]
        if fmt == "tei":
            return to_tei(self.collation, refs, version=__version__)
        if fmt == "html":
            return collation_html(self.collation, refs, version=__version__)
        return to_csv(self.collation, delimiter="\t" if fmt == "tsv" else ",")


POINT_STYLES = {
    "number": "bold",
    "context": "dim",
    "base": "bold reverse",
    "sigla": "bold",
    "flags": "dim",
    "absent": "dim",
}


def styled(line, styles: dict[str, str]) -> Text:
    """A line of tagged pieces with each tag's style."""
    return Text.assemble(*((text, styles.get(tag, "")) for text, tag in line))


def collation_blocks(collation, group, lone_colour: str) -> tuple[list[Text], list[int], list[int]]:
    """The collation as paragraphs of styled text, each one's hanging indent, and each point's block.

    A reading wraps under its own start, clear of the sigla before it.
    """
    blocks = [Text("Witnesses", style="bold underline")]
    indents = [0]
    for w in group.witnesses:
        mark = "  (base)" if w.siglum == collation.base else ""
        blocks.append(Text("· " + witness_label(w) + mark))
        indents.append(2)
    blocks.append(Text(f"Variation points ({len(collation.points)})", style="bold underline"))
    indents.append(0)
    styles = {**POINT_STYLES, "lone": f"bold {lone_colour}"}
    starts = []
    for k in range(len(collation.points)):
        starts.append(len(blocks))
        head, under = point_lines(collation, k)
        blocks.append(styled(head, styles))
        indents.append(cell_len(head[0][0]))
        for line in under:
            blocks.append(Text("└ ", style="dim") + styled(line, styles))
            indents.append(2 + cell_len(line[0][0]))
    blocks.append(Text("Consensus text", style="bold underline"))
    blocks.extend(Text(visible(p)) for p in collation.consensus.split("\n") if p.strip())
    indents += [0] * (len(blocks) - len(indents))
    return blocks, indents, starts


def story_strip(collation, point_blocks: list[int]) -> tuple[list[str | None], list[int]]:
    """The density strip of a collation: the base text, each character tagged where a point varies it.

    ``lone`` where one witness stands alone, else ``point`` (an insertion,
    varying no base character, marks the one it comes before); a click on a
    character goes to the block of the first point ending at or after it.
    """
    n = max(1, len(collation.base_text))
    tags: list[str | None] = [None] * n
    for point in collation.points:
        start = min(point.base[0], n - 1)
        end = max(point.base[1], start + 1)
        tags[start:end] = ["lone" if point.lone else "point"] * (end - start)
    if not point_blocks:
        return tags, []
    ends = [point.base[1] for point in collation.points]
    return tags, [point_blocks[min(bisect_left(ends, c), len(ends) - 1)] for c in range(n)]
