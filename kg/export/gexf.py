"""GEXF 1.3 for Gephi and Gephi Lite, dynamic: each node and fact carries its dates as a
spell (start, end), so the timeline filter shows the graph growing document by document.

Gephi shows a node's `label`, so the label is the name and the model label goes into
`kind`; an edge's type goes into its label and `kind` (GEXF's own edge `type` means
directed or undirected).
"""

from __future__ import annotations

import io

import networkx as nx

from kg.dating import Dating
from kg.export import register
from kg.export.base import Exporter
from kg.export.encode import emit, edge_fields, node_fields
from kg.model import GraphModel

# networkx 3.6 writes the XML Schema instance namespace without "www."
_XSI_WRONG = b'xmlns:xsi="http://w3.org/2001/XMLSchema-instance"'
_XSI = b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'


@register("gexf")
class GEXF(Exporter):
    name = "gexf"
    extensions = (".gexf",)

    def write(self, model: GraphModel) -> None:
        dating = Dating(model)
        g = nx.MultiDiGraph(mode="dynamic", timeformat="date")
        for n in model.nodes.values():
            attrs = node_fields(n, self.provenance)
            attrs["kind"] = attrs.pop("label")
            attrs["label"] = attrs.pop("name")
            if span := dating.node(n):
                attrs.update(start=span[0], end=span[1])
            g.add_node(n.id, **attrs)
        for i, e in enumerate(model.edges):
            attrs = edge_fields(e, self.provenance)
            attrs["kind"] = attrs.pop("type")
            attrs.update(label=attrs["kind"], id=str(i), fact=e.id)
            if span := dating.edge(e):
                attrs.update(start=span[0], end=span[1])
            g.add_edge(e.source, e.target, key=e.id, **attrs)
        buf = io.BytesIO()
        nx.write_gexf(g, buf, encoding="utf-8", version="1.3")
        emit(self.target, buf.getvalue().replace(_XSI_WRONG, _XSI, 1))
