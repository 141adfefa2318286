"""Comparing the witnesses of a story: the side-by-side diff (`d`) and the collation (`c`).

Both compute off the UI thread (the engine aligns paragraphs first, so the
work is bounded) and show a summary line; `escape` goes back to reading.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tui.engine.diff.kinds import IGNORABLE
from tui.reader import bindings
from tui.reader.widgets.article_view import SHOWN_MAX
from tui.reader.widgets.diff_view import DiffView
from tui.reader.widgets.footer import KeyFooter
from tui.reader.widgets.text_view import TextView
from tui.render.collation import point_lines
from tui.render.safe import visible
from tui.render.summary import kinds_of, summary

DIFF_KEYS = (
    ("compare.next-change", "next change"),
    ("compare.previous-change", "previous"),
    ("compare.next-witness", "other witness"),
    ("compare.swap", "swap"),
    ("compare.ignore", "ignore minor"),
)  # the diff's key hint: (binding id, what it does)


def witness_label(witness) -> str:
    ids = ", ".join(f"#{a.index}" for a in witness.articles)
    return visible(f"{witness.siglum}: {witness.file}{ids and ' ' + ids}")


def diff_summary(comparison, ignore: frozenset[str]) -> str:
    """The line `newsread diff` ends with, and the kinds left out."""
    return summary(comparison) + ("; ignoring " + "+".join(sorted(ignore)) if ignore else "")


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
    """What the diff and collation screens share: the group, the base, the keys."""

    DEFAULT_CSS = """
    CompareScreen #summary { height: auto; max-height: 3; background: $panel; padding: 0 1; }
    CompareScreen #heads { height: 1; background: $boost; text-style: bold; }
    CompareScreen #info { height: 1; background: $panel; color: $text-muted; padding: 0 1; }
    """
    BINDINGS = bindings.COMPARE

    class IgnoreToggled(Message):
        """`i`: minor differences are ignored now (``ignore``), or no longer (empty)."""

        def __init__(self, ignore: frozenset[str]) -> None:
            super().__init__()
            self.ignore = ignore

    def __init__(
        self,
        group,
        a: str,
        b: str | None = None,
        *,
        ignore: frozenset[str] = frozenset(),
        keymap: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.group = group
        self.a = a
        self.b = b if b is not None else self.others()[0]
        self.base_chosen = False  # the user picked ``a`` with B: a collation keeps it
        self.ignore = ignore  # the change kinds left out
        self.keymap = keymap or {}  # keymap.toml, for the key hints

    def witness(self, siglum: str):
        return next(w for w in self.group.witnesses if w.siglum == siglum)

    def others(self) -> list[str]:
        return [w.siglum for w in self.group.witnesses if w.siglum != self.a]

    def set_summary(self, text: str) -> None:
        self.query_one("#summary", Static).update(Text(text))

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

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_diff(self) -> None:
        self.app.switch_screen(DiffScreen(self.group, self.a, self.b, ignore=self.ignore, keymap=self.keymap))

    def action_collate(self) -> None:
        if len(self.group.witnesses) < 3:
            self.notify("collation needs three or more witnesses", timeout=3)
            return
        base = self.a if self.base_chosen else self.group.base
        self.app.switch_screen(CollationScreen(self.group, base, ignore=self.ignore, keymap=self.keymap))

    def action_choose_base(self) -> None:
        self.app.push_screen(BasePicker(self.group.witnesses, self.a), self._base_chosen)

    def _base_chosen(self, siglum: str | None) -> None:
        if siglum and siglum != self.a:
            self.a, self.base_chosen = siglum, True
            if self.b == siglum:
                self.b = self.others()[0]
            self.recompute()

    def action_toggle_ignore(self) -> None:
        self.ignore = frozenset() if self.ignore else frozenset(IGNORABLE)
        self.post_message(self.IgnoreToggled(self.ignore))
        self.recompute()

    def action_scroll(self, lines: int) -> None:
        view = self.view
        view.scroll_to(y=view.scroll_y + lines, animate=False, immediate=True)

    def action_page(self, direction: int) -> None:
        view = self.view
        view.scroll_to(y=view.scroll_y + direction * max(1, view.size.height - 1), animate=False, immediate=True)


class DiffScreen(CompareScreen):
    """Witness A on the left, B on the right, rows aligned."""

    def compose(self) -> ComposeResult:
        yield Static(Text("comparing…"), id="summary")
        yield Static(id="heads")
        yield DiffView(id="diff")
        yield Static(Text(bindings.hint(self.app, self.keymap, *DIFF_KEYS)), id="info")
        yield KeyFooter()

    @property
    def view(self) -> DiffView:
        return self.query_one(DiffView)

    def on_mount(self) -> None:
        self.recompute()

    def on_resize(self) -> None:
        self._heads()

    def _heads(self) -> None:
        width = self.view.column_width()
        a, b = witness_label(self.witness(self.a)), witness_label(self.witness(self.b))
        heads = Text(" A ")
        heads.append(a[: width - 2].ljust(width - 2))
        heads.append(" │ B ")
        heads.append(b[: width - 2])
        self.query_one("#heads", Static).update(heads)

    def recompute(self) -> None:
        self.comparison = None
        self._heads()
        if self.too_long(self.a, self.b):
            return
        self.set_summary("comparing…")
        self.run_compare(self.a, self.b, self.ignore)

    @work(thread=True, exclusive=True)
    def run_compare(self, a: str, b: str, ignore: frozenset[str]) -> None:
        from tui.engine.diff.compare import compare_articles

        result = compare_articles(self.witness(a).articles, self.witness(b).articles, ignore=ignore)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, result, ignore)

    def _show(self, comparison, ignore: frozenset[str]) -> None:
        self.comparison = comparison
        self.view.show(comparison.rows)
        self.set_summary(diff_summary(comparison, ignore))
        self.view.focus()

    def action_change(self, direction: int) -> None:
        row = self.view.step_change(forward=direction > 0)
        if row < 0:
            self.notify("no changes", timeout=2)
        self._info()

    def action_jump(self) -> None:
        if self.view.jump_move() < 0:
            self.notify("not on a moved paragraph", timeout=2)
        self._info()

    def _info(self) -> None:
        """Describe the change under the cursor."""
        rows, n = self.view.rows, self.view.current
        if not 0 <= n < len(rows):
            return
        row = rows[n]
        changed = [k for k, r in enumerate(rows) if r.op != "equal"]
        where = f"change {changed.index(n) + 1} of {len(changed)}" if n in changed else f"row {n + 1}"
        detail = kinds_of([row])
        text = f"{where} · {row.op}" + (f" · {detail}" if detail else "")
        if row.op == "move":
            text += f" · B has it as paragraph {row.moved_to + 1}: enter jumps there"
        elif self.view.back is not None:
            text += " · enter jumps back to the move"
        self.query_one("#info", Static).update(Text(text))

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


class CollationScreen(CompareScreen):
    """Every variation point with each witness's reading, lone readings flagged, and the consensus."""

    def compose(self) -> ComposeResult:
        yield Static(Text("collating…"), id="summary")
        yield TextView(id="collation")
        yield KeyFooter()

    @property
    def view(self) -> TextView:
        return self.query_one(TextView)

    def on_mount(self) -> None:
        self.point = -1
        self.recompute()

    def recompute(self) -> None:
        self.point_blocks: list[int] = []
        if self.too_long(*(w.siglum for w in self.group.witnesses)):
            return
        self.set_summary("collating…")
        self.run_collate(self.a)

    @work(thread=True, exclusive=True)
    def run_collate(self, base: str) -> None:
        from tui.engine.diff.collate import collate

        witnesses = [(w.siglum, [p.text for a in w.articles for p in a.paragraphs]) for w in self.group.witnesses]
        result = collate(witnesses, base=base, ignore=self.ignore)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, result)

    def _show(self, collation) -> None:
        self.collation = collation
        blocks, self.point_blocks = collation_blocks(
            collation, self.group, self.app.get_css_variables().get("nr-lone", "red")
        )
        self.view.show(blocks)
        ignoring = " · ignoring " + "+".join(sorted(self.ignore)) if self.ignore else ""
        next_point = bindings.hint(self.app, self.keymap, ("compare.next-change", "next point"))
        self.set_summary(
            f"{len(self.group.witnesses)} witnesses · base {collation.base} · {len(collation.points)} variation points{ignoring} · {next_point}"
        )
        self.point = -1
        self.view.focus()

    def action_change(self, direction: int) -> None:
        if not self.point_blocks:
            self.notify("no variation points", timeout=2)
            return
        self.point = (self.point + direction) % len(self.point_blocks)
        y = self.view.block_start[self.point_blocks[self.point]]
        self.view.scroll_to(0, y, animate=False, immediate=True)

    def action_witness(self, direction: int) -> None:
        self.notify("w/W pick the other side of a diff (d)", timeout=2)

    def action_swap(self) -> None:
        self.notify("s swaps the sides of a diff (d)", timeout=2)

    def action_jump(self) -> None:
        self.action_change(1)


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


def collation_blocks(collation, group, lone_colour: str) -> tuple[list[Text], list[int]]:
    """The collation as paragraphs of styled text, and the block index of every point."""
    blocks = [Text("Witnesses", style="bold underline")]
    for w in group.witnesses:
        mark = "  (base)" if w.siglum == collation.base else ""
        blocks.append(Text("· " + witness_label(w) + mark))
    blocks.append(Text(f"Variation points ({len(collation.points)})", style="bold underline"))
    styles = {**POINT_STYLES, "lone": f"bold {lone_colour}"}
    starts = []
    for k in range(len(collation.points)):
        starts.append(len(blocks))
        head, under = point_lines(collation, k)
        blocks.append(styled(head, styles))
        blocks += [Text("└ ", style="dim") + styled(line, styles) for line in under]
    blocks.append(Text("Consensus text", style="bold underline"))
    blocks.extend(Text(visible(p)) for p in collation.consensus.split("\n") if p.strip())
    return blocks, starts
