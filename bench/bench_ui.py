"""Reader speed: launch in a terminal, first paint, opening the lead diff, keypress-to-paint, event-loop stalls.

Run from the repository root:

    PYTHONPATH=. python bench/bench_ui.py [--quick]

The launch is timed in a real terminal (tmux, 120x40): from starting the
command to the screen showing what it is for (the seeds' file list; a bare
Textual app's label), the two alternated, median of 5.  The rest runs
headless at 120x40.  All of it uses private config/data/cache dirs.
Paint times are taken where the app hands a finished frame to the (headless)
driver.  Keypress-to-paint runs from sending the key through the Pilot to the
first frame painted after it (the one showing the new article or scroll
position); "settled" is the last frame for the key (status line, scrollbar).  The stall is the worst lateness
of a 5 ms timer on the event loop while a 10,000-article folder is indexed
and grouped in the workers.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for name in ("CONFIG", "DATA", "CACHE"):
    os.environ[f"NEWSREAD_{name}_DIR"] = tempfile.mkdtemp(prefix=f"bench-{name.lower()}-")

from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import Label  # noqa: E402

from tui.engine.ingest.load import load  # noqa: E402
from tui.locations import bundled_seeds  # noqa: E402
from tui.reader.app import NewsreadApp  # noqa: E402

SIZE = (120, 40)


def seed_sentences() -> list[str]:
    text = "".join(p.read_text("utf-8") for p in sorted(bundled_seeds().glob("*.txt")))
    return [s + "。" for s in text.replace("\n", "").split("。") if 8 < len(s) < 120]


def make_folder(root: Path, files: int, per_file: int, seed: int = 7) -> Path:
    """``files`` files of ``per_file`` headed articles built from seed sentences."""
    rng = random.Random(seed)
    sentences = seed_sentences()
    root.mkdir(parents=True, exist_ok=True)
    for f in range(files):
        parts = []
        for a in range(per_file):
            body = "\n\n".join("".join(rng.choices(sentences, k=3)) for _ in range(rng.randint(2, 5)))
            parts.append(f"# 第{f}版第{a}篇 {rng.choice(sentences)[:12]}\n\n{body}\n")
        (root / f"{f:05d}.txt").write_text("\n\n\n".join(parts), "utf-8")  # 3+ blank lines end a story
    return root


def make_long_article(root: Path, chars: int = 100_000) -> Path:
    rng = random.Random(11)
    sentences = seed_sentences()
    paragraphs, n = [], 0
    while n < chars:
        p = "".join(rng.choices(sentences, k=4))
        paragraphs.append(p)
        n += len(p)
    root.mkdir(parents=True, exist_ok=True)
    (root / "long.txt").write_text("# 一篇很长的文章\n\n" + "\n\n".join(paragraphs) + "\n", "utf-8")
    return root


# -- first paint ---------------------------------------------------------------
class OneLabel(App):
    def compose(self) -> ComposeResult:
        yield Label("hello")


def frames(app) -> list[float]:
    """Record the time of every frame the app sends to its (headless) driver."""
    times: list[float] = []
    display = app._display

    def timed(screen, renderable) -> None:
        display(screen, renderable)
        times.append(time.perf_counter())

    app._display = timed
    return times


def first_paint(make) -> float:
    """Seconds from constructing the app to the end of its first frame (headless)."""
    start = time.perf_counter()
    app = make()
    painted = frames(app)

    async def run() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()

    asyncio.run(run())
    return painted[0] - start


def full_layout() -> float:
    """Seconds from constructing NewsreadApp(seeds) to the first frame with the reader laid out."""
    start = time.perf_counter()
    app = NewsreadApp(bundled_seeds(), poll=False)
    painted = frames(app)
    marks: list[int] = []

    async def run() -> None:
        async with app.run_test(size=SIZE) as pilot:
            while not app.reader.built:
                await asyncio.sleep(0.001)
            marks.append(len(painted))
            await pilot.pause()

    asyncio.run(run())
    return painted[marks[0]] - start


# -- launch in a terminal --------------------------------------------------------
BARE_APP = """from textual.app import App
from textual.widgets import Label


class OneLabel(App):
    def compose(self):
        yield Label("hello")


OneLabel().run()
"""
HEAVY = ("trafilatura", "numpy", "lxml", "xml", "opencc", "rapidfuzz")  # none is needed to list plain text


def newsread_command() -> list[str]:
    """The reader as a user starts it: the installed console script beside this Python, else ``-m tui``."""
    script = Path(sys.executable).with_name("newsread")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui"]


class Terminal:
    """A tmux server of our own with one 120x40 pane; each launch replaces the pane's process."""

    def __init__(self) -> None:
        self.tmux = ["tmux", "-L", f"bench-ui-{os.getpid()}", "-f", os.devnull]
        width, height = SIZE
        self._run("new-session", "-d", "-s", "bench", "-x", str(width), "-y", str(height), "sleep 3600")
        self._run("set-option", "-g", "remain-on-exit", "on")

    def _run(self, *args: str) -> str:
        return subprocess.run([*self.tmux, *args], check=True, capture_output=True, text=True).stdout

    def launch(self, command: list[str], shown: str, timeout: float = 20.0) -> float:
        """Seconds from starting ``command`` until ``shown`` is on the screen (polled every 5 ms)."""
        start = time.perf_counter()
        self._run("respawn-pane", "-k", "-t", "bench", f"cd {shlex.quote(str(ROOT))} && exec {shlex.join(command)}")
        while shown not in self._run("capture-pane", "-p", "-t", "bench"):
            if time.perf_counter() - start > timeout:
                raise RuntimeError(f"{command[0]}: {shown!r} not on screen after {timeout} s")
            time.sleep(0.005)
        return time.perf_counter() - start

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)


def terminal_launch(runs: int = 5) -> tuple[list[float], list[float]]:
    """(bare app, newsread on the seeds) launch times, alternated, after one unmeasured launch of each."""
    first_file = sorted(p.name for p in bundled_seeds().glob("*.txt"))[0]
    bare = [sys.executable, "-c", BARE_APP]
    term = Terminal()
    try:
        term.launch(bare, "hello")  # warm: bytecode, the seeds' reading state
        term.launch(newsread_command(), first_file)
        times: tuple[list[float], list[float]] = ([], [])
        for _ in range(runs):
            times[0].append(term.launch(bare, "hello"))
            times[1].append(term.launch(newsread_command(), first_file))
        return times
    finally:
        term.close()


def startup_imports() -> tuple[float, list[str]]:
    """CPU seconds to import what the reader starts with, and the heavy modules loaded by the time the list shows.

    A fresh interpreter imports ``tui.main`` and the app, then runs the app
    headless until the seeds are read; ``-X importtime``-style, but what is
    reported is what start-up really pulled in (lazy imports included).
    """
    probe = f"""
import asyncio, sys, time
t = time.process_time()
import tui.main, tui.reader.launch
from tui.reader.app import NewsreadApp
from tui.locations import bundled_seeds
spent = time.process_time() - t

loaded = set()

class Probe(NewsreadApp):
    def show_corpus(self, reading):
        loaded.update(sys.modules)  # what reading the folder needed, before grouping starts
        super().show_corpus(reading)

async def run():
    app = Probe(bundled_seeds(), poll=False)
    async with app.run_test(size=(120, 40)) as pilot:
        while not loaded:
            await pilot.pause()

asyncio.run(run())
heavy = sorted({{m.split(".")[0] for m in loaded}} & set({HEAVY!r}))
print(spent, *heavy)
"""
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True, cwd=ROOT)
    spent, *heavy = out.stdout.split()
    return float(spent), heavy


# -- latencies -----------------------------------------------------------------
async def settle(app, pilot) -> None:
    """Wait until the folder is indexed and grouped and the screen is idle."""
    while not (app.library.loaded and app.library.grouped):
        await app.workers.wait_for_complete()
        await pilot.pause()
    await pilot.pause()


async def key_latency(app, pilot, key: str, times: int) -> tuple[list[float], list[float]]:
    """Seconds from sending ``key`` to the first frame painted for it, and to the last (settled)."""
    painted = frames(app)
    first, last = [], []
    files = app.reader.files
    for _ in range(times):
        if app.focused is files and files.cursor_line >= files.last_line - files.size.height:
            files.move_cursor_to_line(0)  # back to the top (not timed), so every page moves
            await pilot.pause()
        painted.clear()
        start = time.perf_counter()
        await pilot.press(key)
        await pilot.pause()
        assert painted, f"{key} painted nothing"
        first.append(painted[0] - start)
        last.append(painted[-1] - start)
    return first, last


async def bench_keys(
    folder: Path, open_ref: str | None, keys: list[str], times: int
) -> dict[str, tuple[list[float], list[float]]]:
    app = NewsreadApp(folder, open_ref=open_ref, poll=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        if open_ref is None:
            app.reader.files.focus()
            await pilot.pause()
        return {key: await key_latency(app, pilot, key, times) for key in keys}


async def bench_diff(times: int) -> list[float]:
    out = []
    app = NewsreadApp(bundled_seeds(), open_ref="000#2", poll=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for _ in range(times):
            start = time.perf_counter()
            await pilot.press("d")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.screen.query_one("DiffView").rows, "diff did not open"
            out.append(time.perf_counter() - start)
            await pilot.press("escape")
            await pilot.pause()
    return out


async def bench_stall(folder: Path) -> tuple[float, float]:
    """(worst event-loop lateness, seconds until indexed and grouped)."""
    worst = 0.0
    app = NewsreadApp(folder, poll=False)
    start = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        while not (app.library.loaded and app.library.grouped) and time.perf_counter() - start < 300:
            t = time.perf_counter()
            await asyncio.sleep(0.005)
            worst = max(worst, time.perf_counter() - t - 0.005)
        total = time.perf_counter() - start
        await pilot.pause()
    return worst, total


def report_launch() -> None:
    if shutil.which("tmux"):
        bare, reader = terminal_launch()
        m, r = statistics.median(bare), statistics.median(reader)
        print(
            f"launch in tmux to the first usable screen: bare Textual app {m * 1000:.0f} ms, newsread (seeds' file list)"
            f" {r * 1000:.0f} ms, ratio {r / m:.2f} (target <= 1.5); median of {len(bare)}, alternated"
        )
    else:
        print("launch in a terminal: tmux not found, skipped")
    spent, heavy = startup_imports()
    print(
        f"reader imports at start-up: {spent * 1000:.0f} ms CPU; heavy modules loaded by the time the list shows:"
        f" {', '.join(heavy) or 'none'} (checked: {', '.join(HEAVY)})"
    )


def ms(values: list[float]) -> str:
    values = sorted(values)
    return f"median {statistics.median(values) * 1000:.1f} ms, p95 {values[int(len(values) * 0.95) - 1] * 1000:.1f} ms, max {values[-1] * 1000:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and a 1,000-article folder")
    parser.add_argument("--launch", action="store_true", help="only the launch in a terminal and the start-up imports")
    args = parser.parse_args()
    if args.launch:
        report_launch()
        return
    reps = 3 if args.quick else 7
    presses = 10 if args.quick else 40
    work = Path(tempfile.mkdtemp(prefix="bench-ui-"))
    articles = 1_000 if args.quick else 10_000
    big = make_folder(work / "big", articles // 10, 10)
    long = make_long_article(work / "long")
    found = len(load(big).articles)
    assert found >= articles, f"generated folder has {found} articles, fewer than {articles}"
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpus, {found} articles, headless {SIZE[0]}x{SIZE[1]}")

    worst, total = asyncio.run(bench_stall(big))  # first: a cold grouping cache
    print(
        f"indexing+grouping {found} articles (cold cache): {total:.1f} s, longest event-loop stall {worst * 1000:.1f} ms (target < 100)"
    )

    report_launch()

    paints = 5 * reps
    minimal, reader = [], []
    for _ in range(paints):  # alternating, so drift hits both alike
        minimal.append(first_paint(OneLabel))
        reader.append(first_paint(lambda: NewsreadApp(bundled_seeds(), poll=False)))
    m, r = statistics.median(minimal), statistics.median(reader)
    full = statistics.median(full_layout() for _ in range(reps))
    print(
        f"first paint: one-label app {m * 1000:.0f} ms, NewsreadApp(seeds) {r * 1000:.0f} ms, ratio {r / m:.2f} (target <= 1.5)"
    )
    print(f"full layout painted (file list, pane, footer): {full * 1000:.0f} ms after construction")

    print(f"open lead diff (000#2, d): {ms(asyncio.run(bench_diff(reps)))}")

    for label, folder, ref, keys in (
        (f"{articles}-article folder", big, "00000.txt#1", ["J", "K"]),
        (f"{articles}-article folder, file list", big, None, ["pagedown"]),
        ("100,000-char article", long, "long.txt#1", ["space", "b", "j"]),
    ):
        for key, (first, last) in asyncio.run(bench_keys(folder, ref, keys, presses)).items():
            print(f"{label}, {key}: first frame {ms(first)}; settled {ms(last)}")


if __name__ == "__main__":
    main()
