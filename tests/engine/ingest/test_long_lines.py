"""A file of one enormous line: every pattern run on file text stays linear.

Times are compared as ratios within one run (never against a fixed limit):
a quadratic pattern makes the ratios explode (a 100 KB heading of ``#``
took minutes), a linear one keeps them near the size ratio.
"""

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from timing import best

from tui.engine.ingest.load import read_file
from tui.engine.ingest.scan import RawFile
from tui.engine.ingest.segment import segment

# Starts of lines that the line patterns (lines.py) react to, and characters their quantifiers run over.
PREFIXES = ["# ", "###### ", "**", "(接", "（上接第", "(接第1", "记者", "□本报记者 ", "本报记者 张三", "主任 "]
PREFIXES += ["张三 摄", "作者：", "新华社北京1月2日电", "……", "“", "——", "(", "（《人民日报》 2024年"]
# ... and the English line patterns (english.py): bylines, datelines, credits, continuations, furniture.
PREFIXES += ["By A", "(By H. D. Jacobs", "WASHINGTON, April", "Continued on Page", "No. 5", "MONDAY, APRIL", "VOL"]
RUNS = list(" \t#*第1一版张　·（）()。….—摄”》》：") + [" #", "# ", " 张三", "**", "1 ", "。 "]
RUNS += list("Aa.,)'") + [" A", ". ", "A. ", "oo"]


def shape(prefix: str, run: str, end: str, chars: int) -> str:
    return prefix + run * (chars // len(run)) + end


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking a slow line would take minutes
)
@given(st.sampled_from(PREFIXES), st.sampled_from(RUNS), st.sampled_from([*RUNS, "x", "好", ""]))
def test_segmenting_an_adversarial_line_costs_about_what_a_plain_line_costs(prefix, run, end):
    line = shape(prefix, run, end, 50_000)
    plain = "好" * len(line)
    ratio = best(lambda: segment(line + "\n")) / best(lambda: segment(plain + "\n"))
    assert ratio < 50, f"{prefix!r} + {run!r}... + {end!r}: {ratio:.0f}x a plain line"


SHAPES = [
    ("# ", "#", "x"),  # a Markdown heading that never ends its closing hashes
    ("# a", " ", "x"),
    ("# a", " #", "x"),
    ("(接", " ", "x"),  # a continuation mark that never comes
    ("(接第", " ", "x"),
    ("**a", "**", "x"),
    ("记者", " ", "x"),
    ("记者", " 张三", "x"),
    ("张三 摄", " ", "x"),
    ("By A", ".", "x"),
    ("By A", " B.", "x"),
]


def load_text(text: str):
    return lambda: read_file(RawFile("a.txt", "a.txt", len(text), 0, text.encode("utf-8")))


def test_a_megabyte_line_costs_at_most_twenty_times_a_hundred_kilobyte_line():
    # The 100 KB line is timed as a tenth of a file of ten such lines: a megabyte of text misses caches that
    # 100 KB fits in, whatever the code does with it, so both sides handle the same megabyte.
    for prefix, run, end in SHAPES:
        line = shape(prefix, run, end, 100_000)
        small = best(load_text("\n".join([line] * 10))) / 10
        large = best(load_text(shape(prefix, run, end, 1_000_000)))
        assert large < 20 * small, f"{prefix!r} + {run!r}...: {large / small:.1f}x for 10x the text"
