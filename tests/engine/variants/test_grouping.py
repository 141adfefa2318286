"""Variant grouping: the seeds' lead story, containment and its limits, scores, progress."""

from pathlib import Path

import pytest

from tui.engine.ingest.load import load
from tui.engine.variants.groupcache import find_groups
from tui.engine.variants.grouping import prepare
from tui.engine.variants.shingles import grouping_key

LEAD = {
    "000_0ea74b706e051f9e.txt#1",
    "000_0ea74b706e051f9e.txt#2",
    "001_f369ed2dbcb57396.txt#1",
    "002_9cc716cc01e6bbdf.txt#1",
}


@pytest.fixture(scope="module")
def seed_corpus():
    return load()


def test_seeds_hold_exactly_one_group_the_lead_story(seed_corpus):
    groups = find_groups(seed_corpus, cache=False)
    assert len(groups) == 1
    g = groups[0]
    assert {m.article_id for m in g.members} == LEAD
    assert [w.siglum for w in g.witnesses] == ["000", "001", "002"]
    assert [a.index for a in g.witnesses[0].articles] == [1, 2]  # both parts of 000, in file order
    assert g.base in {"000", "001", "002"}


def test_scores_are_shares_and_the_base_is_the_most_central(seed_corpus):
    g = find_groups(seed_corpus, cache=False)[0]
    for m in g.members:
        assert 0.0 < m.coverage <= 1.0 and 0.0 < m.similarity <= 1.0
        assert (m.similarity == 1.0) == (m.siglum == g.base)
    # 001 lacks a paragraph that 000 and 002 carry: the base is not 001
    assert g.base != "001"
    by_id = {m.article_id: m for m in g.members}
    assert by_id["001_f369ed2dbcb57396.txt#1"].similarity < 0.99


def test_progress_reports_every_phase_to_its_end(seed_corpus):
    calls = []
    find_groups(seed_corpus, cache=False, progress=lambda done, total: calls.append((done, total)))
    assert calls and all(0 < d <= t for d, t in calls)
    assert calls[0][1] == len(seed_corpus.articles)
    assert calls[-1][0] == calls[-1][1]


def render(title: str, paragraphs: list[str]) -> str:
    return f"# {title}\n\n" + "\n\n".join(paragraphs) + "\n"


def write_pages(folder: Path, pages: dict[str, list[tuple[str, list[str]]]]) -> Path:
    folder.mkdir()
    for name, articles in pages.items():
        (folder / name).write_text("\n\n\n\n".join(render(t, ps) for t, ps in articles), encoding="utf-8")
    return folder


def body(corpus, ref: str) -> list[str]:
    return [p.text for p in corpus.article(ref).paragraphs if p.kind == "body"]


def member_sets(folder: Path) -> list[set[str]]:
    return [{m.article_id for m in g.members} for g in find_groups(load(folder), cache=False)]


def test_abridged_reprint_is_a_variant(tmp_path, seed_corpus):
    pars = body(seed_corpus, "003_d8c59b5a4561fd51.txt#2")
    abridged = pars[: round(len(pars) * 0.6)]
    folder = write_pages(
        tmp_path / "f", {"a.txt": [("开创富民兴陇新局面", pars)], "b.txt": [("开创富民兴陇新局面", abridged)]}
    )
    assert member_sets(folder) == [{"a.txt#1", "b.txt#1"}]


def test_story_split_by_a_jump_page_groups_both_parts(tmp_path, seed_corpus):
    pars = body(seed_corpus, "003_d8c59b5a4561fd51.txt#2")
    half = len(pars) // 2
    folder = write_pages(
        tmp_path / "f",
        {
            "a.txt": [("开创富民兴陇新局面", pars)],
            "b.txt": [("开创富民兴陇新局面", pars[:half]), ("富民兴陇 开创新局", pars[half:])],
        },
    )
    assert member_sets(folder) == [{"a.txt#1", "b.txt#1", "b.txt#2"}]


def test_stories_sharing_boilerplate_sentences_are_not_variants(tmp_path, seed_corpus):
    shared = [
        "微信扫一扫长按识别进入读者交流群获取更多权威资讯与深度报道内容。",
        "“我们要以钉钉子精神抓好各项工作落实，确保取得实实在在的成效。”",
    ]
    assert all(len(s) >= 30 for s in shared)
    a = body(seed_corpus, "003_d8c59b5a4561fd51.txt#4")
    b = body(seed_corpus, "004_80446cc888259cef.txt#3")
    folder = write_pages(
        tmp_path / "f",
        {"a.txt": [("四部门发文", [shared[0], *a, shared[1]])], "b.txt": [("城市体检", [shared[0], *b, shared[1]])]},
    )
    assert member_sets(folder) == []


def test_short_stories_sharing_under_100_characters_are_not_variants(tmp_path, seed_corpus):
    """Two 30+ character sentences are over half of each side, but under 100 characters."""
    shared = [
        "各级党组织要坚持以人民为中心的发展思想，切实把群众的操心事烦心事揪心事办好办实。",
        "要把学习贯彻党的二十大精神同推动本地区本部门工作结合起来，抓好各项任务落实。",
    ]
    a = [body(seed_corpus, "001_f369ed2dbcb57396.txt#6")[0][:40] + "。"]
    b = [body(seed_corpus, "001_f369ed2dbcb57396.txt#7")[0][:40] + "。"]
    folder = write_pages(
        tmp_path / "f",
        {"a.txt": [("以军空袭", [shared[0], *a, shared[1]])], "b.txt": [("苏丹村庄", [shared[0], *b, shared[1]])]},
    )
    assert member_sets(folder) == []
    side = min(len(it.norm) for it in prepare(load(folder).articles))
    assert 60 <= sum(len(grouping_key(p)) for p in shared) < 100 and side < 120  # over half of the shorter side


def test_short_item_groups_only_with_its_own_copy(tmp_path, seed_corpus):
    item = seed_corpus.article("001_f369ed2dbcb57396.txt#4")
    text = body(seed_corpus, item.id)
    assert len(text) == 1
    quoting = body(seed_corpus, "004_80446cc888259cef.txt#3")
    folder = write_pages(
        tmp_path / "f",
        {
            "a.txt": [(item.title, text)],
            "b.txt": [(item.title, [text[0].replace("，", ",")])],
            # a longer story quoting the whole item, headline and all (over 100 characters)
            "c.txt": [("住房城乡建设", [quoting[0], f"“{item.title}”", text[0], *quoting[1:]])],
        },
    )
    assert member_sets(folder) == [{"a.txt#1", "b.txt#1"}]


def test_one_file_alone_makes_no_group(tmp_path, seed_corpus):
    pars = body(seed_corpus, "003_d8c59b5a4561fd51.txt#2")
    folder = write_pages(tmp_path / "f", {"a.txt": [("开创富民兴陇新局面", pars), ("开创富民兴陇新局面", pars)]})
    assert member_sets(folder) == []


def test_editions_in_traditional_and_simplified_script_group(tmp_path, seed_corpus):
    import opencc

    from tui.engine.diff.compare import compare

    pars = body(seed_corpus, "003_d8c59b5a4561fd51.txt#2")
    to_traditional = opencc.OpenCC("s2t").convert
    traditional = [to_traditional(p) for p in pars]
    assert traditional != pars
    folder = write_pages(
        tmp_path / "f",
        {"a.txt": [("开创富民兴陇新局面", pars)], "b.txt": [(to_traditional("开创富民兴陇新局面"), traditional)]},
    )
    assert member_sets(folder) == [{"a.txt#1", "b.txt#1"}]
    changes = [c for row in compare(pars, traditional).rows for c in row.changes]
    assert sum(c.kind == "script" for c in changes) > 20
    # OpenCC's phrase rules write 了解 as 瞭解, which a character fold cannot undo: a rare content change
    assert sum(c.kind == "content" for c in changes) <= 2
