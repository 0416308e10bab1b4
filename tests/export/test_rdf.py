"""The graph model back as RDF: facts drawn as edges become the ontology's n-ary facts again,
plain edges their properties, provenance kg:Evidence (Turtle, JSON-LD) and named graphs (N-Quads)."""

from __future__ import annotations

import json

import pytest
from rdflib import Dataset, Graph, Namespace, URIRef
from rdflib.namespace import RDF

from kg.export import load_formats
from kg.select import Spec, select
from kg.namespaces import PREFIXES
from tests.export.toy import DOC, ENERGY, HUIZE_GOV, ISSUE, LEAD, TASK, toy

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's parsers call its own deprecated API
FORMATS = load_formats()
KGNS, PROV, DCTERMS = Namespace(PREFIXES["kg"]), Namespace(PREFIXES["prov"]), Namespace(PREFIXES["dcterms"])
E, T, D, I, L = URIRef(ENERGY), URIRef(TASK), URIRef(DOC), URIRef(ISSUE), URIRef(LEAD)


def written(fmt, tmp_path, provenance=True):
    path = tmp_path / f"g.{fmt}"
    FORMATS[fmt](path, provenance).write(select(toy(), Spec(documents=["曲政办发〔2022〕29号"])))
    return path


def test_a_lead_edge_is_an_assignment_again_with_its_shortcut(tmp_path):
    g = Graph().parse(written("turtle", tmp_path), format="turtle")
    assert (L, RDF.type, KGNS.Assignment) in g
    assert (g.value(L, KGNS.agent), g.value(L, KGNS.task), str(g.value(L, KGNS.cue))) == (E, T, "由…牵头")
    assert (E, KGNS.leads, T) in g and (T, DCTERMS.isPartOf, D) in g and (D, DCTERMS.isPartOf, I) in g
    evidence = g.value(L, PROV.wasDerivedFrom)
    assert (int(g.value(evidence, KGNS.lineStart)), str(g.value(evidence, KGNS.quote))) == (440, "市能源局")
    assert (URIRef(HUIZE_GOV), PROV.wasDerivedFrom, None) not in g  # an agency is not derived from its facts' lines


def test_named_graphs_are_the_evidence(tmp_path):
    ds = Dataset()
    ds.parse(written("nquads", tmp_path), format="nquads")
    (graph,) = {c for s, p, o, c in ds.quads((L, KGNS.role, None, None))}
    assert int(ds.default_graph.value(graph, KGNS.lineStart)) == 440
    assert {c for *_, c in ds.quads((T, DCTERMS.isPartOf, D, None))} == {ds.default_graph.identifier}


def test_jsonld_context_and_same_triples(tmp_path):
    path = written("jsonld", tmp_path)
    assert json.loads(path.read_text("utf-8"))["@context"]["kg"] == PREFIXES["kg"]
    assert set(Graph().parse(path, format="json-ld")) == set(Graph().parse(written("turtle", tmp_path)))


def test_no_provenance(tmp_path):
    g = Graph().parse(written("turtle", tmp_path, provenance=False))
    assert (L, KGNS.role, None) in g and not list(g.triples((None, PROV.wasDerivedFrom, None)))
