"""N-Quads with provenance in named graphs: each triple is in the graph named by each
evidence it was read from (a kg:Evidence, described in the default graph by its file,
lines and quote); triples read from no passage in particular (structure, the evidence
descriptions) are in the default graph. All graphs together hold the Turtle export's triples."""

from __future__ import annotations

import pyoxigraph as ox

from kg.export import register
from kg.export.base import Exporter
from kg.export.encode import emit
from kg.export.rdf import quads, serialize
from kg.model import GraphModel


@register("nquads")
class NQuads(Exporter):
    name = "nquads"
    extensions = (".nq",)

    def write(self, model: GraphModel) -> None:
        emit(self.target, serialize(quads(model, self.provenance), ox.RdfFormat.N_QUADS))
