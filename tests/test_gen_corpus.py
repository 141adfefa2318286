"""The benchmark corpus generator: deterministic, segmentable, and grouped as planted."""

import importlib.util
import json
import sys
from itertools import combinations

import pytest
from conftest import ROOT

from tui.engine.ingest.load import load
from tui.engine.variants.groupcache import find_groups


def generator():
    spec = importlib.util.spec_from_file_location("gen_corpus", ROOT / "bench" / "gen_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def gen():
    return generator()


def snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_same_bytes_other_seed_other_bytes(gen, tmp_path):
    gen.generate(tmp_path / "a", 120, seed=7)
    gen.generate(tmp_path / "b", 120, seed=7)
    gen.generate(tmp_path / "c", 120, seed=8)
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")
    assert snapshot(tmp_path / "a") != snapshot(tmp_path / "c")


def test_files_segment_into_the_planted_articles(gen, tmp_path):
    truth = gen.generate(tmp_path / "g", 300, files=30, seed=3)
    corpus = load(tmp_path / "g")
    assert len(corpus.files) <= 30 and len(corpus.articles) == truth["articles"] == 300
    ids = {a.id for a in corpus.articles}
    assert all(i in ids for g in truth["groups"] for i in g)
    for g in truth["groups"]:
        assert len({i.split("#")[0] for i in g}) == len(g)  # copies sit in distinct files


def test_plain_folder_has_no_planted_groups(gen, tmp_path):
    truth = gen.generate(tmp_path / "p", 50, files=20, grouped=0)
    assert truth["pairs"] == [] and len(list((tmp_path / "p").glob("*.txt"))) == 20


def test_small_corpus_precision_and_recall(gen, tmp_path):
    truth = gen.generate(tmp_path / "g", 600, seed=11)
    groups = find_groups(load(tmp_path / "g"), cache=False)
    found = {tuple(sorted(p)) for g in groups for p in combinations([m.article_id for m in g.members], 2)}
    planted = {tuple(p) for p in truth["pairs"]}
    assert len(planted) > 20
    hit = len(found & planted)
    assert hit / len(found) >= 0.97 and hit / len(planted) >= 0.97
    assert json.loads((tmp_path / "g" / "truth.json").read_text(encoding="utf-8"))["pairs"] == truth["pairs"]
