"""The fragments of all issues → one graph model, the same whatever the order of the issues.

A node or edge read in several issues (an agency, a person, an occupancy) is one:
its property values are joined; `kg:mergeBy` in the ontology says which take the
minimum or maximum instead (an occupancy's first and last seen). A property that
has more than one value anywhere is a list everywhere, so readers see one shape.
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.model import Edge, GraphModel, Node, Source
from kg.model.schema import drawing


class Merger:
    def __init__(self) -> None:
        self.nodes: dict[str, Node] = {}
        self.edges: dict[tuple[str, str, str, str], Edge] = {}
        self.prop_types: dict[str, str] = {}
        self.dangling = 0

    def add(self, nodes: Iterable[Node], edges: Iterable[Edge], prop_types: dict[str, str]) -> None:
        for k, v in prop_types.items():
            self.prop_types.setdefault(k, v)
        for n in nodes:
            old = self.nodes.get(n.id)
            if old is None:
                self.nodes[n.id] = Node(n.id, n.label, n.name, {k: list(v) for k, v in n.props.items()}, list(n.provenance))
            else:
                _join(old.props, n.props)
                old.provenance.extend(n.provenance)
                old.name = _better_name(old, n.name)
        for e in edges:
            key = (e.id, e.type, e.source, e.target)
            old_e = self.edges.get(key)
            if old_e is None:
                self.edges[key] = Edge(e.id, e.type, e.source, e.target, {k: list(v) for k, v in e.props.items()}, list(e.provenance))
            else:
                _join(old_e.props, e.props)
                old_e.provenance.extend(e.provenance)

    def model(self) -> GraphModel:
        merge_by = drawing().merge_by
        multi = set(drawing().lists) | {k for item in [*self.nodes.values(), *self.edges.values()] for k, v in item.props.items()
                                        if k not in merge_by and len(set(v)) > 1}
        model = GraphModel(prop_types={k: (f"list[{t}]" if k in multi else t) for k, t in self.prop_types.items()})
        # A property that is a list in this corpus only is a list everywhere in it; kg:listValued ones always are.
        for n in self.nodes.values():
            model.nodes[n.id] = Node(n.id, n.label, n.name, _settle(n.props, multi, merge_by), _unique(n.provenance))
        edges = []
        for e in self.edges.values():
            if e.source not in self.nodes or e.target not in self.nodes:
                self.dangling += 1
                continue
            edges.append(Edge(e.id, e.type, e.source, e.target, _settle(e.props, multi, merge_by), _unique(e.provenance)))
        model.edges = sorted(edges, key=lambda e: (e.id, e.type, e.source, e.target))
        return model


def _better_name(node: Node, name: str) -> str:
    """A name over none; of two names, the same one whatever the order of the issues."""
    return min(n for n in (node.name, name) if n) if (node.name or name) else ""


def _join(into: dict[str, list], more: dict[str, list]) -> None:
    for k, v in more.items():
        into.setdefault(k, []).extend(v)


def _settle(props: dict[str, list], multi: set[str], merge_by: dict[str, str]) -> dict:
    out: dict = {}
    for k in sorted(props):
        values = sorted(set(props[k]), key=lambda v: (str(type(v)), v))
        if not values:
            continue
        if k in merge_by:
            out[k] = min(values) if merge_by[k] == "min" else max(values)
        elif k in multi:
            out[k] = values
        else:
            out[k] = values[0]
    return out


def _unique(sources: list[Source]) -> list[Source]:
    return sorted(set(sources), key=lambda s: (s.file, s.line_start, s.line_end, s.extractor, s.quote))
