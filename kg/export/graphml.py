"""GraphML for yEd and Cytoscape (scalars only: lists joined, missing values left out)."""

from __future__ import annotations

import io

import networkx as nx

from kg.export import register
from kg.export.base import Exporter
from kg.export.encode import emit
from kg.export.view import to_networkx
from kg.model import GraphModel


@register("graphml")
class GraphML(Exporter):
    name = "graphml"
    extensions = (".graphml",)

    def write(self, model: GraphModel) -> None:
        buf = io.BytesIO()
        nx.write_graphml(to_networkx(model, self.provenance), buf, encoding="utf-8", named_key_ids=True)
        emit(self.target, buf.getvalue())
