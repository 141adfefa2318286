"""Search through the index: the same hits as reading every article, paged, kept up with the folder."""

import os
import sqlite3
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.engine.search.test_spans import ALPHABET, brute_exact
from tui.engine.ingest.corpuscache import load_cached
from tui.engine.search import search as search_mod
from tui.engine.search.fold import folded
from tui.engine.search.index import Index, Unavailable, index_dir
from tui.engine.search.search import QueryError, Search

# Paragraphs of a small alphabet so that queries hit; articles are "# title" blocks, three blank lines apart.
paragraphs = st.text(ALPHABET.replace("\n", ""), min_size=1, max_size=60).map(str.strip).filter(bool)
articles = st.lists(paragraphs, min_size=1, max_size=3).map(lambda ps: "# 題\n\n" + "\n\n".join(ps))
files = st.lists(st.lists(articles, min_size=1, max_size=3).map("\n\n\n\n".join), min_size=1, max_size=4)


def write(folder, texts):
    for old in folder.glob("*.txt"):
        old.unlink()
    for n, text in enumerate(texts):
        (folder / f"f{n}.txt").write_text(text + "\n", encoding="utf-8")


def every_page(search: Search) -> list[tuple[str, list[int]]]:
    out, n = [], 1
    while True:
        page = search.page(n)
        out += [(f.article.id, [s for s, _, _ in f.spans]) for f in page.found]
        if page.done:
            return out
        n += 1


def brute(corpus, query) -> list[tuple[str, list[int]]]:
    out = [(a.id, brute_exact(folded(a.text), folded(query))) for a in corpus.articles]
    return [hit for hit in out if hit[1]]


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(search_mod, "PAGE_ARTICLES", 2)


@pytest.fixture
def streamed(monkeypatch):
    """Candidates past the first two come from the index one at a time, as the index gives them."""
    monkeypatch.setattr(search_mod, "SORTED", 2)
    monkeypatch.setattr(search_mod, "CHUNK", 1)


@given(files, st.text(ALPHABET.replace("\n", ""), min_size=1, max_size=5).filter(str.strip))
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_exact_hits_through_the_index_are_those_of_reading_every_article(
    tmp_path_factory, small_pages, streamed, texts, query
):
    folder = tmp_path_factory.mktemp("folder")
    write(folder, texts)
    corpus = load_cached(folder)
    index = Index(folder)
    index.sync(corpus)
    search = Search(corpus, query, 0, index)
    assert every_page(search) == brute(corpus, query)
    assert search.how == ("index" if len(query) >= 3 else search.how) and search.how


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "news"
    d.mkdir()
    write(
        d,
        ["# 上海新聞\n\n上海市政府今日宣布新政。\n\n\n\n# Second\n\nThe Prefident spoke.", "# 北京\n\n北京大学开学。"],
    )
    return d


def hits(folder, query, edits=0):
    corpus = load_cached(folder)
    index = Index(folder)
    index.sync(corpus)
    search = Search(corpus, query, edits, index)
    page = search.page(1)
    assert search.how == "index"
    return [(f.article.id, [folded(f.article.text)[s:e] for s, e, _ in f.spans]) for f in page.found]


def test_fuzzy_hits_through_the_index(folder):
    assert hits(folder, "president", 1) == [("f0.txt#2", ["prefident"])]
    assert hits(folder, "上海市政俯今日", 1) == [("f0.txt#1", ["上海市政府今日"])]
    assert hits(folder, "上海市政俯今日", 0) == []


def test_a_changed_file_and_a_removed_one_are_seen(folder):
    assert hits(folder, "北京大学") == [("f1.txt#1", ["北京大学"])]
    time.sleep(0.01)
    (folder / "f1.txt").write_text("# 北京\n\n清华大学开学。\n", encoding="utf-8")
    assert hits(folder, "北京大学") == []
    assert hits(folder, "清华大学") == [("f1.txt#1", ["清华大学"])]
    (folder / "f1.txt").unlink()
    assert hits(folder, "清华大学") == []
    assert hits(folder, "上海市政府") == [("f0.txt#1", ["上海市政府"])]


def test_a_changed_file_costs_only_itself(folder):
    hits(folder, "上海市")
    index = Index(folder)
    db = sqlite3.connect(index.path)
    before = dict(db.execute("SELECT relpath, slot FROM files").fetchall())
    (folder / "f1.txt").write_text("# 北京\n\n清华大学开学。\n", encoding="utf-8")
    hits(folder, "清华大学")
    after = dict(db.execute("SELECT relpath, slot FROM files").fetchall())
    assert after[b"f0.txt"] == before[b"f0.txt"] and after[b"f1.txt"] != before[b"f1.txt"]


@pytest.mark.parametrize("damage", [b"not a database at all" * 100, b""])
def test_a_damaged_index_is_built_again_not_a_traceback(folder, damage):
    hits(folder, "北京大学")
    path = Index(folder).path
    data = path.read_bytes()
    path.write_bytes(data[:100] + damage + data[100 + len(damage) :] if damage else b"SQLite format 3\0garbage")
    assert hits(folder, "北京大学") == [("f1.txt#1", ["北京大学"])]


def test_a_damaged_index_found_while_searching_falls_back_to_reading(folder):
    corpus = load_cached(folder)
    index = Index(folder)
    index.sync(corpus)
    index.db.execute("DROP TABLE fts_data")  # the FTS table's segments gone under it
    search = Search(corpus, "北京大学", 0, index)
    assert search.how.startswith("reading every article: search index not used")
    assert [f.article.id for f in search.page(1).found] == ["f1.txt#1"]
    assert not index.path.exists()  # deleted, built again by the next sync
    index.sync(corpus)
    assert Search(corpus, "北京大学", 0, index).how == "index"


def test_an_index_of_another_folder_or_code_is_a_miss(folder):
    hits(folder, "北京大学")
    db = sqlite3.connect(Index(folder).path)
    db.execute("UPDATE meta SET value = 'other' WHERE key = 'code'")
    db.commit()
    assert hits(folder, "北京大学") == [("f1.txt#1", ["北京大学"])]


def test_an_index_others_could_write_is_not_used(folder):
    corpus = load_cached(folder)
    Index(folder).sync(corpus)
    os.chmod(Index(folder).path, 0o666)
    with pytest.raises(Unavailable, match="writable by others"):
        Index(folder).sync(corpus)
    search = Search(corpus, "北京大学", 0, None)
    assert [f.article.id for f in search.page(1).found] == ["f1.txt#1"]


def test_the_index_is_made_private(folder):
    Index(folder).sync(load_cached(folder))
    assert index_dir().stat().st_mode & 0o777 == 0o700
    assert Index(folder).path.stat().st_mode & 0o777 == 0o600


def test_an_index_over_the_cap_is_not_built(folder, monkeypatch):
    monkeypatch.setenv("NEWSREAD_CACHE_MAX_BYTES", "1000")
    with pytest.raises(Unavailable, match="over the cache cap"):
        Index(folder).sync(load_cached(folder))
    assert not Index(folder).path.exists()


def test_the_least_recently_used_index_of_another_folder_is_evicted(folder, tmp_path, monkeypatch):
    other = tmp_path / "other"
    other.mkdir()
    write(other, ["# x\n\n另一个文件夹。"])
    Index(other).sync(load_cached(other))
    Index(folder).sync(load_cached(folder))
    sizes = [Index(f).path.stat().st_size for f in (other, folder)]
    monkeypatch.setenv("NEWSREAD_CACHE_MAX_BYTES", str(sum(sizes) - 1))
    Index(folder).sync(load_cached(folder))
    assert Index(folder).path.exists() and not Index(other).path.exists()


def test_pages_come_in_folder_order_and_end(folder, small_pages):
    for n in range(3, 8):
        (folder / f"f{n}.txt").write_text(f"# {n}\n\n上海第{n}。\n", encoding="utf-8")
    corpus = load_cached(folder)
    index = Index(folder)
    index.sync(corpus)
    (folder / "f3.txt").write_text("# 3\n\n上海第三號。\n", encoding="utf-8")  # a new slot, later than the rest
    corpus = load_cached(folder)
    index.sync(corpus)
    search = Search(corpus, "上海第", 0, index)
    ids = [f.article.id for n in (1, 2, 3) for f in search.page(n).found]
    assert ids == ["f3.txt#1", "f4.txt#1", "f5.txt#1", "f6.txt#1", "f7.txt#1"]
    assert search.page(3).done and not search.page(1).done


def test_past_the_sorted_few_candidates_come_as_the_index_gives_them(folder, small_pages, streamed):
    for n in range(3, 8):
        (folder / f"f{n}.txt").write_text(f"# {n}\n\n上海第{n}。\n", encoding="utf-8")
    corpus = load_cached(folder)
    index = Index(folder)
    index.sync(corpus)
    (folder / "f3.txt").write_text("# 3\n\n上海第三號。\n", encoding="utf-8")  # indexed again: last
    corpus = load_cached(folder)
    index.sync(corpus)
    search = Search(corpus, "上海第", 0, index)
    assert search.page(1).total is None
    ids = [f.article.id for n in (1, 2, 3) for f in search.page(n).found]
    assert ids == ["f4.txt#1", "f5.txt#1", "f6.txt#1", "f7.txt#1", "f3.txt#1"]
    assert search.page(3).done and not search.page(2).done


def test_a_page_reads_a_bounded_amount(folder, monkeypatch):
    monkeypatch.setattr(search_mod, "PAGE_CHARS", 1)
    corpus = load_cached(folder)
    search = Search(corpus, "北", 0, None)  # one character: every article is read
    assert [p.looked for p in (search.page(1), search.page(2), search.page(3))] == [1, 2, 3]
    assert [f.article.id for n in (1, 2, 3) for f in search.page(n).found] == ["f1.txt#1"]


@pytest.mark.parametrize(
    ("query", "edits", "message"),
    [("  ", 0, "nothing to search for"), ("abc", 3, "edits must be 0 to 2"), ("ab", 2, "matches anything")],
)
def test_a_query_that_cannot_be_searched_says_why(folder, query, edits, message):
    with pytest.raises(QueryError, match=message):
        Search(load_cached(folder), query, edits, None)


def test_a_stopped_build_keeps_what_it_wrote_and_the_next_sync_finishes_it(folder, monkeypatch):
    from tui.engine.search import index as index_mod

    monkeypatch.setattr(index_mod, "BATCH_CHARS", 0)  # a transaction per file
    monkeypatch.setattr(index_mod, "OPTIMIZE_AFTER", 0)  # a bulk write

    def stop(n, total):
        raise KeyboardInterrupt

    corpus = load_cached(folder)
    with pytest.raises(KeyboardInterrupt):
        Index(folder).sync(corpus, stop)
    db = sqlite3.connect(Index(folder).path)
    assert db.execute("SELECT relpath FROM files").fetchall() == [(b"f0.txt",)]
    assert db.execute("SELECT value FROM meta WHERE key = 'merged'").fetchone() == (0,)
    assert hits(folder, "北京大学") == [("f1.txt#1", ["北京大学"])]
    assert db.execute("SELECT value FROM meta WHERE key = 'merged'").fetchone() == (1,)
    assert db.execute("SELECT slot FROM files WHERE relpath = ?", (b"f0.txt",)).fetchone() == (1,)


def test_a_name_that_is_not_utf8_is_indexed_and_found(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9.txt")
    (folder / name).write_text("# x\n\n上海市政府今日宣布。\n", encoding="utf-8")
    assert hits(folder, "上海市政府") == [(f"{name}#1", ["上海市政府"])]
    assert hits(folder, "上海市政府") == [(f"{name}#1", ["上海市政府"])]  # and again, from its saved stamp
