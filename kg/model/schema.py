"""What the ontology says about drawing the facts as a property graph (ontology/model.ttl)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from kg.namespaces import BASE
from kg.vocab import ontology_graph

KG_NS = BASE + "ns#"


def local_name(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def upper_snake(name: str) -> str:
    """isPartOf → IS_PART_OF, id_local → ID_LOCAL."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).upper()


@dataclass(frozen=True)
class EdgeClass:
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    type: str = ""  # fixed type, or
    type_from: str = ""  # the property whose value picks the type through `types`
    types: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Drawing:
    labels: dict[str, str]  # class IRI → node label
    folded: dict[str, str]  # class IRI → provenance | properties
    edges: dict[str, EdgeClass]  # class IRI → how it is drawn
    shortcuts: frozenset[str]  # properties not drawn (they restate an edge class)
    merge_by: dict[str, str]  # property local name → min | max
    lists: frozenset[str]  # property local names always given as lists

    def node_labels(self) -> list[str]:
        return sorted(set(self.labels.values()))

    def edge_types(self) -> list[str]:
        fixed = {e.type for e in self.edges.values() if e.type} | {t for e in self.edges.values() for t in e.types.values()}
        return sorted(fixed)


@lru_cache(maxsize=1)
def drawing() -> Drawing:
    g = ontology_graph()
    kg = lambda name: URIRef(KG_NS + name)  # noqa: E731
    labels = {str(c): str(v) for c, v in g.subject_objects(kg("nodeLabel"))}
    folded = {str(c): str(v) for c, v in g.subject_objects(kg("foldedInto"))}
    shortcut_of: dict[str, list[tuple[str, str]]] = {}
    for prop, cls in g.subject_objects(kg("shortcutOf")):
        value = g.value(prop, kg("forValue"))
        shortcut_of.setdefault(str(cls), []).append((str(value) if isinstance(value, Literal) else "", upper_snake(local_name(str(prop)))))
    edges: dict[str, EdgeClass] = {}
    for cls in set(g.subjects(kg("edgeSource"))):
        edges[str(cls)] = EdgeClass(
            sources=tuple(sorted(str(p) for p in g.objects(cls, kg("edgeSource")))),
            targets=tuple(sorted(str(p) for p in g.objects(cls, kg("edgeTarget")))),
            type=str(g.value(cls, kg("edgeType")) or ""),
            type_from=str(g.value(cls, kg("edgeTypeFrom")) or ""),
            types={v: t for v, t in shortcut_of.get(str(cls), []) if v},
        )
    shortcuts = frozenset(str(p) for p in g.subjects(kg("shortcutOf")))
    merge_by = {local_name(str(p)): str(v) for p, v in g.subject_objects(kg("mergeBy"))}
    lists = frozenset(local_name(str(p)) for p in g.subjects(kg("listValued")))
    return Drawing(labels, folded, edges, shortcuts, merge_by, lists)


TYPE = str(RDF.type)
