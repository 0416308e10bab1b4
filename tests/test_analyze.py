"""kg analyze and kg path on the sample corpus's graph model (networkx)."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from typer.testing import CliRunner

from kg import analyze as nxa
from kg import query as canned
from kg.cli import app
from tests.test_query_pairs import model_of

runner = CliRunner()


@pytest.fixture(scope="module")
def model(built):
    return model_of(built[0])


def test_centrality_agrees_with_the_co_responsibility_query(model, graph):
    """Shared tasks per agency in networkx = the sum over its pairs in the SPARQL query."""
    _, pairs = canned.run(graph, "co-responsibility", {})
    per_agency = Counter()
    for p in pairs:
        per_agency[p["agency_a"]] += p["shared_tasks"]
        per_agency[p["agency_b"]] += p["shared_tasks"]
    rows = nxa.centrality(model)
    assert {r["agency"]: r["shared_tasks"] for r in rows} == dict(per_agency)
    assert len({r["agency"] for r in rows}) == len(rows)


def test_every_agency_is_in_one_community(model):
    g = nxa.co_responsibility(model)
    groups = nxa.communities(g)
    assert len(groups) >= 2 and sorted(n for c in groups for n in c) == sorted(g)


def test_leaders_with_the_widest_oversight(model):
    """曲政办发〔2022〕29号's table names three responsible leaders for its ten tasks (001:515–532)."""
    rows = {r["leader"]: r for r in nxa.oversight(model)}
    for leader in ("何长松", "陈志", "龚加武"):
        assert rows[leader]["tasks"] == 10 and rows[leader]["documents"] == "曲政办发〔2022〕29号"
        assert rows[leader]["main_units"].startswith("曲靖市能源局")


def test_analyze_cli_formats(built, model):
    result = runner.invoke(app, ["analyze", "--graph", str(built[0]), "--format", "json", "--top", "3"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert set(doc) == {"centrality", "communities", "leaders"} and len(doc["centrality"]) == 3
    csv_all = runner.invoke(app, ["analyze", "--graph", str(built[0]), "--format", "csv"])
    assert csv_all.exit_code == 2 and "--what" in csv_all.output


def test_path_steps_carry_their_source_line(built, model):
    result = runner.invoke(app, ["path", "刘本芳", "市能源局", "--graph", str(built[0]), "--format", "json"])
    assert result.exit_code == 0, result.output
    steps = json.loads(result.stdout)
    assert steps[0]["from"] == "刘本芳" and steps[-1]["to"] == "曲靖市能源局"
    assert all(s["source"] and s["line"] for s in steps)
    assert [s["step"] for s in steps] == list(range(1, len(steps) + 1))


def test_path_unknown_entity_is_one_line(built, model):
    result = runner.invoke(app, ["path", "无此人", "市能源局", "--graph", str(built[0])])
    assert result.exit_code == 2 and "no entity matches '无此人'" in result.output
