"""The build as per-issue jobs: cached fragments, parallel jobs, a folder swapped in as one unit, the graph model."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg import model as graph_model
from kg.build import build
from kg.cli import app
from kg.errors import InputError
from kg.graphdir import writing
from kg.store import load

from tests.conftest import FILES
from tests.graphs import triples

runner = CliRunner()


def model_lines(folder: Path) -> list[str]:
    from kg.graphdir import current

    return (current(folder) / graph_model.MODEL_FILE).read_text("utf-8").splitlines()


@pytest.fixture(scope="module")
def two_issues(tmp_path_factory):
    src = tmp_path_factory.mktemp("two")
    for key in ("002", "003"):
        shutil.copy(FILES[key], src)
    return src


def test_incremental_build_equals_clean_build(two_issues, tmp_path):
    out = tmp_path / "inc"
    build([two_issues / FILES["002"].name], out, jobs=1)
    again = build([two_issues], out, jobs=1)  # the second issue is new; the first comes from the cache
    assert [f.cached for f in again.fragments] == [True, False]
    assert again.timings["fragments_loaded"] == 1  # the store is the first build's plus the new issue
    assert again.timings["model_onto_base"] == 1  # and so is the model
    clean = tmp_path / "clean"
    build([two_issues], clean, jobs=2)
    assert triples(out) == triples(clean)
    assert model_lines(out) == model_lines(clean)
    manifest = lambda folder: json.loads((folder / "build.json").read_text("utf-8"))  # noqa: E731
    assert manifest(out)["content_hash"] == manifest(clean)["content_hash"]
    assert manifest(out)["sizes"] == manifest(clean)["sizes"]


def test_incremental_first_and_last_seen_against_the_committed_store(tmp_path):
    """001 then 000 added: 38 posts are seen in both, so the committed store's first and last seen are
    compared with the new issue's and the earlier or later kept, as a clean build keeps them."""
    src = tmp_path / "src"
    src.mkdir()
    for key in ("000", "001"):
        shutil.copy(FILES[key], src)
    out = tmp_path / "inc"
    build([src / FILES["001"].name], out, jobs=1)
    before = {line for line in triples(out) if "#firstSeen>" in line or "#lastSeen>" in line}
    again = build([src], out, jobs=1)
    assert again.timings["fragments_loaded"] == 1
    build([src], tmp_path / "clean", jobs=1)
    assert triples(out) == triples(tmp_path / "clean")
    after = {line for line in triples(out) if "#firstSeen>" in line or "#lastSeen>" in line}
    assert len(before - after) > 0  # some of the committed values were replaced, not only added to


def test_the_dump_is_the_store_a_file_per_issue(two_issues, tmp_path):
    """The dump links each issue's facts and adds the first and last seen the build kept: together
    exactly the store's triples, written the way the store writes them (decimals, escapes)."""
    import pyoxigraph as ox

    out = tmp_path / "g"
    build([two_issues], out, jobs=1)
    store = ox.Store.read_only(str(out / ".kg" / json.loads((out / "build.json").read_text("utf-8"))["generation"].split("/")[-1] / "store"))
    stored = ox.serialize(store.quads_for_pattern(None, None, None, ox.DefaultGraph()), format=ox.RdfFormat.N_QUADS).decode("utf-8")
    assert triples(out) == sorted(set(stored.splitlines()))
    issues = sorted(p.name for p in (out / "graph" / "issues").iterdir())
    assert issues == [FILES["002"].with_suffix(".nt").name, FILES["003"].with_suffix(".nt").name]
    seen = (out / "graph" / "seen.nt").read_text("utf-8").splitlines()
    assert seen and all("#firstSeen>" in line or "#lastSeen>" in line for line in seen)
    assert not any("#firstSeen>" in line for f in issues for line in (out / "graph" / "issues" / f).read_text("utf-8").splitlines())
    assert len({line.rsplit(" ", 2)[0] for line in seen}) == len(seen)  # one value kept per node and property


def test_same_graph_from_another_working_folder(two_issues, tmp_path, monkeypatch):
    monkeypatch.chdir(two_issues.parent)
    build([Path(two_issues.name)], tmp_path / "a", jobs=1)
    monkeypatch.chdir(tmp_path)
    build([two_issues], tmp_path / "b", jobs=1)
    assert triples(tmp_path / "a") == triples(tmp_path / "b")
    sources = {line.split(" ")[2] for line in triples(tmp_path / "a") if "#sourceFile>" in line}
    assert sources == {f'"{FILES["002"].name}"', f'"{FILES["003"].name}"'}


def test_same_input_same_bytes_whatever_the_hash_seed(tmp_path):
    """The build's content hash is over the dump's files as jobs write them: they must be the same bytes in
    every process, whatever order its string hashing gives the sets the facts come from."""
    import os
    import subprocess
    import sys

    hashes = []
    for seed in ("1", "2"):
        out = tmp_path / f"seed-{seed}"
        subprocess.run([sys.executable, "-m", "kg", "build", str(FILES["003"]), "--out", str(out), "--jobs", "1"],
                       env=dict(os.environ, PYTHONHASHSEED=seed), check=True, capture_output=True)
        hashes.append((json.loads((out / "build.json").read_text("utf-8"))["content_hash"],
                       (out / "graph" / "issues" / FILES["003"].with_suffix(".nt").name).read_bytes()))
    assert hashes[0] == hashes[1]


def test_fragments_of_other_code_are_removed(tmp_path):
    """Every key holds the code's version, so no build can use another version's fragments again: the
    build removes them (at 100× a version's fragments are 2.5 GB) and keeps its own."""
    out = tmp_path / "g"
    first = build([FILES["003"]], out, jobs=1)
    folder = first.fragment_folder
    (key,) = [f.key for f in first.ok]
    stale = folder / "0123456789abcdef01234567"
    for suffix in (".nt", ".seen.nt", ".model.jsonl", ".records.jsonl"):
        stale.with_name(stale.name + suffix).write_text("old", "utf-8")
    stale.with_name(stale.name + ".json").write_text(json.dumps({"key": stale.name, "code": "an older version"}), "utf-8")
    again = build([FILES["003"]], out, jobs=1)
    assert [f.cached for f in again.fragments] == [True]
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{key}{s}" for s in (".json", ".nt", ".seen.nt", ".model.jsonl", ".records.jsonl"))


def test_a_cut_graph_is_refused_not_read(two_issues, tmp_path):
    out = tmp_path / "g"
    build([two_issues], out, jobs=1)
    model_file = out / ".kg" / json.loads((out / "build.json").read_text("utf-8"))["generation"].split("/")[-1] / "model.jsonl"
    data = model_file.read_bytes()
    model_file.write_bytes(data[: data.rfind(b"\n", 0, len(data) // 2) + 1])  # cut at a line boundary
    with pytest.raises(InputError, match="does not match its manifest"):
        graph_model.read(out)
    result = runner.invoke(app, ["stats", "--graph", str(out)])
    assert result.exit_code == 2 and "does not match its manifest" in result.output and "Traceback" not in result.output


def test_a_folder_being_written_is_locked(tmp_path):
    with writing(tmp_path / "g"):
        with pytest.raises(InputError, match="another build is writing"):
            build([FILES["002"]], tmp_path / "g", jobs=1)


def test_a_failed_build_keeps_the_old_graph(two_issues, tmp_path):
    out = tmp_path / "g"
    build([two_issues], out, jobs=1)
    before = triples(out)
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(InputError):
        build([tmp_path / "empty.txt"], out, jobs=1)
    assert triples(out) == before and len(load(out)) == len(before)


def test_model_draws_assignments_as_role_edges(built, graph):
    m = graph_model.read(built[0])
    leads = [e for e in m.edges if e.type == "LEADS"]
    rdf_leads = list(graph.query("PREFIX kg: <https://w3id.org/cn-gazette-kg/ns#> SELECT (COUNT(*) AS ?c) WHERE { ?a a kg:Assignment ; kg:role 'lead' }"))
    assert len(leads) == int(rdf_leads[0][0]) > 100
    # 001:168 prints （牵头单位：市交通运输局…）: the edge carries role, cue and the quoted source.
    e = next(e for e in leads if e.props["mention"] == "市交通运输局" and e.provenance[0].file == FILES["001"].name and e.provenance[0].line_start == 168)
    assert (e.props["role"], e.props["cue"], e.props["mention"]) == ("lead", "牵头单位", "市交通运输局")
    assert m.nodes[e.source].name == "曲靖市交通运输局" and m.nodes[e.target].label == "Task"
    ndrc = next(n for n in m.nodes.values() if n.name == "曲靖市发展和改革委员会")
    assert {"市发改委", "市发展改革委"} <= set(ndrc.props["alias"])
    # Shortcut properties (kg:leads) are not drawn a second time.
    assert not [e for e in m.edges if e.source == e.target]
    assignments = list(graph.query("PREFIX kg: <https://w3id.org/cn-gazette-kg/ns#> SELECT (COUNT(*) AS ?c) WHERE { ?a a kg:Assignment }"))
    assert len([e for e in m.edges if e.type in ("LEADS", "RESPONSIBLE_FOR", "COOPERATES_ON", "PARTICIPATES_IN", "OVERSEES")]) == int(assignments[0][0])


def test_occupancy_first_and_last_seen_merge_across_issues(built):
    m = graph_model.read(built[0])
    holds = [e for e in m.edges if e.type == "HOLDS" and "firstSeen" in e.props]
    assert holds and all(e.props["firstSeen"] <= e.props["lastSeen"] for e in holds)
    assert any(e.props["firstSeen"] < e.props["lastSeen"] for e in holds)  # a post seen in two issues spans both


def _fragment_models(built) -> list[Path]:
    result = built[1]
    return [result.fragment_folder / f"{f.key}.model.jsonl" for f in sorted(result.ok, key=lambda f: f.label)]


def test_model_merge_streams_in_groups_and_in_any_order(built, tmp_path, monkeypatch):
    from kg.model import merge

    parts = _fragment_models(built)
    merge.merge_files(parts, tmp_path / "one.jsonl", tmp_path / "s1")
    monkeypatch.setattr(merge, "FAN_IN", 2)  # four fragments: joined two by two, then together
    merge.merge_files(list(reversed(parts)), tmp_path / "grouped.jsonl", tmp_path / "s2")
    assert (tmp_path / "grouped.jsonl").read_bytes() == (tmp_path / "one.jsonl").read_bytes() == b"\n".join(
        line.encode("utf-8") for line in model_lines(built[0])) + b"\n"
    assert not (tmp_path / "s2").exists()  # intermediate files removed


def test_model_merge_leaves_out_edges_to_nodes_no_fragment_holds(built, tmp_path):
    from kg.model import merge

    first = _fragment_models(built)[0]
    lines = first.read_text("utf-8").splitlines()
    people = [json.loads(x)["id"] for x in lines if '"label": "Person"' in x]
    person = next(p for p in people if any(f'"{p}"' in x and '"kind": "edge"' in x for x in lines))
    cut = tmp_path / "cut.model.jsonl"
    cut.write_text("\n".join(x for x in lines if not (x.startswith('{"kind": "node"') and json.loads(x)["id"] == person)) + "\n", "utf-8")
    touching = sum(1 for x in lines if '"kind": "edge"' in x and person in (json.loads(x)["source"], json.loads(x)["target"]))
    alone = merge.merge_files([cut], tmp_path / "alone.jsonl", tmp_path / "s")
    assert alone.dangling == touching > 0
    joined = merge.merge_files([cut, first], tmp_path / "joined.jsonl", tmp_path / "s")
    assert joined.dangling == 0  # the other fragment holds the person: its edges are drawn


@pytest.mark.parametrize("scan", [1, None])
def test_model_onto_a_base_is_the_model_merged_in_full(built, tmp_path, monkeypatch, scan):
    """An incremental build copies the committed model's lines and puts the new issues' items in their
    place: for every way of splitting the sample into a base and the issues added, the same bytes and
    counts as merging all four fragments (with the binary search taken down to single lines, too)."""
    import itertools

    from kg.model import merge

    if scan:
        monkeypatch.setattr(merge._Lines, "SCAN", scan)
    parts = _fragment_models(built)
    full = merge.merge_files(parts, tmp_path / "full.jsonl", tmp_path / "s")
    for n in range(len(parts) + 1):
        for chosen in itertools.combinations(parts, n):
            base = merge.merge_files(list(chosen), tmp_path / "base.jsonl", tmp_path / "s")
            onto = merge.merge_onto(tmp_path / "base.jsonl", base.counts, [p for p in parts if p not in chosen], tmp_path / "onto.jsonl", tmp_path / "s")
            assert onto is not None and onto.counts == full.counts, chosen
            assert (tmp_path / "onto.jsonl").read_bytes() == (tmp_path / "full.jsonl").read_bytes(), chosen


def test_model_onto_a_base_gives_way_when_a_property_becomes_a_list(built, tmp_path):
    """A value that makes a property a list everywhere changes the base's lines: merged in full instead."""
    from kg.model import merge

    first = _fragment_models(built)[0]
    lines = first.read_text("utf-8").splitlines()
    agency = next(json.loads(x) for x in lines if '"label": "Agency"' in x and '"agencyType"' in x)
    agency["props"]["agencyType"] = "something else"
    other = tmp_path / "other.model.jsonl"
    other.write_text(lines[0] + "\n" + json.dumps(agency, ensure_ascii=False) + "\n", "utf-8")
    base = merge.merge_files([first], tmp_path / "base.jsonl", tmp_path / "s")
    assert merge.merge_onto(tmp_path / "base.jsonl", base.counts, [other], tmp_path / "onto.jsonl", tmp_path / "s") is None
    assert not (tmp_path / "onto.jsonl").exists() and not (tmp_path / "s").exists()


def test_dask_local_cluster_builds_the_same_graph(two_issues, tmp_path):
    serial = build([two_issues], tmp_path / "serial", jobs=1)
    dask = build([two_issues], tmp_path / "dask", dask="local")
    assert [f.label for f in dask.fragments] == [f.label for f in serial.fragments]
    assert triples(tmp_path / "dask") == triples(tmp_path / "serial")
    assert model_lines(tmp_path / "dask") == model_lines(tmp_path / "serial")


def test_an_unreachable_dask_scheduler_is_one_line(tmp_path):
    result = runner.invoke(app, ["build", str(FILES["002"]), "--out", str(tmp_path / "g"), "--dask", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2 and "cannot reach the scheduler" in result.output


def test_fragment_records_are_json_lines_read_back_equal(built):
    from kg.pipeline.job import process

    job = process(FILES["002"], FILES["002"].name, "")
    fragment = next(f for f in built[1].ok if f.label == FILES["002"].name)
    lines = (built[1].fragment_folder / f"{fragment.key}.records.jsonl").read_bytes().splitlines()
    assert json.loads(lines[0])["type"] == "Issue" and len(lines) == 1 + len(job.records)
    issue, records = next((i, r) for i, r in built[1]._loaded() if i.file == FILES["002"].name)
    assert records == job.records and issue.documents == job.issue.documents and issue.toc == job.issue.toc
