"""`newsread bookmarks`: add, list (JSON as in issue 5), rm, export and import."""

import contextlib
import io
import json
import shutil
import tracemalloc
from dataclasses import replace

import pytest
from conftest import SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.cli import bookmarks as cli_bookmarks
from tui.cli.common import print_json, print_json_items
from tui.engine.bookmarks import store as store_module
from tui.engine.bookmarks.bookmark import W3C_CONTEXT
from tui.engine.bookmarks.store import Store
from tui.main import main

from .test_cli import run

KEYS = {"id", "file", "article", "title", "quote", "note", "created", "orphaned", "anchor", "via_variant"}
SOLO = "003_d8c59b5a4561fd51.txt"
QUOTE = "2021年以来,甘肃全面实施乡村振兴战略"


def listing(capsys, *argv):
    code, out, err = run(capsys, "bookmarks", "--json", *argv)
    assert code == 0, err
    return json.loads(out)["bookmarks"]


@pytest.fixture
def news(tmp_path):
    folder = tmp_path / "news"
    shutil.copytree(SEEDS, folder)
    return folder


def test_add_then_list_as_json(capsys):
    code, out, err = run(capsys, "bookmarks", "add", "003#2", "--quote", QUOTE, "--note", "乡村振兴")
    assert code == 0 and err == ""
    (b,) = listing(capsys)
    assert set(b) == KEYS and b["id"] == out.strip()
    assert (b["file"], b["article"], b["title"]) == (SOLO, SOLO + "#2", "开创富民兴陇新局面")
    assert (b["quote"], b["note"], b["orphaned"], b["via_variant"]) == (QUOTE, "乡村振兴", False, False)
    assert b["anchor"] == {"ref": SOLO + "#2", "start": 60, "end": 60 + len(QUOTE)}
    assert b["created"].endswith("Z")


@pytest.mark.parametrize("value", ["-1", "0"])
def test_a_size_limit_below_one_byte_is_refused_after_the_action_too(capsys, value):
    code, out, err = run(capsys, "bookmarks", "add", "003#2", "--quote", QUOTE, "--max-bytes", value)
    assert code == 2 and out == "" and "must be above zero" in err and len(err.splitlines()) == 1
    assert listing(capsys) == []


def test_a_quote_not_in_the_article_is_a_one_line_error(capsys):
    code, out, err = run(capsys, "bookmarks", "add", "003#1", "--quote", QUOTE)
    assert code == 2 and out == ""
    assert err == f"newsread: the quote does not occur in {SOLO}#1\n"
    code, _, err = run(capsys, "bookmarks", "add", "999#1", "--quote", QUOTE)
    assert code == 2 and len(err.splitlines()) == 1
    assert listing(capsys) == []


def test_folder_option_before_or_after_the_action(capsys, news, tmp_path):
    assert run(capsys, "bookmarks", "--folder", str(news), "add", "003#2", "--quote", QUOTE)[0] == 0
    assert run(capsys, "bookmarks", "add", "001#1", "--quote", "服务重大战略", "--folder", str(news))[0] == 0
    assert len(listing(capsys, "--folder", str(news))) == 2
    assert len(listing(capsys)) == 2  # the bundled seeds hold the same files, so the passages are found there
    other = tmp_path / "other"
    other.mkdir()
    (other / "a.txt").write_text("无关的标题\n\n无关的正文。\n", encoding="utf-8")
    assert listing(capsys, "--folder", str(other)) == []


def test_list_shows_orphans_as_such(capsys, news):
    run(capsys, "bookmarks", "add", "003#2", "--quote", QUOTE, "--folder", str(news))
    path = news / SOLO
    path.write_text(path.read_text(encoding="utf-8").replace(QUOTE, ""), encoding="utf-8")
    (b,) = listing(capsys, "--folder", str(news))
    assert b["orphaned"] and b["anchor"] is None
    code, out, _ = run(capsys, "bookmarks", "--folder", str(news))
    assert code == 0 and "ORPHANED" in out and QUOTE in out


def test_rm_by_unique_prefix(capsys):
    _, first, _ = run(capsys, "bookmarks", "add", "003#2", "--quote", QUOTE)
    run(capsys, "bookmarks", "add", "003#2", "--quote", "陇原乡村万象更新")
    code, _, err = run(capsys, "bookmarks", "rm", first.strip()[:8])
    assert code == 0 and first.strip() in err
    assert [b["quote"] for b in listing(capsys)] == ["陇原乡村万象更新"]
    code, _, err = run(capsys, "bookmarks", "rm", "ffffffffffff")
    assert code == 2 and err == "newsread: no bookmark ffffffffffff\n"


def annotation(uid: str, exact: str, source: str = SOLO) -> dict:
    return {
        "@context": W3C_CONTEXT,
        "id": f"urn:uuid:{uid}",
        "type": "Annotation",
        "target": {"source": source, "selector": {"type": "TextQuoteSelector", "exact": exact}},
    }


def test_import_of_foreign_annotations_and_ambiguous_rm(capsys, tmp_path):
    foreign = tmp_path / "foreign.json"
    items = [annotation(f"aaaaaaaa-0000-4000-8000-00000000000{i}", QUOTE) for i in (1, 2)]
    foreign.write_text(json.dumps(items), encoding="utf-8")
    code, _, err = run(capsys, "bookmarks", "import", str(foreign))
    assert code == 0 and "imported 2 new" in err
    saved = listing(capsys)
    assert {b["anchor"]["ref"] for b in saved} == {SOLO + "#2"}
    code, _, err = run(capsys, "bookmarks", "rm", "aaaa")
    assert code == 2 and "ambiguous" in err
    assert all(b["id"] in err for b in saved)  # it names the candidates, as an ambiguous file prefix does


def test_export_then_import_into_an_empty_data_dir_gives_the_same_bookmarks(capsys, tmp_path, monkeypatch):
    run(capsys, "bookmarks", "add", "003#2", "--quote", QUOTE, "--note", "注")
    run(capsys, "bookmarks", "add", "001#1", "--quote", "服务重大战略")
    before = listing(capsys)
    out_file = tmp_path / "bookmarks.json"
    code, _, err = run(capsys, "bookmarks", "export", str(out_file))
    assert code == 0 and "exported 2" in err
    data = json.loads(out_file.read_text(encoding="utf-8"))
    assert data["type"] == "AnnotationCollection" and data["total"] == 2
    first = data["first"]["items"][0]
    assert first["type"] == "Annotation" and first["motivation"] == "bookmarking"
    assert {s["type"] for s in first["target"]["selector"]} == {"TextQuoteSelector", "TextPositionSelector"}
    monkeypatch.setenv("NEWSREAD_DATA_DIR", str(tmp_path / "empty"))
    assert listing(capsys) == []
    code, _, err = run(capsys, "bookmarks", "import", str(out_file))
    assert code == 0 and "imported 2 new bookmarks (0 already there)" in err
    assert listing(capsys) == before
    code, _, err = run(capsys, "bookmarks", "import", str(out_file))
    assert code == 0 and "imported 0 new bookmarks (2 already there)" in err
    assert listing(capsys) == before


def test_export_to_stdout(capsys):
    run(capsys, "bookmarks", "add", "003#2", "--quote", QUOTE)
    code, out, _ = run(capsys, "bookmarks", "export", "-")
    assert code == 0 and json.loads(out)["first"]["items"][0]["target"]["selector"][0]["exact"] == QUOTE


@pytest.mark.parametrize(
    "content", ["not json", '{"type": "AnnotationCollection", "first": {"items": [{"x": 1}]}}', "[1]"]
)
def test_import_of_a_bad_file_is_a_one_line_error(capsys, tmp_path, content):
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    code, _, err = run(capsys, "bookmarks", "import", str(bad))
    assert code == 2 and len(err.splitlines()) == 1 and "not W3C Web Annotation JSON" in err
    code, _, err = run(capsys, "bookmarks", "import", str(tmp_path / "missing.json"))
    assert code == 2 and err.startswith("newsread: cannot read")


def test_a_store_that_cannot_be_written_says_so(capsys, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("NEWSREAD_DATA_DIR", str(blocker / "data"))
    code, _, err = run(capsys, "bookmarks", "add", "003#2", "--quote", QUOTE)
    assert code == 2 and "bookmark not saved" in err and "not writable" in err and len(err.splitlines()) == 1
    code, out, err = run(capsys, "bookmarks", "--json")
    assert code == 0 and json.loads(out) == {"bookmarks": []} and "cannot be saved" in err


def test_lead_story_passage_deleted_lists_via_variant(capsys, news):
    lead = "001_f369ed2dbcb57396.txt"
    code, _out, _ = run(
        capsys,
        "bookmarks",
        "add",
        "001#1",
        "--quote",
        "服务重大战略。北京聚焦推动京津冀协同发展",
        "--folder",
        str(news),
    )
    assert code == 0
    text = (news / lead).read_text(encoding="utf-8")
    start = text.index("服务重大战略")
    (news / lead).write_text(text[:start] + text[text.index("\n\n", start) + 2 :], encoding="utf-8")
    (b,) = listing(capsys, "--folder", str(news))
    assert b["via_variant"] and not b["orphaned"] and b["anchor"]["ref"] == "002_9cc716cc01e6bbdf.txt#1"


def test_export_replaces_the_file_whole_and_reports_bad_places(capsys, tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    run(capsys, "bookmarks", "add", "003#2", "--quote", QUOTE)
    assert run(capsys, "bookmarks", "export", str(target))[0] == 0
    assert json.loads(target.read_text(encoding="utf-8"))["total"] == 1
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
    code, _, err = run(capsys, "bookmarks", "export", str(tmp_path / "missing" / "out.json"))
    assert code == 2 and err.startswith("newsread: cannot write")


def positioned(**position):
    selector = [{"type": "TextQuoteSelector", "exact": QUOTE}, {"type": "TextPositionSelector", **position}]
    return json.dumps({"type": "Annotation", "target": {"source": SOLO, "selector": selector}})


@pytest.mark.parametrize(
    "content,needle",
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        (positioned(start=0, end=10**400), "out of range"),
        (
            '{"type": "Annotation", "target": {"source": "a.txt", "selector": [{"type": "TextQuoteSelector", "exact": "x"}, {"type": "TextPositionSelector", "start": 1e400}]}}',
            "not a number",
        ),
        (positioned(start=-50, end=3), "out of range"),
        (positioned(start=9, end=3), "TextPositionSelector from 9 to 3"),
    ],
    ids=["deeply-nested", "huge-offset", "infinite-offset", "negative-offset", "end-before-start"],
)
def test_hostile_imports_are_one_line_errors(capsys, tmp_path, content, needle):
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    code, _, err = run(capsys, "bookmarks", "import", str(bad))
    assert code == 2 and len(err.splitlines()) == 1 and needle in err and "Traceback" not in err


def test_text_that_is_not_utf8_is_still_saved(capsys, tmp_path):
    lone = '{"type": "Annotation", "target": {"source": "%s", "selector": [{"type": "TextQuoteSelector", "exact": "\\ud800%s"}]}}'
    path = tmp_path / "lone.json"
    path.write_text(lone % (SOLO, QUOTE), encoding="utf-8")
    assert run(capsys, "bookmarks", "import", str(path))[0] == 0
    code, _out, _ = run(
        capsys, "bookmarks", "add", "003#2", "--quote", QUOTE, "--note", "\udcff"
    )  # argv of a non-UTF-8 locale
    assert code == 0
    quotes = sorted(b["quote"] for b in listing(capsys))
    assert quotes == sorted([QUOTE, "\ufffd" + QUOTE])


def test_export_refuses_what_is_not_a_regular_file_and_writes_through_links(capsys, tmp_path):
    import os

    run(capsys, "bookmarks", "add", "003#2", "--quote", QUOTE)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, _, err = run(capsys, "bookmarks", "export", str(fifo))
    assert code == 2 and "not a regular file" in err and fifo.is_fifo()
    target, link = tmp_path / "real.json", tmp_path / "link.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    link.symlink_to(target)
    assert run(capsys, "bookmarks", "export", str(link))[0] == 0
    assert link.is_symlink() and json.loads(target.read_text(encoding="utf-8"))["total"] == 1
    assert target.stat().st_mode & 0o777 == 0o644


def written(fn, *args) -> str:
    with contextlib.redirect_stdout(io.StringIO()) as buffer:
        fn(*args)
    return buffer.getvalue()


@settings(max_examples=60, deadline=None)
@given(key=st.text(max_size=5), items=st.lists(st.recursive(st.text() | st.integers(), lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=3), c, max_size=3), max_leaves=6), max_size=4))  # fmt: skip
def test_json_written_item_by_item_is_the_same_text(key, items):
    assert written(print_json_items, key, iter(items)) == written(print_json, {key: items})


def test_an_import_past_the_caps_is_refused_whole(capsys, tmp_path, monkeypatch):
    path = tmp_path / "many.json"
    items = [annotation(f"aaaaaaaa-0000-4000-8000-{i:012}", QUOTE) for i in range(6)]
    path.write_text(json.dumps(items), encoding="utf-8")
    monkeypatch.setattr(cli_bookmarks, "MAX_IMPORT_ITEMS", 5)
    code, _, err = run(capsys, "bookmarks", "import", str(path))
    assert code == 2 and err == f"newsread: {path}: 6 bookmarks; one import takes at most 5, split it\n"
    monkeypatch.setattr(cli_bookmarks, "MAX_IMPORT_BYTES", path.stat().st_size - 1)
    code, _, err = run(capsys, "bookmarks", "import", str(path))
    assert code == 2 and len(err.splitlines()) == 1 and "larger than" in err and "split it" in err
    assert listing(capsys) == []


class Counter(io.TextIOBase):
    """A stdout that keeps nothing: counts the bookmarks in a JSON listing as it goes by."""

    def __init__(self) -> None:
        self.count = 0

    def write(self, text: str) -> int:
        self.count += text.count('\n      "id": ')
        return len(text)


def peak_listing_memory(capsys, monkeypatch, tmp_path, count: int) -> int:
    monkeypatch.setenv("NEWSREAD_DATA_DIR", str(tmp_path / str(count)))
    with Store.open() as store:
        made = store.bookmark(run(capsys, "bookmarks", "add", "003#2", "--quote", QUOTE)[1].strip())
        store.import_bookmarks(replace(made, id=f"{i:032x}", note=f"note {i}") for i in range(count - 1))
    run(capsys, "bookmarks")  # caches warm
    sink = Counter()
    tracemalloc.start()
    with contextlib.redirect_stdout(sink):
        assert main(["bookmarks", "--json"]) == 0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert sink.count == count
    return peak


def test_listing_memory_does_not_grow_with_the_bookmarks(capsys, monkeypatch, tmp_path):
    """1,000,000 bookmarks took 3 GB: each is now printed as soon as it is placed (the store read a page at a time)."""
    monkeypatch.setattr(store_module, "PAGE", 100)
    small, large = (peak_listing_memory(capsys, monkeypatch, tmp_path, n) for n in (300, 3_000))
    assert large < 1.5 * small, (small, large)
