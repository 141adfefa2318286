"""Passages that articles share: found locally, grouped story by story, shown as excerpts.

The texts are made of seeded pseudo-words, so nothing is shared but what a
test puts in two places.
"""

import random
from pathlib import Path

from tui.engine.ingest.load import load
from tui.engine.variants import central, passages
from tui.engine.variants.groupcache import find_groups
from tui.engine.variants.shingles import first_positions, match_key


def words(seed: int, n: int) -> str:
    """``n`` pseudo-words in sentences of ten, as a wire report reads to the shingles."""
    rng = random.Random(seed)
    out = []
    for k in range(n):
        word = "".join(rng.choice("abcdefghiklmnoprstuwy") for _ in range(rng.randint(2, 9)))
        out.append(word + ("." if k % 10 == 9 else ""))
    return " ".join(out).capitalize()


def wrapped(text: str, width: int = 40) -> str:
    """Hard-wrapped as a newspaper column prints it, no blank lines."""
    lines, line = [], ""
    for w in text.split():
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    return "\n".join([*lines, line]) + "\n"


def norm_passages(a: str, b: str):
    x, y = match_key(a), match_key(b)
    return x, y, passages.shared_passages(x, y, first_positions(x), first_positions(y))


REPORT = words(1, 260)


def test_a_report_inside_two_longer_texts_is_one_passage_of_each():
    a = words(2, 900) + " " + REPORT + " " + words(3, 700)
    b = words(4, 300) + " " + REPORT.replace("a", "o", 5) + " " + words(5, 1200)
    x, y, found = norm_passages(a, b)
    [(sa, ea, sb, eb, aligned)] = found
    report = match_key(REPORT)
    assert aligned >= 0.95 * len(report)
    assert abs(sa - x.index(report)) < 20 and abs(ea - (x.index(report) + len(report))) < 20
    assert sb < y.index(report[100:200]) < eb
    assert eb - sb < 1.1 * len(report)  # the passage, not the page around it


def test_reports_quoting_the_same_sentences_are_no_passage():
    """Three 100-letter quotes, each in its own wording around them: sparse, so no passage."""
    quotes = [words(10 + k, 18) for k in range(3)]
    a = " ".join(q + " " + words(20 + k, 90) for k, q in enumerate(quotes))
    b = " ".join(q + " " + words(30 + k, 90) for k, q in enumerate(quotes))
    assert all(len(match_key(q)) >= 80 for q in quotes)
    assert norm_passages(a, b)[2] == []
    # the same quotes with nothing between them are one passage: the test can fail
    assert norm_passages(" ".join(quotes), words(40, 50) + " " + " ".join(quotes))[2]


def page(folder: Path, name: str, *parts: str) -> None:
    (folder / name).write_text("".join(wrapped(p) for p in parts), encoding="utf-8")


def test_a_page_holding_two_reports_groups_each_with_its_own_copies(tmp_path):
    """L and its second edition E carry two reports; C carries the first, D the second.

    The stretch L shares with E holds both reports (and little else, so it is
    not too long to count as their region), yet C and D never meet in a group.
    """
    first, second = words(50, 250), words(51, 250)
    page(tmp_path, "L.txt", words(52, 40), first, words(53, 60), second, words(54, 40))
    page(tmp_path, "E.txt", words(52, 40), first, words(53, 60), second.replace("e", "c", 3), words(55, 30))
    page(tmp_path, "C.txt", words(56, 300), first, words(57, 300))
    page(tmp_path, "D.txt", words(58, 500), second, words(59, 100))
    groups = find_groups(load(tmp_path), cache=False)
    files = [{w.file for w in g.witnesses} for g in groups]
    assert not any({"C.txt", "D.txt"} <= f for f in files)
    for mine, report, other in (("C.txt", first, second), ("D.txt", second, first)):
        [g] = [g for g in groups if mine in {w.file for w in g.witnesses}]
        assert {w.file for w in g.witnesses} >= {mine, "L.txt"}
        shown = {w.file: match_key("".join(a.text for a in w.articles)) for w in g.witnesses}
        assert match_key(report)[:300] in shown["L.txt"]
        assert match_key(other)[:100] not in shown["L.txt"]
        assert len(shown["L.txt"]) < 1.3 * len(match_key(report))  # L's passage, not L
        member = next(m for m in g.members if m.file == "L.txt")
        assert member.span is not None


def test_central_compares_a_big_group_with_a_bounded_number_of_peers(monkeypatch):
    calls = []
    real = central.pair
    monkeypatch.setattr(central, "pair", lambda x, y: calls.append(1) or real(x, y))
    texts = {f"w{k:02d}": match_key(words(k, 60)) for k in range(40)}
    sim, _ = central.similarities(texts)
    assert len(calls) <= central.MAX_PEERS * len(texts)
    assert central.most_central(list(texts), sim) in texts
    calls.clear()
    small = dict(list(texts.items())[: central.MAX_PEERS + 1])
    central.similarities(small)
    assert len(calls) == len(small) * (len(small) - 1) // 2  # a small group: every pair, as before
