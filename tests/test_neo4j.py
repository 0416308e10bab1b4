"""Loading the graph model into a real Bolt server (ArcadeDB, started by the `bolt` fixture)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from kg.errors import InputError
from kg.model import Edge, GraphModel, Node, Source, dump_lines
from tests.graphs import write_graph
from kg.neo4j_store import Neo4jStore
from tests.graphs import write_graph

HOSTILE = "x' }) DETACH DELETE n //"


def small_model(extra: int = 0) -> GraphModel:
    """Two agencies leading one task of one document, as the model of a duty table has them."""
    src = Source("data/gazettes/qujing/001_aec869a62786b268.txt", 515, 515, "市能源局牵头", "responsibilities")
    m = GraphModel(prop_types={"date_document": "date", "dueBy": "date", "alias": "string"})
    m.nodes["doc:1"] = Node("doc:1", "Document", "曲政办发〔2022〕29号", {"id_local": "曲政办发〔2022〕29号", "date_document": "2022-04-20"}, [src])
    m.nodes["task:1"] = Node("task:1", "Task", "制定招标方案", {"taskText": "制定招标方案", "dueBy": "2022-04-15"}, [src])
    m.nodes["agency:energy"] = Node("agency:energy", "Agency", "曲靖市能源局", {"agencyType": "department", "alias": ["市能源局", "能源局"]}, [src])
    m.nodes["agency:hostile"] = Node("agency:hostile", "Agency", HOSTILE, {"agencyType": "other"}, [src])
    m.edges.append(Edge("assignment:1", "LEADS", "agency:energy", "task:1", {"role": "lead", "cue": "牵头"}, [src]))
    m.edges.append(Edge("assignment:2", "COOPERATES_ON", "agency:hostile", "task:1", {"role": "cooperate", "cue": "配合"}, [src]))
    m.edges.append(Edge("task:1|IS_PART_OF|doc:1", "IS_PART_OF", "task:1", "doc:1"))
    for k in range(extra):
        m.nodes[f"task:x{k}"] = Node(f"task:x{k}", "Task", f"任务{k}", {"taskText": f"任务{k}"})
        m.edges.append(Edge(f"assignment:x{k}", "LEADS", "agency:energy", f"task:x{k}", {"role": "lead"}))
    return m


def test_load_is_idempotent_and_keeps_provenance_on_the_fact(neo):
    first = neo.load(small_model())
    assert (first.nodes, first.relationships) == (4, 3)
    assert neo.counts() == (4, 3)
    neo.load(small_model())
    assert neo.counts() == (4, 3)
    _, rows = neo.cypher("MATCH (a:Agency)-[r:LEADS]->(t:Task) RETURN a.name, a.alias, r.role, r.prov_file, r.prov_line_start, r.prov_quote, t.dueBy", {})
    name, alias, role, files, lines, quotes, due = rows[0]
    assert (name, sorted(alias), role, lines, quotes) == ("曲靖市能源局", ["市能源局", "能源局"], "lead", [515], ["市能源局牵头"])
    assert files[0].endswith("001_aec869a62786b268.txt") and due.iso_format() == "2022-04-15"


def test_hostile_text_is_a_value(neo):
    neo.load(small_model())
    _, rows = neo.cypher("MATCH (a:Agency) WHERE a.name = $name RETURN a.id", {"name": HOSTILE})
    assert rows == [["agency:hostile"]] and neo.counts() == (4, 3)


def test_a_new_build_adds_what_is_new_and_leaves_nothing_stale(neo):
    neo.load(small_model(extra=5))
    assert neo.counts() == (9, 8)
    report = neo.load(small_model())
    assert neo.counts() == (4, 3) and (report.removed_nodes, report.removed_relationships) == (5, 5)


def test_a_killed_load_reruns_to_completion(neo, bolt, tmp_path):
    """Kill a loader process mid-way, load again: the database holds exactly the model."""
    model = small_model(extra=3000)
    path = tmp_path / "model.jsonl"
    path.write_text("\n".join(dump_lines(model)) + "\n", encoding="utf-8")
    script = ("import sys; from pathlib import Path; from kg.model import parse_lines; from kg.neo4j_store import Neo4jStore\n"
              "m = parse_lines(Path(sys.argv[1]).read_text('utf-8').splitlines())\n"
              "Neo4jStore(*sys.argv[2:6]).load(m, batch=100)\n")
    proc = subprocess.Popen([sys.executable, "-c", script, str(path), *bolt], start_new_session=True)
    deadline = time.monotonic() + 120
    while neo.counts()[1] < 300 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = neo.counts()
    assert partial[1] < 3003, "the load finished before it could be killed: make the model larger"
    neo.load(model)
    assert neo.counts() == (3004, 3003)


def test_one_line_errors(bolt):
    uri, user, password, database = bolt
    cases = {
        "refused user 'root'": (uri, user, "wrong-password", database),
        "no database named 'nope'": (uri, user, password, "nope"),
        "cannot reach a Bolt server": ("bolt://127.0.0.1:9", user, password, database),
    }
    for expected, args in cases.items():
        with pytest.raises(InputError) as exc:
            Neo4jStore(*args)
        assert expected in str(exc.value) and "\n" not in str(exc.value)
    with Neo4jStore(*bolt) as store, pytest.raises(InputError, match="refused a read query statement"):
        store.cypher("MATC (n) RETURN n", {})


def test_a_label_outside_the_ontology_is_refused(neo):
    model = small_model()
    model.nodes["evil"] = Node("evil", "Agency) DETACH DELETE n //", "x")
    with pytest.raises(InputError, match="not declared in the ontology"):
        neo.load(model)


def test_cypher_script_loads_the_same_graph(neo, tmp_path):
    from kg.export.cypher import CypherScript

    target = tmp_path / "graph.cypher"
    CypherScript(target).write(small_model())
    script = target.read_text("utf-8")
    assert HOSTILE.replace("'", "\\'") in script and "date('2022-04-15')" in script
    for statement in script.split(";\n"):
        body = "\n".join(line for line in statement.splitlines() if not line.startswith("//")).strip()
        if body:
            neo.driver.execute_query(body, database_=neo.database)
    assert neo.counts() == (4, 3)
    _, rows = neo.cypher("MATCH (a:Agency)-[r:COOPERATES_ON]->(:Task) RETURN a.name, r.prov_line_start", {})
    assert rows == [[HOSTILE, [515]]]


def test_neo4j_admin_csv_headers(tmp_path):
    import csv

    from kg.export.neo4j_admin import ARRAY_DELIMITER, Neo4jAdminCSV

    Neo4jAdminCSV(tmp_path).write(small_model())
    with (tmp_path / "nodes_Agency.csv").open(encoding="utf-8") as fh:
        agencies = list(csv.reader(fh))
    header = agencies[0]
    assert header[:2] == ["id:ID(Agency)", ":LABEL"] and "alias:string[]" in header and "prov_line_start:long[]" in header
    energy = dict(zip(header, next(r for r in agencies if r[0] == "agency:energy")))
    assert energy["alias:string[]"].split(ARRAY_DELIMITER) == ["市能源局", "能源局"]
    with (tmp_path / "nodes_Task.csv").open(encoding="utf-8") as fh:
        assert "dueBy:date" in next(csv.reader(fh))
    with (tmp_path / "rels_LEADS_Agency_Task.csv").open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == [":START_ID(Agency)", ":END_ID(Task)", ":TYPE"] and rows[1][:3] == ["agency:energy", "task:1", "LEADS"]
    assert "--relationships=rels_LEADS_Agency_Task.csv" in (tmp_path / "import.sh").read_text()


def _env(monkeypatch, bolt, password=None):
    uri, user, pw, database = bolt
    for key, value in (("URI", uri), ("USER", user), ("DATABASE", database), ("PASSWORD", password or pw)):
        monkeypatch.setenv(f"KG_NEO4J_{key}", value)


def test_cli_load_and_query_on_the_bolt_server(neo, bolt, tmp_path, monkeypatch):
    import json

    from typer.testing import CliRunner

    from kg.cli import app

    write_graph(small_model(), tmp_path)
    _env(monkeypatch, bolt)
    runner = CliRunner()
    loaded = runner.invoke(app, ["load", "neo4j", "--graph", str(tmp_path)])
    assert loaded.exit_code == 0 and "4 nodes, 3 relationships" in loaded.stdout, loaded.output
    result = runner.invoke(app, ["query", "agencies", "--store", "neo4j", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {r["agency_name"]: (r["lead"], r["cooperate"], r["aliases"]) for r in json.loads(result.stdout)}
    assert rows == {"曲靖市能源局": (1, 0, "市能源局、能源局"), HOSTILE: (0, 1, None)}
    unknown = runner.invoke(app, ["query", "agency-profile", "--store", "neo4j", "--param", "agency=市能源"])
    assert unknown.exit_code == 2 and "no agency matches" in unknown.output


def test_cli_password_only_from_the_environment(bolt, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from kg.cli import app

    write_graph(small_model(), tmp_path)
    runner = CliRunner()
    _env(monkeypatch, bolt, password="wrong-password")
    wrong = runner.invoke(app, ["load", "neo4j", "--graph", str(tmp_path)])
    assert wrong.exit_code == 2 and "refused user 'root'" in wrong.output and len(wrong.output.strip().splitlines()) == 1
    assert "wrong-password" not in wrong.output
    monkeypatch.delenv("KG_NEO4J_PASSWORD")
    missing = runner.invoke(app, ["load", "neo4j", "--graph", str(tmp_path)])
    assert missing.exit_code == 2 and "set KG_NEO4J_PASSWORD" in missing.output
    options = {o for p in __import__("typer").main.get_command(app).commands["load"].commands["neo4j"].params for o in p.opts}
    assert not any("password" in o for o in options)
