"""The graph model back as RDF in the ontology's terms, for Turtle, N-Quads and JSON-LD.

The inverse of the model's projection (ontology/model.ttl): a node label becomes its
class, a property key the ontology property of that local name, a plain edge type the
property whose UPPER_SNAKE name it is, and an edge drawn from an n-ary fact becomes the
fact again (an Assignment with its agent, task, role and cue) plus its direct shortcut
(`kg:leads`). Provenance becomes kg:Evidence nodes linked by prov:wasDerivedFrom, as
the shapes (ontology/shapes*.ttl) require, and each triple is tagged with the evidence
it was read from, for the named graphs of N-Quads.

Terms are pyoxigraph's and so is the serialiser: rdflib's Literal and Turtle writer took
about 50 s for the whole sample graph, pyoxigraph well under a second.

What the projection dropped stays dropped: an evidence node's own IRI (evidence IRIs
here hash file, lines, quote and extractor), and which of two classes drawn under one
label or edge type a thing had (an editorial board is written as an org:Organization;
a group membership is told from an editorial-board membership by its IRI's path).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
from rdflib import RDF, RDFS, URIRef
from rdflib.namespace import OWL

from kg.model import Edge, GraphModel, Node, Source, Value
from kg.model.schema import EdgeClass, drawing, local_name, upper_snake
from kg.select import SOURCE_DOCUMENT
from kg.namespaces import BASE, PREFIXES
from kg.vocab import ontology_graph

KG = PREFIXES["kg"]
XSD = PREFIXES["xsd"]
TYPE = ox.NamedNode(str(RDF.type))
LABEL = ox.NamedNode(str(RDFS.label))
DERIVED_FROM = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
DATATYPES = {k: ox.NamedNode(XSD + v) for k, v in
             {"string": "string", "date": "date", "integer": "integer", "decimal": "decimal", "boolean": "boolean", "datetime": "dateTime"}.items()}
PROPERTY_TYPES = (RDF.Property, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
EVIDENCE_PROPS = {k: ox.NamedNode(KG + k) for k in ("sourceFile", "lineStart", "lineEnd", "quote", "extractor")}

Tagged = tuple[ox.Triple, ox.NamedNode | None]  # a triple and the evidence it was read from


@dataclass(frozen=True)
class Terms:
    classes: dict[str, ox.NamedNode]  # node label → class
    properties: dict[str, ox.NamedNode]  # local name → property
    by_edge_type: dict[str, ox.NamedNode]  # UPPER_SNAKE → property
    fact_classes: dict[str, list[tuple[str, EdgeClass]]]  # edge type → the n-ary classes drawn as it
    shortcuts: dict[tuple[str, str], ox.NamedNode]  # (fact class, type value or "") → shortcut property
    ranges: dict[str, set[str]]  # property → its rdfs:range classes


@lru_cache(maxsize=1)
def terms() -> Terms:
    g = ontology_graph()
    d = drawing()
    classes: dict[str, ox.NamedNode] = {}
    for cls, label in sorted(d.labels.items()):
        classes.setdefault(label, ox.NamedNode(cls))  # the first in IRI order: org:Organization for Agency
    declared = sorted({str(p) for t in PROPERTY_TYPES for p in g.subjects(RDF.type, t)} | {str(RDFS.label)})
    properties: dict[str, ox.NamedNode] = {}
    for p in declared:
        name = local_name(p)
        if name not in properties or p.startswith(KG):  # kg's own term wins a clash of local names
            properties[name] = ox.NamedNode(p)
    by_edge_type = {upper_snake(name): p for name, p in properties.items()}
    fact_classes: dict[str, list[tuple[str, EdgeClass]]] = {}
    for cls, ec in sorted(d.edges.items()):
        for etype in ({ec.type} if ec.type else set(ec.types.values())):
            fact_classes.setdefault(etype, []).append((cls, ec))
    shortcuts: dict[tuple[str, str], ox.NamedNode] = {}
    for prop, cls in g.subject_objects(URIRef(KG + "shortcutOf")):
        value = g.value(prop, URIRef(KG + "forValue"))
        shortcuts[(str(cls), str(value) if value is not None else "")] = ox.NamedNode(str(prop))
    ranges: dict[str, set[str]] = {}
    for p, r in g.subject_objects(RDFS.range):
        ranges.setdefault(str(p), set()).add(str(r))
    return Terms(classes, properties, by_edge_type, fact_classes, shortcuts, ranges)


def evidence_iri(s: Source) -> ox.NamedNode:
    key = "\x1f".join((s.file, str(s.line_start), str(s.line_end), s.quote, s.extractor))
    return ox.NamedNode(f"{BASE}id/evidence/" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16])


def evidence_triples(s: Source) -> list[ox.Triple]:
    e = evidence_iri(s)
    values = {"sourceFile": s.file, "lineStart": s.line_start, "lineEnd": s.line_end, "quote": s.quote, "extractor": s.extractor}
    return [ox.Triple(e, TYPE, ox.NamedNode(KG + "Evidence"))] + [
        ox.Triple(e, EVIDENCE_PROPS[k], ox.Literal(str(v), datatype=DATATYPES["integer" if isinstance(v, int) else "string"]))
        for k, v in values.items()
    ]


class Mapper:
    """The triples of a model, each tagged with the evidence (or None) it was read from."""

    def __init__(self, model: GraphModel, provenance: bool) -> None:
        self.model = model
        self.provenance = provenance
        self.t = terms()

    def prop(self, key: str) -> ox.NamedNode:
        return self.t.properties.get(key) or ox.NamedNode(KG + key)

    def values(self, key: str, value: Value) -> Iterator[ox.NamedNode | ox.Literal]:
        kind = self.model.prop_types.get(key, "")
        kind = kind[5:-1] if kind.startswith("list[") else kind
        for v in value if isinstance(value, list) else [value]:
            if v is None or v == "":
                continue
            if not kind and isinstance(v, str) and v.startswith(("http://", "https://")):
                yield ox.NamedNode(v)  # an object property kept on a fact (establishedBy …)
            elif isinstance(v, bool):
                yield ox.Literal("true" if v else "false", datatype=DATATYPES["boolean"])
            else:
                yield ox.Literal(str(v), datatype=DATATYPES.get(kind, DATATYPES["string"]))

    def _props(self, subject: ox.NamedNode, props: dict[str, Value]) -> Iterator[ox.Triple]:
        for key, value in sorted(props.items()):
            if key != SOURCE_DOCUMENT:
                p = self.prop(key)
                for o in self.values(key, value):
                    yield ox.Triple(subject, p, o)

    def _proved(self, triples: list[ox.Triple], sources: list[Source], derived: bool = True) -> Iterator[Tagged]:
        """Tagged with each source's evidence; `derived`: the first triple's subject (a node, a fact)
        also points at it (a plain edge's subject is another node, which it does not describe)."""
        if not (self.provenance and sources):
            return ((t, None) for t in triples)
        subject = triples[0].subject
        return ((t, ev) for ev in map(evidence_iri, sources) for t in [*triples, *([ox.Triple(subject, DERIVED_FROM, ev)] if derived else [])])

    def node(self, n: Node) -> Iterator[Tagged]:
        s = ox.NamedNode(n.id)
        cls = self.t.classes.get(n.label) or ox.NamedNode(KG + n.label)
        triples = [ox.Triple(s, TYPE, cls), ox.Triple(s, LABEL, ox.Literal(n.name)), *self._props(s, n.props)]
        return self._proved(triples, n.provenance)

    def fact_class(self, e: Edge) -> tuple[str, EdgeClass] | None:
        options = self.t.fact_classes.get(e.type, [])
        if len(options) > 1:  # two classes drawn as one type: the fact's IRI names its class (…/id/groupmembership/…)
            segment = e.id.rsplit("/", 2)[-2].lower() if e.id.count("/") >= 2 else ""
            options = [o for o in options if local_name(o[0]).lower() == segment] or options
        return options[0] if options else None

    def _end(self, props: tuple[str, ...], node_id: str) -> ox.NamedNode:
        """Of a fact's possible source (or target) properties, the one whose range is the node's class."""
        node = self.model.nodes.get(node_id)
        cls = self.t.classes.get(node.label) if node is not None else None
        return ox.NamedNode(next((p for p in props if cls is not None and cls.value in self.t.ranges.get(p, ())), props[0]))

    def edge(self, e: Edge) -> Iterator[Tagged]:
        src, tgt = ox.NamedNode(e.source), ox.NamedNode(e.target)
        fact = self.fact_class(e) if e.id.startswith(("http://", "https://")) and " " not in e.id else None
        if fact is None:
            p = self.t.by_edge_type.get(e.type) or ox.NamedNode(KG + e.type)
            return self._proved([ox.Triple(src, p, tgt)], e.provenance, derived=False)
        cls, ec = fact
        f = ox.NamedNode(e.id)
        triples = [ox.Triple(f, TYPE, ox.NamedNode(cls)), ox.Triple(f, self._end(ec.sources, e.source), src),
                   ox.Triple(f, self._end(ec.targets, e.target), tgt), *self._props(f, e.props)]
        value = str(e.props.get(local_name(ec.type_from), "")) if ec.type_from else ""
        shortcut = self.t.shortcuts.get((cls, value)) or self.t.shortcuts.get((cls, ""))
        if shortcut is not None:
            triples.append(ox.Triple(src, shortcut, tgt))
        return self._proved(triples, e.provenance)

    def tagged(self) -> Iterator[Tagged]:
        """Every triple with the evidence it was read from (None: the default graph); the evidence
        descriptions themselves are in the default graph."""
        for n in self.model.nodes.values():
            yield from self.node(n)
        for e in self.model.edges:
            yield from self.edge(e)
        if self.provenance:
            sources = {s for item in [*self.model.nodes.values(), *self.model.edges] for s in item.provenance}
            for s in sorted(sources, key=lambda s: (s.file, s.line_start, s.line_end, s.quote, s.extractor)):
                yield from ((t, None) for t in evidence_triples(s))


def triples(model: GraphModel, provenance: bool) -> list[ox.Triple]:
    """Every triple once, grouped by subject (so Turtle writes each subject once)."""
    unique = {t for t, _ in Mapper(model, provenance).tagged()}
    return sorted(unique, key=str)  # N-Triples form: grouped by subject, the same bytes every run


def quads(model: GraphModel, provenance: bool) -> list[ox.Quad]:
    unique = {ox.Quad(t.subject, t.predicate, t.object, g if g is not None else ox.DefaultGraph())
              for t, g in Mapper(model, provenance).tagged()}
    return sorted(unique, key=lambda q: (str(q.graph_name), str(q.triple)))


def serialize(items: list, fmt: ox.RdfFormat) -> bytes:
    return ox.serialize(items, format=fmt, prefixes=dict(PREFIXES))
