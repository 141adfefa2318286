"""A deterministic synthetic news folder with planted variant groups, for benchmarks.

Built from the bundled seeds' body sentences and headlines:

* every article is a headline and 4-8 paragraphs (350+ characters) of shuffled
  seed sentences, some cut short; three paragraphs in four get the article's
  private character substitution (a random remapping of part of its Han
  characters), so the articles are not all remixes of the same few hundred
  paragraphs, while the other quarter (one real sentence each) keep real seed
  text that many articles share;
* about ``--grouped`` (10%) of the articles are copies in planted groups of
  2-4, each copy in another file: one paragraph dropped, 1-3% of the
  characters edited, punctuation width flipped in some, and some with a
  paragraph split in two, the body abridged to 60% or the headline's halves
  swapped;
* with ``--big-group N``, one more story printed N times (each copy a reprint
  as above, in its own file): a wire report in N papers, a single group;
* hard negatives: pairs of distinct stories that share two real 30+
  character sentences, and short one-paragraph items (some planted as pairs
  of copies, some quoted whole inside a longer, different story).

Files hold about ``articles / files`` articles each, separated by three blank
lines so that each ``# headline`` starts article N of its file.  The ground
truth (``truth.json`` in the folder; newsread reads only .txt/.md) lists the
planted variant pairs as ``relpath#N`` ids.  The same arguments give the
same bytes.

    python bench/gen_corpus.py OUT_DIR [--articles 10000] [--files N] [--seed 1] [--grouped 0.1] [--big-group N]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tui.engine.ingest.lines import Kind, classify, is_continuation
from tui.engine.ingest.load import load

HAN = [chr(c) for c in range(0x4E00, 0x9FA6)]
FLIP = str.maketrans("，：；（）！？", ",:;()!?")
UNFLIP = str.maketrans(",:;()!?", "，：；（）！？")
MIN_STORY = 350


@dataclass
class Story:
    title: str
    paragraphs: list[str]
    short: bool = False


@dataclass
class Pool:
    sentences: list[str]
    long_sentences: list[str]  # 30+ characters: the shared sentences of hard negatives
    titles: list[str]
    chars: list[str]  # the Han characters of the sentences and titles


@dataclass
class Slot:
    story: Story
    key: int  # planted group, or -1


def seed_pool() -> Pool:
    corpus = load()
    pars = [p.text for a in corpus.articles for p in a.paragraphs if p.kind == "body"]
    sentences = [s for p in pars for s in re.findall(r"[^。！？]+[。！？]?", p) if len(s) >= 8 and plain_body(s)]
    titles = [a.title for a in corpus.articles if not a.untitled]
    chars = sorted({c for t in sentences + titles for c in t if "\u4e00" <= c <= "\u9fa5"})
    return Pool(sentences, [s for s in sentences if len(s) >= 30], titles, chars)


def substitution(rng: random.Random, pool: Pool) -> dict[int, str]:
    """A private remapping of a third of the pool's Han characters."""
    chosen = rng.sample(pool.chars, len(pool.chars) // 3)
    return {ord(c): t for c, t in zip(chosen, rng.choices(HAN, k=len(chosen)))}


def plain_body(text: str) -> bool:
    """Would the segmenter read this line as plain body text (no dateline, mark or credit)?"""
    return classify(text) is Kind.BODY and not is_continuation(text)


def paragraph(rng: random.Random, pool: Pool, table: dict[int, str], real: bool) -> str:
    while True:
        sents = rng.sample(pool.sentences, 1 if real else rng.randint(1, 3))
        if rng.random() < 0.3:  # cut: start inside the first sentence
            sents[0] = sents[0][rng.randrange(len(sents[0]) // 2) :]
        text = "".join(sents)
        text = text if real else text.translate(table)
        if plain_body(text):
            return text


def headline(rng: random.Random, pool: Pool, table: dict[int, str]) -> str:
    a, b = rng.sample(pool.titles, 2)
    return f"{a.split()[0][:20]} {b.split()[-1][:20]}".translate(table)


def story(rng: random.Random, pool: Pool) -> Story:
    """A story of 4-8 paragraphs and at least ``MIN_STORY`` characters."""
    table = substitution(rng, pool)
    while True:
        n = rng.randint(4, 8)
        real = set(rng.sample(range(n), n // 4))  # a quarter keep real, shared sentences
        pars = [paragraph(rng, pool, table, k in real) for k in range(n)]
        if sum(map(len, pars)) >= MIN_STORY:
            return Story(headline(rng, pool, table), pars)


def short_item(rng: random.Random, pool: Pool) -> Story:
    table = substitution(rng, pool)
    body = "".join(rng.sample(pool.long_sentences, 3)).translate(table)[: rng.randint(110, 240)]
    return Story(headline(rng, pool, table), [body + "。"], short=True)


def edit_chars(rng: random.Random, text: str, rate: float) -> str:
    chars = list(text)
    for _ in range(max(1, round(len(chars) * rate))):
        i = rng.randrange(len(chars))
        op = rng.random()
        if op < 0.5:
            chars[i] = rng.choice(HAN)
        elif op < 0.75 and len(chars) > 1:
            del chars[i]
        else:
            chars.insert(i, rng.choice(HAN))
    return "".join(chars)


def copy_of(rng: random.Random, s: Story) -> Story:
    """A reprint (see :func:`reprint`) whose paragraphs all still read as body text."""
    while True:
        c = reprint(rng, s)
        if all(map(plain_body, c.paragraphs)):
            return c


def reprint(rng: random.Random, s: Story) -> Story:
    """A dropped paragraph or an abridged body, 1-3% edits, and now and then more."""
    pars = list(s.paragraphs)
    title = s.title
    if not s.short:
        roll = rng.random()
        if roll < 0.2 and len(pars) >= 5 and sum(map(len, pars)) >= 2 * MIN_STORY:
            pars = pars[: round(len(pars) * 0.6)]  # abridged
        else:
            del pars[rng.randrange(len(pars))]
        if roll < 0.2:
            pass  # abridged (or too short to be): nothing more
        elif roll < 0.4:
            i = rng.randrange(len(pars))
            cut = len(pars[i]) // 2
            pars[i : i + 1] = [pars[i][:cut], pars[i][cut:]]  # split paragraph
        elif roll < 0.6 and " " in title:
            head, tail = title.split(" ", 1)
            title = f"{tail} {head}"  # headline halves swapped
    rate = rng.uniform(0.01, 0.03)
    pars = [edit_chars(rng, p, rate) for p in pars]
    if rng.random() < 0.5:
        table = FLIP if rng.random() < 0.5 else UNFLIP
        pars = [p.translate(table) for p in pars]
    return Story(title, pars, s.short)


def hard_negatives(rng: random.Random, pool: Pool) -> tuple[Story, Story]:
    """Two different stories sharing two real 30+ character sentences."""
    a, b = story(rng, pool), story(rng, pool)
    for s in rng.sample(pool.long_sentences, 2):
        a.paragraphs.insert(rng.randrange(len(a.paragraphs) + 1), s)
        b.paragraphs.insert(rng.randrange(len(b.paragraphs) + 1), s)
    return a, b


def quoting(rng: random.Random, pool: Pool, item: Story) -> Story:
    """A longer, different story that quotes a short item whole."""
    s = story(rng, pool)
    s.paragraphs.insert(rng.randrange(len(s.paragraphs) + 1), item.paragraphs[0])
    return s


def slots(rng: random.Random, pool: Pool, n: int, grouped: float, big_group: int = 0) -> list[Slot]:
    """``n`` articles: the big group (``big_group`` copies of one story, if any), planted groups, then negatives
    and singles."""
    out: list[Slot] = []
    key = 0
    if big_group:
        original = story(rng, pool)
        out.extend(Slot(original if c == 0 else copy_of(rng, original), key) for c in range(big_group))
        key += 1
    while len(out) < n * grouped:
        original = short_item(rng, pool) if rng.random() < 0.1 else story(rng, pool)
        k = rng.randint(2, 4) if not original.short else 2
        out.extend(Slot(original if c == 0 else copy_of(rng, original), key) for c in range(k))
        key += 1
    while len(out) < n:
        roll = rng.random()
        if roll < 0.02 and len(out) + 2 <= n:
            out.extend(Slot(s, -1) for s in hard_negatives(rng, pool))
        elif roll < 0.06 and len(out) + 2 <= n:
            item = short_item(rng, pool)
            out.extend((Slot(item, -1), Slot(quoting(rng, pool, item), -1)))
        elif roll < 0.08:
            out.append(Slot(short_item(rng, pool), -1))
        else:
            out.append(Slot(story(rng, pool), -1))
    return out


def assign(rng: random.Random, items: list[Slot], files: int) -> list[list[Slot]]:
    """Distribute articles over files: group copies to distinct files, singles dealt round."""
    pages: list[list[Slot]] = [[] for _ in range(files)]
    groups: dict[int, list[Slot]] = {}
    deal = rng.sample(range(files), files)
    n = 0
    for s in items:
        if s.key >= 0:
            groups.setdefault(s.key, []).append(s)
        else:
            pages[deal[n % files]].append(s)
            n += 1
    for members in groups.values():
        for s, f in zip(members, rng.sample(range(files), min(files, len(members)))):
            pages[f].append(s)
    for page in pages:
        rng.shuffle(page)
    return pages


def render(s: Story) -> str:
    return f"# {s.title}\n\n" + "\n\n".join(s.paragraphs) + "\n"


def write(out: Path, pages: list[list[Slot]], seed: int) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    width = len(str(len(pages)))
    groups: dict[int, list[str]] = {}
    total = 0
    for f, page in enumerate(pages):
        if not page:
            continue
        rel = f"p{f:0{width}d}.txt"
        (out / rel).write_text("\n\n\n\n".join(render(s.story) for s in page), encoding="utf-8")
        for n, s in enumerate(page, 1):
            if s.key >= 0:
                groups.setdefault(s.key, []).append(f"{rel}#{n}")
        total += len(page)
    truth = {
        "seed": seed,
        "articles": total,
        "groups": [sorted(g) for _, g in sorted(groups.items()) if len(g) > 1],
        "pairs": sorted(sorted(p) for g in groups.values() for p in combinations(g, 2)),
    }
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    return truth


def generate(
    out: Path, articles: int, files: int | None = None, seed: int = 1, grouped: float = 0.1, big_group: int = 0
) -> dict:
    rng = random.Random(seed)
    pool = seed_pool()
    nfiles = max(4 if grouped else 1, big_group, files or articles // 10)  # a group's copies need distinct files
    return write(out, assign(rng, slots(rng, pool, articles, grouped, big_group), nfiles), seed)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out", type=Path, help="folder to write (created)")
    p.add_argument("--articles", type=int, default=10_000)
    p.add_argument("--files", type=int, default=None, help="number of files (default: articles / 10)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--grouped", type=float, default=0.1, help="share of articles in planted groups (0 for none)")
    p.add_argument("--big-group", type=int, default=0, help="copies of one more story, a wire report many papers carry")
    args = p.parse_args(argv)
    truth = generate(args.out, args.articles, args.files, args.seed, args.grouped, args.big_group)
    print(
        f"{truth['articles']} articles, {len(truth['groups'])} planted groups, {len(truth['pairs'])} pairs -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
