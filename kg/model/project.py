"""One issue's facts → its fragment of the graph model, drawn as the ontology says.

A fragment keeps every value as a list; `kg.model.merge` joins the fragments of all
issues and decides which properties are lists (`alias`) and which are scalars.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, XSD

from kg.model import Edge, Node, Source
from kg.model.schema import TYPE, Drawing, drawing, local_name, upper_snake

Subjects = Iterable[tuple[URIRef, Mapping[URIRef, set]]]

LABEL = str(RDFS.label)
NAME_PROPS = (LABEL, "http://xmlns.com/foaf/0.1/name", "http://purl.org/dc/terms/title", "http://data.europa.eu/eli/ontology#id_local")
DERIVED_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom"
DATATYPES = {str(XSD.integer): "integer", str(XSD.int): "integer", str(XSD.decimal): "decimal", str(XSD.double): "decimal",
             str(XSD.float): "decimal", str(XSD.date): "date", str(XSD.boolean): "boolean", str(XSD.dateTime): "datetime"}


def scalar(lit: Literal) -> str | int | float | bool:
    value = lit.toPython()
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal | float):
        return float(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(lit)


def literal_type(lit: Literal) -> str:
    return DATATYPES.get(str(lit.datatype), "string") if lit.datatype else "string"


class Projector:
    """Draws the subjects of one fact set; `prop_types` collects the literal types seen."""

    def __init__(self, subjects: Mapping[URIRef, Mapping[URIRef, set]], d: Drawing | None = None) -> None:
        self.spo = subjects
        self.d = d or drawing()
        self.prop_types: dict[str, str] = {}

    def classes(self, s: URIRef) -> list[str]:
        return sorted(str(c) for c in self.spo.get(s, {}).get(URIRef(TYPE), ()))

    def folded(self, s: URIRef) -> str:
        return next((self.d.folded[c] for c in self.classes(s) if c in self.d.folded), "")

    def sources(self, props: Mapping[URIRef, set]) -> list[Source]:
        out = []
        for ev in sorted(props.get(URIRef(DERIVED_FROM), ()), key=str):
            e = {local_name(str(p)): next(iter(v)) for p, v in self.spo.get(ev, {}).items() if v}
            if "sourceFile" in e:
                out.append(Source(str(e["sourceFile"]), int(e.get("lineStart", 0)), int(e.get("lineEnd", 0)),
                                  str(e.get("quote", "")), str(e.get("extractor", ""))))
        return out

    def literals(self, props: Mapping[URIRef, set], skip: set[str]) -> tuple[dict[str, list], dict[str, list[str]]]:
        """Literal properties by local name, and object properties that are not drawn as edges (ids)."""
        lits: dict[str, list] = {}
        refs: dict[str, list[str]] = {}
        for p, objs in props.items():
            ps = str(p)
            if ps in skip or ps == TYPE or ps == DERIVED_FROM or ps in self.d.shortcuts:
                continue
            key = local_name(ps)
            for o in objs:
                if isinstance(o, Literal):
                    if ps == LABEL:
                        continue
                    lits.setdefault(key, []).append(scalar(o))
                    self.prop_types.setdefault(key, literal_type(o))
                elif self.folded(o) == "properties":
                    for fp, fobjs in self.spo.get(o, {}).items():
                        for fo in fobjs:
                            if isinstance(fo, Literal):
                                fk = local_name(str(fp))
                                lits.setdefault(fk, []).append(scalar(fo))
                                self.prop_types.setdefault(fk, literal_type(fo))
                else:
                    refs.setdefault(key, []).append(str(o))
        return lits, refs

    def name(self, s: URIRef, props: Mapping[URIRef, set]) -> str:
        for p in NAME_PROPS:
            vals = sorted(str(v) for v in props.get(URIRef(p), ()))
            if vals:
                return vals[0]
        return ""

    def project(self) -> tuple[list[Node], list[Edge]]:
        nodes: list[Node] = []
        edges: list[Edge] = []
        for s, props in self.spo.items():
            classes = self.classes(s)
            if not classes or self.folded(s):
                continue
            edge_class = next((self.d.edges[c] for c in classes if c in self.d.edges), None)
            if edge_class is not None:
                edge = self._edge(s, props, edge_class)
                if edge is not None:
                    edges.append(edge)
                continue
            label = next((self.d.labels[c] for c in classes if c in self.d.labels), "")
            if not label:
                continue
            lits, refs = self.literals(props, skip=set())
            nodes.append(Node(str(s), label, self.name(s, props), lits, self.sources(props)))
            for key, targets in refs.items():
                for t in targets:
                    edges.append(Edge(f"{s} {upper_snake(key)} {t}", upper_snake(key), str(s), t))
        return nodes, edges

    def _edge(self, s: URIRef, props: Mapping[URIRef, set], ec) -> Edge | None:
        ends = []
        for group in (ec.sources, ec.targets):
            found = sorted(str(o) for p in group for o in props.get(URIRef(p), ()))
            if not found:
                return None
            ends.append(found[0])
        lits, refs = self.literals(props, skip=set(ec.sources) | set(ec.targets))
        etype = ec.type
        if ec.type_from:
            value = str(next(iter(sorted(props.get(URIRef(ec.type_from), ()), key=str)), ""))
            etype = ec.types.get(value) or value.upper()
        lits.update(refs)
        return Edge(str(s), etype, ends[0], ends[1], lits, self.sources(props))


def project(subjects: Mapping[URIRef, Mapping[URIRef, set]]) -> tuple[list[Node], list[Edge], dict[str, str]]:
    p = Projector(subjects)
    nodes, edges = p.project()
    return nodes, edges, p.prop_types
