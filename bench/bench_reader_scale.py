"""The reader on a big folder: first screen, J/K while grouping runs, idle CPU; this checkout against another.

Run from the repository root (100k+ articles: under the big-bench lock):

    flock /tmp/bigbench.lock .venv/bin/python bench/bench_reader_scale.py \
        [--articles 100000] [--corpus DIR] [--baseline /work/main] [--runs 3]

The folder is ``gen_corpus.py``'s (``--articles``, 10 per file), shared under
/tmp/corpora and generated there when missing.  Every figure is taken for
this checkout and, in the same run, for ``--baseline`` (another checkout of
newsread, started with its own code: ``python -m tui`` with its root first
on the path), each with private config, data and cache dirs.

* first screen: a real terminal (tmux, 120x40); from starting the command to
  the list showing the first file's first article title ("1. <title>"),
  cold (an empty cache dir) and warm (the segmentation saved by an earlier
  run); the median of ``--runs``.  "all listed" is when the status line
  counts every article (the whole folder read).
* J/K while grouping runs: headless (``run_test``, 120x40), the folder's
  segmentation saved but not its groups, so grouping runs from the start;
  J and K pressed (50 ms apart) while it does, each timed from the key to
  the first frame painted after it.  The same keys once grouping is done
  are the baseline of the ratio.
* idle CPU: the reader in tmux on the warm folder, once it has grouped (the
  status line says only how many articles) and 5 s more; utime+stime of its
  process from /proc over ``--idle`` seconds, as a share of one core.  For
  this checkout also with polling forced (``NEWSREAD_WATCH=poll``).
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TICKS = os.sysconf("SC_CLK_TCK")
SIZE = (120, 40)


def corpus(articles: int, given: Path | None) -> Path:
    """The generated folder (made under a lock when missing, so parallel benches share one)."""
    folder = given or Path(f"/tmp/corpora/gen-{articles // 1000}k")
    if not (folder / "truth.json").exists():
        folder.parent.mkdir(parents=True, exist_ok=True)
        part = folder.with_name(folder.name + ".part")
        script = (
            f"test -f {shlex.quote(str(folder / 'truth.json'))} || ({shlex.quote(sys.executable)}"
            f" {shlex.quote(str(ROOT / 'bench' / 'gen_corpus.py'))} {shlex.quote(str(part))} --articles {articles}"
            f" && mv {shlex.quote(str(part))} {shlex.quote(str(folder))})"
        )
        subprocess.run(["flock", str(folder.parent / ".gen.lock"), "sh", "-c", script], check=True)
    return folder


def first_title(folder: Path) -> str:
    """What the list shows for the folder's first article, as far as 8 characters (fits any list width)."""
    first = sorted(p for p in folder.iterdir() if p.suffix == ".txt")[0]
    for line in first.read_text("utf-8").splitlines():
        if line.startswith("# "):
            return "1. " + line[2:10]
    raise SystemExit(f"{first}: no headline")


def private_dirs(tag: str, cache: Path | None = None) -> dict[str, str]:
    env = {
        f"NEWSREAD_{name}_DIR": tempfile.mkdtemp(prefix=f"rscale-{tag}-{name.lower()}-") for name in ("CONFIG", "DATA")
    }
    env["NEWSREAD_CACHE_DIR"] = str(cache or tempfile.mkdtemp(prefix=f"rscale-{tag}-cache-"))
    return env


def fill_cache(repo: Path, folder: Path, cache: Path) -> float:
    """Save the folder's segmentation with ``repo``'s code (no groups); seconds it took."""
    start = time.perf_counter()
    code = "import sys; from tui.engine.ingest.corpuscache import load_cached; load_cached(sys.argv[1])"
    env = {**os.environ, "NEWSREAD_CACHE_DIR": str(cache), "PYTHONPATH": str(repo)}
    subprocess.run([sys.executable, "-c", code, str(folder)], check=True, cwd=repo, env=env)
    return time.perf_counter() - start


def forget_groups(cache: Path) -> None:
    with sqlite3.connect(cache / "cache.sqlite3") as db:
        db.execute("DELETE FROM groups")


# -- a real terminal -------------------------------------------------------------
class Terminal:
    """A tmux server of our own with one 120x40 pane; each launch replaces the pane's process."""

    def __init__(self) -> None:
        self.tmux = ["tmux", "-L", f"rscale-{os.getpid()}", "-f", os.devnull]
        self._run("new-session", "-d", "-s", "b", "-x", str(SIZE[0]), "-y", str(SIZE[1]), "sleep 3600")
        self._run("set-option", "-g", "remain-on-exit", "on")

    def _run(self, *args: str) -> str:
        return subprocess.run([*self.tmux, *args], check=True, capture_output=True, text=True).stdout

    def screen(self) -> str:
        return self._run("capture-pane", "-p", "-t", "b")

    def pid(self) -> int:
        return int(self._run("display-message", "-p", "-t", "b", "#{pane_pid}").strip())

    def start(self, repo: Path, folder: Path, env: dict[str, str]) -> float:
        """Start newsread from ``repo`` on ``folder``; returns the start time."""
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in {**env, "PYTHONPATH": str(repo)}.items())
        command = f"cd {shlex.quote(str(repo))} && exec env {exports} {shlex.quote(sys.executable)} -m tui {shlex.quote(str(folder))}"
        start = time.perf_counter()
        self._run("respawn-pane", "-k", "-t", "b", command)
        return start

    def wait_for(self, start: float, test, timeout: float) -> float:
        """Seconds from ``start`` until ``test(screen)`` holds (polled every 10 ms)."""
        while not test(self.screen()):
            if time.perf_counter() - start > timeout:
                raise RuntimeError(f"not on screen after {timeout} s:\n{self.screen()}")
            time.sleep(0.01)
        return time.perf_counter() - start

    def stop(self) -> None:
        self._run("respawn-pane", "-k", "-t", "b", "sleep 3600")

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)


def all_listed(articles: int):
    return lambda screen: f"{articles} articles" in screen


def first_screens(
    term: Terminal, repo: Path, folder: Path, warm: Path | None, title: str, articles: int, timeout: float
) -> tuple[float, float]:
    """(first title shown, every article listed), seconds after launch; cold when ``warm`` is None."""
    env = private_dirs("first", cache=warm)
    start = term.start(repo, folder, env)
    shown = term.wait_for(start, lambda s: title in s, timeout)
    listed = term.wait_for(start, all_listed(articles), timeout)
    term.stop()
    if warm is None:
        shutil.rmtree(env["NEWSREAD_CACHE_DIR"], ignore_errors=True)
    return shown, listed


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def idle_cpu(term: Terminal, repo: Path, folder: Path, cache: Path, articles: int, seconds: float, **extra) -> float:
    """Share of one core the reader uses, idle on the grouped folder."""
    env = {**private_dirs("idle", cache=cache), **extra}
    start = term.start(repo, folder, env)
    term.wait_for(start, lambda s: all_listed(articles)(s) and "grouping" not in s and "indexing" not in s, 600)
    time.sleep(5)
    pid = term.pid()
    before, t0 = cpu_seconds(pid), time.perf_counter()
    time.sleep(seconds)
    used, spent = cpu_seconds(pid) - before, time.perf_counter() - t0
    term.stop()
    return used / spent


# -- J/K while grouping runs (a child process, so each checkout runs its own code) ------
KEYS_CHILD = """
import asyncio, json, os, sys, time
sys.path.insert(0, sys.argv[1])
from tui.reader.app import NewsreadApp

folder, presses = sys.argv[2], int(sys.argv[3])

def frames(app):
    times, display = [], app._display
    def timed(screen, renderable):
        display(screen, renderable)
        times.append(time.perf_counter())
    app._display = timed
    return times

async def press(app, pilot, painted, key):
    painted.clear()
    start = time.perf_counter()
    await pilot.press(key)
    while not painted and time.perf_counter() - start < 5:
        await asyncio.sleep(0.001)
    return painted[0] - start if painted else 5.0

async def main():
    app = NewsreadApp(folder, poll=False)
    out = {"grouping": [], "after": [], "loaded": None}
    async with app.run_test(size=(120, 40)) as pilot:
        start = time.perf_counter()
        while not app.library.loaded:
            await asyncio.sleep(0.01)
        out["loaded"] = time.perf_counter() - start
        painted = frames(app)
        await pilot.press("J")  # open the first article
        await pilot.pause()
        n = 0
        while not app.library.grouped and n < presses:
            key = "J" if (n // 10) % 2 == 0 else "K"
            took = await press(app, pilot, painted, key)
            if not app.library.grouped:
                out["grouping"].append(took)
            n += 1
            await asyncio.sleep(0.05)
        while not app.library.grouped:
            await asyncio.sleep(0.05)
        out["grouped"] = time.perf_counter() - start
        await pilot.pause()
        for n in range(40):
            out["after"].append(await press(app, pilot, painted, "J" if (n // 10) % 2 == 0 else "K"))
            await asyncio.sleep(0.05)
    print(json.dumps(out))

asyncio.run(main())
"""


def keys_while_grouping(repo: Path, folder: Path, cache: Path, presses: int) -> dict:
    forget_groups(cache)
    env = {**os.environ, **private_dirs("keys", cache=cache), "PYTHONPATH": str(repo)}
    done = subprocess.run(
        [sys.executable, "-c", KEYS_CHILD, str(repo), str(folder), str(presses)],
        check=True,
        capture_output=True,
        text=True,
        cwd=repo,
        env=env,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def p95(values: list[float]) -> float:
    values = sorted(values)
    return values[max(0, int(len(values) * 0.95) - 1)]


def ms(values: list[float]) -> str:
    if not values:
        return "none (grouping ended first)"
    return f"median {statistics.median(values) * 1000:.0f} ms, p95 {p95(values) * 1000:.0f} ms (n={len(values)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--corpus", type=Path, help="the generated folder (default /tmp/corpora/gen-<N>k)")
    parser.add_argument("--baseline", type=Path, default=Path("/work/main"), help="another checkout to compare")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--idle", type=float, default=30.0, help="seconds of idle CPU sampled")
    parser.add_argument("--presses", type=int, default=120, help="J/K presses at most while grouping runs")
    parser.add_argument("--only", choices=("first", "keys", "idle"), action="append", help="parts to run")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold first screens")
    args = parser.parse_args()
    parts = set(args.only or ("first", "keys", "idle"))
    folder = corpus(args.articles, args.corpus)
    title = first_title(folder)
    repos = {"this": ROOT, "baseline": args.baseline.resolve()}
    caches = {}
    for name, repo in repos.items():
        caches[name] = Path(tempfile.mkdtemp(prefix=f"rscale-{name}-cache-"))
        took = fill_cache(repo, folder, caches[name])
        print(f"{name} ({repo}): segmentation saved in {took:.1f} s", flush=True)
    print(f"folder {folder}: {args.articles} articles; first title {title!r}", flush=True)
    term = Terminal()
    try:
        if "first" in parts:
            for kind in ("warm",) if args.no_cold else ("warm", "cold"):
                got = {name: [] for name in repos}
                for _ in range(args.runs):  # alternated, so drift hits both alike
                    for name, repo in repos.items():
                        warm = caches[name] if kind == "warm" else None
                        got[name].append(first_screens(term, repo, folder, warm, title, args.articles, 600))
                for name in repos:
                    shown = statistics.median(s for s, _ in got[name])
                    listed = statistics.median(x for _, x in got[name])
                    print(
                        f"first screen {kind}, {name}: first title {shown:.2f} s, all listed {listed:.2f} s", flush=True
                    )
                ratio = statistics.median(s for s, _ in got["this"]) / statistics.median(s for s, _ in got["baseline"])
                print(f"first screen {kind}: this / baseline = {ratio:.2f}", flush=True)
        if "keys" in parts:
            for name, repo in repos.items():
                out = keys_while_grouping(repo, folder, caches[name], args.presses)
                print(
                    f"J/K {name}: loaded in {out['loaded']:.1f} s, grouped at {out['grouped']:.1f} s;"
                    f" while grouping {ms(out['grouping'])}; after {ms(out['after'])}",
                    flush=True,
                )
        if "idle" in parts:
            runs = [("this", {}), ("this, NEWSREAD_WATCH=poll", {"NEWSREAD_WATCH": "poll"}), ("baseline", {})]
            for label, extra in runs:
                name = label.split(",")[0]
                share = idle_cpu(term, repos[name], folder, caches[name], args.articles, args.idle, **extra)
                print(f"idle CPU {label}: {share * 100:.2f}% of a core over {args.idle:.0f} s", flush=True)
    finally:
        term.close()
        for cache in caches.values():
            shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
