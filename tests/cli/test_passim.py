"""passim round trip: the export reads back with passim's fields; passim's clusters become newsread's groups."""

from __future__ import annotations

import json
from pathlib import Path

from tui.engine.ingest.load import load

from .test_cli import run

WEEK = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "chronam-1916-04-week1" / "19160405"


def exported(capsys, tmp_path, *folder) -> list[dict]:
    code, _, err = run(capsys, "export", "--passim", str(tmp_path), *folder)
    assert code == 0 and "wrote" in err
    with open(tmp_path / "newsread-passim.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def test_export_of_the_seeds_reads_back(capsys, tmp_path, seeds):
    records = exported(capsys, tmp_path)
    corpus = load(seeds)
    assert [r["id"] for r in records] == [a.id for a in corpus.articles]
    for rec, article in zip(records, corpus.articles):
        assert rec["series"] == article.file and rec["text"] == article.raw
        assert rec.get("title", "") == ("" if article.untitled else article.title)


def test_export_of_a_day_of_pages_carries_dates(capsys, tmp_path):
    records = exported(capsys, tmp_path, "--folder", str(WEEK))
    assert records and all(set(r) >= {"id", "series", "text"} for r in records)
    assert {r.get("date") for r in records} == {"1916-04-05"}


def test_export_read_back_as_a_folder_of_json_lines(capsys, tmp_path, seeds):
    records = exported(capsys, tmp_path)
    again = load(tmp_path)
    assert len(again.articles) == len(records)
    assert {f.relpath.rsplit("/", 1)[-1] for f in again.files} == {r["series"] for r in records}
    assert all(f.format == "jsonl" for f in again.files)


def write_clusters(folder: Path, members: list[str], corpus) -> Path:
    out = folder / "out.json"
    out.mkdir(parents=True)
    lines = [
        json.dumps({"cluster": 42, "size": len(members), "id": m, "begin": 0, "end": len(corpus.article(m).raw)})
        for m in members
    ]
    lines.append(json.dumps({"cluster": 42, "size": 1, "id": "nowhere.txt#9", "begin": 0, "end": 5}))
    (out / "part-00000").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / "_SUCCESS").write_text("", encoding="utf-8")
    return folder


def test_passim_cluster_of_the_lead_story_is_newsreads_group(capsys, tmp_path, seeds):
    code, out, _ = run(capsys, "variants", "--json")
    own = json.loads(out)["groups"][0]
    members = [m["id"] for m in own["members"]]
    passim_out = write_clusters(tmp_path / "passim", members, load(seeds))
    code, out, err = run(capsys, "variants", "--json", "--passim-clusters", str(passim_out))
    assert code == 0 and "1 passage ids not in the folder" in err and "nowhere.txt#9" in err
    (group,) = json.loads(out)["groups"]
    assert group["base"] == own["base"]
    assert [(m["id"], m["siglum"]) for m in group["members"]] == [(m["id"], m["siglum"]) for m in own["members"]]
    code, out, _ = run(capsys, "variants", "--passim-clusters", str(tmp_path / "absent"))
    assert code == 2
