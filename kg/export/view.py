"""The networkx graph GraphML, GEXF and node-link JSON are written from.

A MultiDiGraph keyed by node id and edge id (two facts between the same agency and
task stay two edges). Node attributes: label (Agency, Task …), name, the node's
properties and its provenance fields; edge attributes: type (LEADS …), the fact's
properties and provenance. `scalars=True` joins lists for the XML formats.
"""

from __future__ import annotations

import networkx as nx

from kg.export.encode import edge_fields, node_fields
from kg.model import GraphModel


def to_networkx(model: GraphModel, provenance: bool, scalars: bool = True) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for n in model.nodes.values():
        g.add_node(n.id, **node_fields(n, provenance, scalars))
    for e in model.edges:
        g.add_edge(e.source, e.target, key=e.id, **edge_fields(e, provenance, scalars))
    return g
