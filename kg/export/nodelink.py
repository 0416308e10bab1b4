"""Node-link JSON for D3 (networkx's node_link_data with `edges="edges"` set explicitly,
so the key does not change with networkx's default). JSON carries lists as lists."""

from __future__ import annotations

import json

import networkx as nx

from kg.export import register
from kg.export.base import Exporter
from kg.export.encode import emit
from kg.export.view import to_networkx
from kg.model import GraphModel

EDGES_KEY = "edges"


@register("node-link")
class NodeLink(Exporter):
    name = "node-link"
    extensions = (".json",)

    def write(self, model: GraphModel) -> None:
        data = nx.node_link_data(to_networkx(model, self.provenance, scalars=False), edges=EDGES_KEY)
        emit(self.target, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
