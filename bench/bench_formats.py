"""ALTO parsing throughput: newsread's ALTO reader against lxml iterparse alone on the same file.

Run from the repository root (needs ../shared/corpora beside the checkout):

    PYTHONPATH=. .venv/bin/python bench/bench_formats.py   # --budget SECONDS --repeat N

The file is ``chronam_ocr.xml`` (2.4 MB, 9,186 words), held in memory.  The
floor is ``lxml.etree.iterparse`` over the bytes with nothing done per event
(no reader can parse faster with lxml); ``iterparse + clear`` is the floor
with the usual memory discipline, and over the reader's own tags (start
and end events, each block cleared) the same walk the reader makes with
nothing done per word; ``newsread alto.read`` is the reader
(words, hyphenation, styles, heading cues, the printed lines), and ``newsread
read_file`` adds format detection, segmentation and the layout.  Each figure
is the best of repeated runs within the budget; the ratio is to the floor
measured in the same run.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lxml import etree

from tui.engine.ingest.formats import alto
from tui.engine.ingest.load import read_file
from tui.engine.ingest.scan import RawFile

ROOT = Path(__file__).resolve().parents[1]
FILE = ROOT.parent / "shared" / "corpora" / "formats" / "alto" / "chronam_ocr.xml"


def best_time(fn: Callable[[], object], budget: float, at_most: int) -> float:
    """Best wall time of ``fn`` over repeated runs within ``budget`` seconds (one run at least)."""
    times: list[float] = []
    started = time.perf_counter()
    while not times or (len(times) < at_most and time.perf_counter() - started < budget):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def iterparse_only(data: bytes) -> None:
    for _ in etree.iterparse(BytesIO(data)):
        pass


def iterparse_clear(data: bytes) -> None:
    for _, el in etree.iterparse(BytesIO(data)):
        el.clear()


NS = "{http://www.loc.gov/standards/alto/ns-v2#}"
TAGS = tuple(NS + t for t in ("TextStyle", "TextBlock", "TextLine", "String", "HYP"))


def iterparse_tags(data: bytes) -> None:
    for event, el in etree.iterparse(BytesIO(data), events=("start", "end"), tag=TAGS):
        if event == "end" and el.tag == TAGS[1]:
            el.clear()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--budget", type=float, default=10.0, help="seconds per contender (default 10)")
    ap.add_argument("--repeat", type=int, default=20, help="runs per contender at most (default 20)")
    args = ap.parse_args()
    if not FILE.is_file():
        print(f"missing {FILE}: ../shared/corpora must be beside the checkout", file=sys.stderr)
        return 2
    data = FILE.read_bytes()
    raw = RawFile(FILE.name, str(FILE), len(data), 0, data)
    rows = {
        "lxml iterparse alone (floor)": lambda: iterparse_only(data),
        "lxml iterparse + clear": lambda: iterparse_clear(data),
        "lxml iterparse of the reader's tags, blocks cleared": lambda: iterparse_tags(data),
        "newsread alto.read": lambda: alto.read(data),
        "newsread read_file (detect + read + segment)": lambda: read_file(raw),
    }
    mb = len(data) / 1e6
    times = {name: best_time(fn, args.budget, args.repeat) for name, fn in rows.items()}
    floor = times["lxml iterparse alone (floor)"]
    print(f"{FILE.name}: {mb:.2f} MB, Python {sys.version.split()[0]}, lxml {etree.__version__}")
    print("| contender | seconds | MB/s | x floor |")
    print("|---|---:|---:|---:|")
    for name, t in times.items():
        print(f"| {name} | {t:.4f} | {mb / t:.1f} | {t / floor:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
