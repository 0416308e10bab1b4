"""Turtle: the selection as RDF in the ontology's terms, provenance as kg:Evidence nodes
(prov:wasDerivedFrom). A selection that holds what the shapes require (a task's document,
an assignment's evidence: `--document`, `--issue`) conforms to ontology/shapes*.ttl."""

from __future__ import annotations

import pyoxigraph as ox

from kg.export import register
from kg.export.base import Exporter
from kg.export.encode import emit
from kg.export.rdf import serialize, triples
from kg.model import GraphModel


@register("turtle")
class Turtle(Exporter):
    name = "turtle"
    extensions = (".ttl",)

    def write(self, model: GraphModel) -> None:
        emit(self.target, serialize(triples(model, self.provenance), ox.RdfFormat.TURTLE))
