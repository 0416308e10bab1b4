"""Records → facts (RDF terms): the shared builder every domain mapping writes through."""

from __future__ import annotations

from functools import lru_cache
from pathlib import PurePosixPath

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg.city import Agency
from kg.ids import make_id
from kg.records import Jurisdiction, Provenance
from kg.resolved import Resolved
from kg.graph.facts import Facts
from kg.vocab import ELI, FOAF, KG, ORG, PROV

_STRING = URIRef(XSD.string)


def _lit(value: object) -> Literal:
    if type(value) is str:
        return string_literal(value)
    return _typed_literal(type(value), value)


def string_literal(value: str) -> Literal:
    """`Literal(value, datatype=XSD.string)` without rdflib's per-call parsing and IRI checks, which
    were a third of the mapping's time; tests/test_facts.py holds it equal to rdflib's own."""
    lit = str.__new__(Literal, value)
    lit._language, lit._datatype, lit._value, lit._ill_typed = None, _STRING, value, False
    return lit


@lru_cache(maxsize=1 << 16)
def _typed_literal(kind: type, value: object) -> Literal:
    """Numbers, dates and flags repeat (line numbers above all): one Literal each. `kind` keeps
    True apart from 1."""
    return Literal(value)


class GraphBuilder:
    """Adds triples; a name becomes the node of the entity the resolve stage (kg.resolved) found
    for it. The builder resolves nothing: a name the stage did not resolve raises `Unresolved`."""

    def __init__(self, resolved: Resolved, facts: Facts | None = None) -> None:
        self.g = facts if facts is not None else Facts()
        self.resolved = resolved

    def add(self, s: URIRef, p: URIRef, o: object) -> None:
        if o is None or o == "":
            return
        self.g.add((s, p, o if isinstance(o, URIRef) else _lit(o)))

    def evidence(self, node: URIRef, prov: Provenance) -> None:
        ev = make_id("evidence", PurePosixPath(prov.file).name, prov.line_start, prov.line_end, prov.extractor, prov.quote)
        self.add(ev, RDF.type, KG.Evidence)
        self.add(ev, KG.sourceFile, prov.file)
        self.add(ev, KG.lineStart, prov.line_start)
        self.add(ev, KG.lineEnd, prov.line_end)
        self.add(ev, KG.quote, prov.quote)
        self.add(ev, KG.extractor, prov.extractor)
        self.add(node, PROV.wasDerivedFrom, ev)

    # -- nodes ------------------------------------------------------------
    def agency(self, mention: str, where: Jurisdiction | None = None) -> URIRef:
        """The node of the organisation a mention names, read in the document's government
        (`where`, else the issue's), with the mention kept as an alias."""
        res = self.resolved.agency(mention, where)
        node = self.agency_node(res.agency)
        self.add(node, KG.alias, res.mention)
        return node

    def agency_node(self, agency: Agency) -> URIRef:
        node = make_id("agency", agency.scope, agency.name) if agency.scope else make_id("agency", agency.name)
        if (node, RDF.type, ORG.Organization) in self.g:
            return node
        self.add(node, RDF.type, ORG.Organization)
        self.add(node, RDFS.label, agency.name)
        self.add(node, KG.agencyType, agency.type)
        if agency.scope:
            self.add(node, KG.jurisdictionCode, agency.scope)
        if agency.short:
            self.add(node, KG.shortName, agency.short)
        for member in agency.members:
            target = self.agency_node(self.resolved.member(member))
            self.add(node, KG.sectorAgency if agency.type == "generic" else ORG.hasMember, target)
        parent = self.resolved.parent(agency.parent) if agency.parent else None
        if parent is not None:
            self.add(node, ORG.subOrganizationOf, self.agency_node(parent))
        return node

    def person(self, name: str) -> URIRef:
        name = self.resolved.person(name)
        node = make_id("person", name)
        self.add(node, RDF.type, FOAF.Person)
        self.add(node, FOAF.name, name)
        self.add(node, RDFS.label, name)
        return node

    @staticmethod
    def document_id(number: str | None, issue_key: tuple[str, ...] = (), ordinal: int = 0, title: str = "") -> URIRef:
        return make_id("document", number) if number else make_id("document", *issue_key, ordinal, title)

    def cited_document(self, number: str) -> URIRef:
        node = self.document_id(number)
        self.add(node, RDF.type, KG.Document)
        self.add(node, ELI.id_local, number)
        return node

