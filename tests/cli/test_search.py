"""`newsread search`: hits by article through the index, pages, fuzzy hits, one-line errors."""

import json
import sqlite3

import pytest

from tests.cli.test_cli import run
from tui.engine.search.index import Index

QUERY = "述职评议考核"  # 17 times in the first seed's untitled lead, and in three other articles


def search(capsys, *argv):
    code, out, err = run(capsys, "search", *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def test_hits_by_article_through_the_index(capsys):
    data = search(capsys, QUERY)
    assert data["index"] and data["done"] and data["page"] == 1
    first = data["articles"][0]
    assert first["id"] == "000_0ea74b706e051f9e.txt#1" and len(first["hits"]) == 17
    assert all(hit["text"] == QUERY and hit["edits"] == 0 for a in data["articles"] for hit in a["hits"])
    assert data["looked"] == data["total"] == len(data["articles"])  # the index named only articles with hits


def test_fuzzy_finds_the_misprint(capsys):
    assert search(capsys, "述职评仪考核")["articles"] == []
    data = search(capsys, "述职评仪考核", "--fuzzy", "1")
    hits = [hit for a in data["articles"] for hit in a["hits"]]
    assert hits and {(h["text"], h["edits"]) for h in hits} == {(QUERY, 1)}


def test_pages_go_on_where_the_last_ended(capsys, monkeypatch):
    monkeypatch.setattr("tui.engine.search.search.PAGE_ARTICLES", 2)
    pages = [search(capsys, QUERY, "--page", str(n)) for n in (1, 2, 3)]
    ids = [a["id"] for p in pages for a in p["articles"]]
    assert ids == [a["id"] for a in search(capsys, QUERY, "--page", "1")["articles"]] + ids[2:]
    assert len(ids) == len(set(ids)) == 4 and [p["done"] for p in pages] == [False, True, True]


def test_text_output_marks_the_hit_and_says_how_to_go_on(capsys, monkeypatch):
    monkeypatch.setattr("tui.engine.search.search.PAGE_ARTICLES", 1)
    code, out, err = run(capsys, "search", QUERY)
    assert code == 0 and out.startswith("000_0ea74b706e051f9e.txt#1  ")
    assert f"[{QUERY}]" in out.splitlines()[1]
    assert err.strip().endswith("more: --page 2")


def test_a_short_query_reads_every_article_and_says_so(capsys):
    data = search(capsys, "上海")
    assert not data["index"] and "3+ characters" in data["how"] and data["articles"]


def test_the_index_is_built_once_and_reused(capsys, seeds):
    search(capsys, QUERY)
    db = sqlite3.connect(Index(seeds).path)
    saved = db.execute("SELECT * FROM files").fetchall(), db.execute("SELECT * FROM fts_data").fetchall()
    search(capsys, QUERY)
    assert saved == (db.execute("SELECT * FROM files").fetchall(), db.execute("SELECT * FROM fts_data").fetchall())
    assert len(saved[0]) == len(list(seeds.glob("*.txt")))


def test_an_unusable_cache_says_why_and_still_searches(capsys, monkeypatch, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o777)
    cache.chmod(0o777)
    monkeypatch.setenv("NEWSREAD_CACHE_DIR", str(cache))
    code, out, err = run(capsys, "search", QUERY, "--json")
    assert code == 0 and json.loads(out)["articles"] and "writable by others" in err and err.count("\n") == 1
    assert not json.loads(out)["index"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["  "], "nothing to search for"),
        (["ab", "--fuzzy", "2"], "matches anything"),
        (["abc", "--fuzzy", "3"], "invalid choice"),
        (["abc", "--page", "0"], "must be above zero"),
        (["abc", "--folder", "/no/such/folder"], "no such folder"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys, argv, message):
    code, out, err = run(capsys, "search", *argv)
    assert code == 2 and out == "" and message in err and err.count("\n") == 1
