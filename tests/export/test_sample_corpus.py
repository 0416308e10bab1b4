"""Subgraphs of the real build of the sample corpus, written in every format and read back with
the library the users' tools rely on. The known assignment: 曲政办发〔2022〕29号, line 440 of
001_aec869a62786b268.txt, "（二）健全协调联动机制。由市能源局牵头统筹2022年开工光伏发电项目建设…":
市能源局 leads, cue 由…牵头."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pyshacl
import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, XSD

from kg.export import load_formats
from kg.model import read
from kg.select import Spec, select
from kg.namespaces import PREFIXES
from kg.vocab import shapes_graph
from tests.conftest import FILES

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's parsers call its own deprecated API
FORMATS = load_formats()
KGNS = Namespace(PREFIXES["kg"])
PROV = Namespace(PREFIXES["prov"])
LINE = 440
TEXT = FILES["001"].read_text("utf-8").splitlines()[LINE - 1]


@pytest.fixture(scope="module")
def model(built):
    return read(built[0])


@pytest.fixture(scope="module")
def doc29(model):
    return select(model, Spec(documents=["曲政办发〔2022〕29号"]))


def the_lead(selection):
    (edge,) = [e for e in selection.edges if e.type == "LEADS" and any(s.line_start == LINE and s.file.endswith(FILES["001"].name) for s in e.provenance)]
    return edge


def write(fmt, model, path, provenance=True):
    FORMATS[fmt](path, provenance).write(model)
    return path


def test_the_known_assignment_is_in_the_document_selection(doc29):
    lead = the_lead(doc29)
    assert doc29.nodes[lead.source].name == "曲靖市能源局"
    assert (lead.props["role"], lead.props["cue"], lead.props["mention"]) == ("lead", "由…牵头", "市能源局")
    assert lead.provenance[0].quote in TEXT and "市能源局" in lead.provenance[0].quote
    assert lead.props["sourceDocument"] == ["曲政办发〔2022〕29号"]
    assert doc29.nodes[lead.target].label == "Task" and "健全协调联动机制" in doc29.nodes[lead.target].name


def test_lead_role_around_the_energy_bureau_matches_the_lead_units_query(model, graph):
    from kg import query as canned

    selection = select(model, Spec(centers=["市能源局"], roles=["lead"]))
    (energy,) = [n.id for n in selection.nodes.values() if n.name == "曲靖市能源局"]
    tasks = {e.target for e in selection.edges if e.source == energy}
    _, rows = canned.run(graph, "lead-units", {"expand": "no"})  # units as written, as the graph's edges are
    (row,) = [r for r in rows if r["agency_name"] == "曲靖市能源局"]
    assert len(tasks) == row["tasks"] > 5


@pytest.mark.parametrize("fmt, read_back", [
    ("graphml", lambda p: nx.read_graphml(p, force_multigraph=True)),
    ("gexf", lambda p: nx.read_gexf(p, version="1.3")),
    ("node-link", lambda p: nx.node_link_graph(json.loads(p.read_text("utf-8")), edges="edges")),
])
def test_networkx_formats(tmp_path, doc29, fmt, read_back):
    g = read_back(write(fmt, doc29, tmp_path / "g"))
    assert (g.number_of_nodes(), g.number_of_edges()) == (len(doc29.nodes), len(doc29.edges))
    lead = the_lead(doc29)
    edges = g.edges(keys=True, data=True) if g.is_multigraph() else ((u, v, d.get("id"), d) for u, v, d in g.edges(data=True))
    (attrs,) = [d for u, v, k, d in edges if lead.id in (k, d.get("fact"))]
    assert (attrs["role"], attrs["cue"], attrs["source_line"]) == ("lead", "由…牵头", LINE)
    assert attrs["quote"] == lead.provenance[0].quote


def test_csv(tmp_path, doc29):
    folder = write("csv", doc29, tmp_path / "csv")
    nodes = list(csv.DictReader((folder / "nodes.csv").open(encoding="utf-8")))
    edges = list(csv.DictReader((folder / "edges.csv").open(encoding="utf-8")))
    assert (len(nodes), len(edges)) == (len(doc29.nodes), len(doc29.edges))
    (row,) = [e for e in edges if e["id"] == the_lead(doc29).id]
    assert (row["role"], row["cue"], row["source_line"], row["sourceDocument"]) == ("lead", "由…牵头", str(LINE), "曲政办发〔2022〕29号")


def oxigraph_parse(path, fmt="ox-turtle"):
    """Read as the project's store does; copied into a memory graph for pySHACL. (rdflib's own parser
    reads "lead" untyped, which pySHACL then finds missing from the shapes' "lead"^^xsd:string lists.)"""
    store = Graph(store="Oxigraph").parse(path, format=fmt)
    g = Graph()
    for t in store:
        g.add(t)
    return g


def test_turtle_conforms_to_the_shapes_and_holds_the_selection(tmp_path, doc29):
    path = write("turtle", doc29, tmp_path / "g.ttl")
    g = Graph().parse(path, format="turtle")
    lead = URIRef(the_lead(doc29).id)
    assert {str(o) for o in g.objects(lead, KGNS.role)} == {"lead"}
    assert {str(o) for o in g.objects(lead, KGNS.cue)} == {"由…牵头"}
    (evidence,) = g.objects(lead, PROV.wasDerivedFrom)
    assert int(g.value(evidence, KGNS.lineStart)) == LINE and str(g.value(evidence, KGNS.quote)) in TEXT
    labelled = {str(s) for s in g.subjects(RDF.type, None) if str(s) in doc29.nodes}
    assert labelled == set(doc29.nodes)
    facts = [e for e in doc29.edges if " " not in e.id]  # n-ary facts keep their IRI; plain edges are triples
    assert all((URIRef(e.id), RDF.type, None) in g for e in facts)
    conforms, _, text = pyshacl.validate(oxigraph_parse(path), shacl_graph=shapes_graph(), inference="none")
    assert conforms, text[:2000]


def test_nquads_put_each_fact_in_the_graph_of_its_evidence(tmp_path, doc29):
    nq = write("nquads", doc29, tmp_path / "g.nq")
    ds = Dataset()
    ds.parse(nq, format="nquads")
    turtle = Graph().parse(write("turtle", doc29, tmp_path / "g.ttl"))
    union = {t for t in ds.quads((None, None, None, None))}
    assert {(s, p, o) for s, p, o, _ in union} == set(turtle)
    lead = URIRef(the_lead(doc29).id)
    (graph_name,) = {c for s, p, o, c in union if s == lead and p == KGNS.role}
    assert int(ds.default_graph.value(graph_name, KGNS.lineStart)) == LINE
    assert (graph_name, RDF.type, KGNS.Evidence) in ds.default_graph


def test_jsonld_has_a_context_and_the_turtle_triples(tmp_path, doc29):
    path = write("jsonld", doc29, tmp_path / "g.jsonld")
    data = json.loads(path.read_text("utf-8"))
    assert data["@context"]["kg"] == PREFIXES["kg"]
    g = Graph().parse(path, format="json-ld")
    assert set(g) == set(Graph().parse(write("turtle", doc29, tmp_path / "g.ttl")))
    assert (URIRef(the_lead(doc29).id), KGNS.role, Literal("lead")) in g


def test_rdf_without_provenance_has_no_evidence(tmp_path, doc29):
    g = Graph().parse(write("turtle", doc29, tmp_path / "g.ttl", provenance=False))
    assert not list(g.subjects(RDF.type, KGNS.Evidence)) and not list(g.triples((None, PROV.wasDerivedFrom, None)))


def test_ftm_entities(tmp_path, doc29):
    from followthemoney import model as ftm

    path = write("ftm", doc29, tmp_path / "g.ftm.json")
    proxies = [ftm.get_proxy(json.loads(line)) for line in path.read_text("utf-8").splitlines()]
    agencies = [p for p in proxies if p.schema.name == "PublicBody"]
    assert len(agencies) == sum(1 for n in doc29.nodes.values() if n.label == "Agency")
    energy = next(p for p in agencies if p.get("name") == ["曲靖市能源局"])
    docs = [p for p in proxies if p.schema.name == "Documentation" and p.get("entity") == [energy.id]
            and any(r.endswith(f":{LINE}-{LINE}") for r in p.get("recordId"))]
    assert [d.get("role") for d in docs] == [["lead"]]
    document = next(p for p in proxies if p.id == docs[0].get("document")[0])
    assert "曲政办发〔2022〕29号" in document.get("summary") + document.get("title")
    ids = {p.id for p in proxies}
    for p in proxies:
        for prop, values in p.properties.items():
            if p.schema.properties[prop].type.name == "entity":
                assert set(values) <= ids


def test_query_rows_on_the_command_line(built, graph):
    from typer.testing import CliRunner

    from kg import query as canned
    from kg.cli import app

    params = {"year": "2022", "expand": "no"}
    _, rows = canned.run(graph, "lead-units", params)
    r = CliRunner().invoke(app, ["export", "subgraph", "-g", str(built[0]), "--query", "lead-units", "-f", "node-link", "-o", "-",
                                 *[a for k, v in params.items() for a in ("--param", f"{k}={v}")]])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert {n["id"] for n in data["nodes"]} == {row["agency"] for row in rows} and len(rows) > 10
