"""The one graph model: nodes and edges with properties and provenance.

Every backend reads this model: the RDF store is written from the same facts, and
Neo4j, networkx, the pages and every exporter read `model.jsonl` through `read()`.
No reader of the model parses text or queries a store.

The projection from facts to the model is driven by the ontology
(`ontology/model.ttl`): which classes become nodes and under which label, which
n-ary classes (an assignment, a participation, an occupancy, a group membership,
a citation) are drawn as edges between two of their properties, and which direct
properties are shortcuts of those edges (so they are not drawn twice). Evidence
is folded into the `provenance` of the node or edge it supports.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

import orjson

Scalar = Union[str, int, float, bool]
Value = Union[Scalar, list[Scalar]]

MODEL_FILE = "model.jsonl"


@dataclass(frozen=True)
class Source:
    """Where a node or an edge was read: file relative to the input root, line span, quote, extractor."""

    file: str
    line_start: int
    line_end: int
    quote: str
    extractor: str = ""

    def to_json(self) -> dict[str, object]:
        return {"file": self.file, "line_start": self.line_start, "line_end": self.line_end, "quote": self.quote, "extractor": self.extractor}


@dataclass
class Node:
    """An entity. `label` is one of the ontology's node labels (Agency, Person, Task, Document …)."""

    id: str  # the entity IRI, stable across builds
    label: str
    name: str
    props: dict[str, Value] = field(default_factory=dict)
    provenance: list[Source] = field(default_factory=list)


@dataclass
class Edge:
    """A relation. `type` is an ontology edge type (LEADS, PARTICIPATED_IN, HOLDS, IS_PART_OF …).

    Edges drawn from n-ary facts carry the fact's properties (role, cue, mention,
    deadline; a participant's role and verb; an occupancy's first and last seen) and
    the fact's own provenance; `id` is then the fact's IRI.
    """

    id: str
    type: str
    source: str
    target: str
    props: dict[str, Value] = field(default_factory=dict)
    provenance: list[Source] = field(default_factory=list)


@dataclass
class GraphModel:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    prop_types: dict[str, str] = field(default_factory=dict)  # property key → string | integer | decimal | date | boolean

    def edges_of(self, node_id: str) -> Iterator[Edge]:
        return (e for e in self.edges if e.source == node_id or e.target == node_id)

    def by_label(self, label: str) -> list[Node]:
        return [n for n in self.nodes.values() if n.label == label]

    def to_networkx(self):  # -> networkx.MultiDiGraph (imported lazily: read commands that never draw skip it)
        """A MultiDiGraph keyed by node id; node attributes label, name and props; edge key = edge id.

        A property named like one of those attributes (kg:label, an attachment's printed label)
        keeps its value under `prop_<name>`.
        """
        import networkx as nx

        g = nx.MultiDiGraph()
        for n in self.nodes.values():
            g.add_node(n.id, **_attrs(n.props, ("label", "name")), label=n.label, name=n.name)
        for e in self.edges:
            g.add_edge(e.source, e.target, key=e.id, **_attrs(e.props, ("type", "key")), type=e.type)
        return g


def _attrs(props: dict[str, Value], reserved: tuple[str, ...]) -> dict[str, Value]:
    return {(f"prop_{k}" if k in reserved else k): v for k, v in props.items()}


def _source(d: dict) -> Source:
    return Source(d["file"], d["line_start"], d["line_end"], d["quote"], d.get("extractor", ""))


def dump_lines(model: GraphModel) -> Iterator[str]:
    """JSON lines: one header line (prop types), then nodes sorted by id, then edges sorted by id."""
    yield header_line(model.prop_types)
    for n in sorted(model.nodes.values(), key=lambda n: n.id):
        yield node_line(n)
    for e in sorted(model.edges, key=lambda e: (e.id, e.type, e.source, e.target)):
        yield edge_line(e)


def header_line(prop_types: dict[str, str]) -> str:
    return json.dumps({"kind": "header", "prop_types": dict(sorted(prop_types.items()))}, ensure_ascii=False)


def node_line(n: Node) -> str:
    return json.dumps({"kind": "node", "id": n.id, "label": n.label, "name": n.name, "props": n.props,
                       "provenance": [s.to_json() for s in n.provenance]}, ensure_ascii=False)


def edge_line(e: Edge) -> str:
    return json.dumps({"kind": "edge", "id": e.id, "type": e.type, "source": e.source, "target": e.target, "props": e.props,
                       "provenance": [s.to_json() for s in e.provenance]}, ensure_ascii=False)


def _loads(line: str) -> dict:
    try:
        return orjson.loads(line)
    except orjson.JSONDecodeError:  # NaN or Infinity, which json writes and orjson refuses
        return json.loads(line)


def parse_lines(lines: Iterable[str]) -> GraphModel:
    model = GraphModel()
    for line in lines:
        if not line.strip():
            continue
        d = _loads(line)
        kind = d.get("kind")
        if kind == "header":
            model.prop_types = d.get("prop_types", {})
        elif kind == "node":
            model.nodes[d["id"]] = Node(d["id"], d["label"], d["name"], d.get("props", {}), [_source(s) for s in d.get("provenance", [])])
        elif kind == "edge":
            model.edges.append(Edge(d["id"], d["type"], d["source"], d["target"], d.get("props", {}), [_source(s) for s in d.get("provenance", [])]))
    return model


def read(folder: Path) -> GraphModel:
    """The model of a built graph folder (`kg build --out FOLDER`)."""
    from kg.errors import InputError
    from kg.graphdir import current

    path = current(folder) / MODEL_FILE
    try:
        with path.open(encoding="utf-8") as fh:
            return parse_lines(fh)
    except (ValueError, KeyError) as exc:
        raise InputError(f"{path}: damaged graph model ({exc})") from None
