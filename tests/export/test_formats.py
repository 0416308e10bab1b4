"""Every format is read back with the library its users' tools rely on; counts and the lead
assignment's role, cue and quote survive the trip."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pytest

from kg.export import load_formats
from kg.select import Spec, select
from tests.export.toy import ENERGY, LEAD, TASK, toy

FORMATS = load_formats()


@pytest.fixture(scope="module")
def selection():
    return select(toy(), Spec(documents=["曲政办发〔2022〕29号"]))  # 7 nodes, 7 edges


def write(fmt, model, path, provenance=True):
    FORMATS[fmt](path, provenance).write(model)
    return path


def lead_attrs(g):
    """The lead assignment's attributes, by its id (a multigraph's key, or the id GraphML and GEXF write)."""
    edges = g.edges(keys=True, data=True) if g.is_multigraph() else ((u, v, d.get("id"), d) for u, v, d in g.edges(data=True))
    return next(d for u, v, k, d in edges if LEAD in (k, d.get("fact"), d.get("id")))


@pytest.mark.parametrize("fmt, read", [
    ("graphml", nx.read_graphml),
    ("gexf", lambda p: nx.read_gexf(p, version="1.3")),
    ("node-link", lambda p: nx.node_link_graph(json.loads(p.read_text("utf-8")), edges="edges")),
])
def test_networkx_reads_back_counts_and_the_lead_fact(tmp_path, selection, fmt, read):
    g = read(write(fmt, selection, tmp_path / f"g.{fmt}"))
    assert g.number_of_nodes() == len(selection.nodes) == 7
    assert g.number_of_edges() == len(selection.edges) == 7
    lead = lead_attrs(g)
    assert (lead["role"], lead["cue"], lead["quote"], lead["source_line"]) == ("lead", "由…牵头", "市能源局", 440)
    assert lead["sourceDocument"] in ("曲政办发〔2022〕29号", ["曲政办发〔2022〕29号"])
    name = "label" if fmt == "gexf" else "name"
    assert g.nodes[ENERGY][name] == "曲靖市能源局"


def test_graphml_lists_are_joined_and_nothing_is_none(tmp_path, selection):
    text = write("graphml", selection, tmp_path / "g.graphml").read_text("utf-8")
    g = nx.read_graphml(tmp_path / "g.graphml")
    assert g.nodes[ENERGY]["alias"] == "市能源局; 曲靖市能源局"
    assert "None" not in text


def test_node_link_keeps_lists_and_uses_the_edges_key(tmp_path, selection):
    data = json.loads(write("node-link", selection, tmp_path / "g.json").read_text("utf-8"))
    assert "edges" in data and "links" not in data
    node = next(n for n in data["nodes"] if n["id"] == ENERGY)
    assert node["alias"] == ["市能源局", "曲靖市能源局"]


def test_gexf_is_1_3_and_dynamic_with_each_fact_dated(tmp_path, selection):
    path = write("gexf", selection, tmp_path / "g.gexf")
    text = path.read_text("utf-8")
    assert 'xmlns="http://gexf.net/1.3"' in text and 'version="1.3"' in text and 'mode="dynamic"' in text
    assert 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' in text
    g = nx.read_gexf(path, version="1.3")
    lead = lead_attrs(g)
    assert (lead["start"], lead["end"], lead["label"]) == ("2022-04-20", "2022-04-20", "LEADS")


def test_no_provenance_drops_source_quote_and_document(tmp_path, selection):
    g = nx.read_graphml(write("graphml", selection, tmp_path / "g.graphml", provenance=False))
    lead = lead_attrs(g)
    assert lead["role"] == "lead" and not {"quote", "source_file", "source_line", "sourceDocument"} & set(lead)


def test_csv_nodes_and_edges(tmp_path, selection):
    folder = write("csv", selection, tmp_path / "out")
    nodes = list(csv.DictReader((folder / "nodes.csv").open(encoding="utf-8")))
    edges = list(csv.DictReader((folder / "edges.csv").open(encoding="utf-8")))
    assert len(nodes) == 7 and len(edges) == 7
    lead = next(e for e in edges if e["id"] == LEAD)
    assert (lead["source"], lead["target"], lead["role"], lead["cue"], lead["quote"]) == (ENERGY, TASK, "lead", "由…牵头", "市能源局")


def test_ftm_entities_load_in_followthemoney(tmp_path):
    from followthemoney import model as ftm

    path = write("ftm", select(toy(), Spec()), tmp_path / "g.ftm.json")
    proxies = [ftm.get_proxy(json.loads(line)) for line in path.read_text("utf-8").splitlines()]
    by_schema: dict[str, list] = {}
    for p in proxies:
        by_schema.setdefault(p.schema.name, []).append(p)
    assert {k: len(v) for k, v in by_schema.items()} == {
        "PublicBody": 4, "Person": 1, "Position": 1, "Event": 1, "Document": 2,
        "Occupancy": 1, "Membership": 2, "Documentation": 4,
    }
    ids = {p.id for p in proxies}
    for p in proxies:  # every entity reference points at an entity in the file
        for prop, value in p.properties.items():
            if p.schema.properties[prop].type.name == "entity":
                assert set(value) <= ids, (p.schema.name, prop)
    energy = next(p for p in by_schema["PublicBody"] if "曲靖市能源局" in p.get("name"))
    lead = next(d for d in by_schema["Documentation"] if d.get("entity") == [energy.id] and "由" not in "".join(d.get("role")))
    assert lead.get("role") == ["lead"] and lead.get("description") == ["市能源局"]
    doc = next(p for p in by_schema["Document"] if p.id == lead.get("document")[0])
    assert "曲政办发〔2022〕29号" in doc.get("summary") + doc.get("title")
    event = by_schema["Event"][0]
    assert event.get("organizer") == event.get("involved") == [by_schema["Person"][0].id]
