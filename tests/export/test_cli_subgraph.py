"""`kg export subgraph` end to end on a graph folder: format from the extension, stdout,
one-line errors (empty selection, unwritable target, unknown names) and non-zero exits."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.cli import app
from tests.graphs import write_graph
from tests.export.toy import ENERGY, toy


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    return write_graph(toy(), tmp_path_factory.mktemp("toygraph"))


def run(*args):
    return CliRunner().invoke(app, ["export", "subgraph", *map(str, args)])


def test_format_from_the_extension(graph, tmp_path):
    out = tmp_path / "energy.graphml"
    r = run("-g", graph, "--center", "市能源局", "-o", out)
    assert r.exit_code == 0, r.output
    g = nx.read_graphml(out)
    assert g.number_of_nodes() == 4 and g.nodes[ENERGY]["name"] == "曲靖市能源局"
    assert "wrote 4 nodes and 3 edges as graphml" in r.output


def test_stdout_with_format(graph):
    r = run("-g", graph, "--role", "lead", "-f", "node-link", "-o", "-")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert len(data["nodes"]) == 3 and len(data["edges"]) == 2


def test_empty_selection_says_so(graph, tmp_path):
    r = run("-g", graph, "--center", "市能源局", "--year", "1999", "-o", tmp_path / "x.gexf")
    assert r.exit_code != 0 and "the selection is empty" in r.output
    assert not (tmp_path / "x.gexf").exists()


def test_unwritable_target_is_refused_before_any_work(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    r = run("-g", tmp_path / "no-graph-here", "-o", blocker / "out.graphml")
    assert r.exit_code != 0
    assert "cannot be written" in r.output and "no graph model" not in r.output
    assert len(r.output.strip().splitlines()) == 1


@pytest.mark.parametrize("args, message", [
    (["--center", "能源厅", "-f", "gexf"], "did you mean 曲靖市能源局"),
    (["-o", "x.unknown"], "give --format"),
    (["-f", "pdf"], "no export format 'pdf'"),
    (["-f", "csv"], "writes a folder"),
    (["--year", "2022", "--since", "2022-01", "-f", "gexf"], "not both"),
])
def test_bad_options_are_one_line_errors(graph, args, message):
    r = run("-g", graph, *args)
    assert r.exit_code != 0 and message in r.output and "Traceback" not in r.output


def test_the_neo4j_formats_come_from_the_same_registry(graph, tmp_path):
    r = run("-g", graph, "--center", "市能源局", "-f", "cypher", "-o", tmp_path / "g.cypher")
    assert r.exit_code == 0 and "MERGE" in (tmp_path / "g.cypher").read_text("utf-8")
    r = run("-g", graph, "--center", "市能源局", "-f", "neo4j-admin", "-o", tmp_path / "admin")
    assert r.exit_code == 0 and (tmp_path / "admin" / "rels_LEADS_Agency_Task.csv").is_file()
