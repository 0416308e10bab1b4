"""Records → RDF triples in the kg vocabulary. Knows nothing about files or text."""

from __future__ import annotations

from pathlib import PurePosixPath

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg.ids import make_id
from kg.patterns import DOC_NUMBER
from kg.records import Document, Issue, Provenance
from kg.vocab import DCTERMS, ELI, FOAF, KG, ORG, PREFIXES, PROV


def _lit(value: object) -> Literal:
    if isinstance(value, str):
        return Literal(value, datatype=XSD.string)
    return Literal(value)


class GraphBuilder:
    def __init__(self, graph: Graph | None = None) -> None:
        self.g = graph if graph is not None else Graph()
        for prefix, ns in PREFIXES.items():
            self.g.bind(prefix, ns)

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
    def organisation(self, name: str) -> URIRef:
        node = make_id("organization", name)
        self.add(node, RDF.type, ORG.Organization)
        self.add(node, RDFS.label, name)
        return node

    def person(self, name: str) -> URIRef:
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

    # -- an issue ---------------------------------------------------------
    def issue(self, issue: Issue) -> URIRef:
        key = (issue.gazette or "", issue.period or "", "" if issue.period else PurePosixPath(issue.file).name)
        node = make_id("issue", *key)
        self.add(node, RDF.type, KG.GazetteIssue)
        self.add(node, DCTERMS.source, issue.file)
        self.add(node, KG.gazette, issue.gazette)
        self.add(node, KG.period, issue.period)
        self.add(node, RDFS.label, " ".join(x for x in (issue.gazette, issue.period) if x) or PurePosixPath(issue.file).name)
        self.evidence(node, issue.prov)
        if issue.board:
            board = make_id("board", *key)
            self.add(board, RDF.type, KG.EditorialBoard)
            self.add(board, RDFS.label, f"{issue.gazette or ''} {issue.period or ''} 编委会".strip())
            self.add(node, KG.editorialBoard, board)
            for member in issue.board:
                person = self.person(member.person)
                m = make_id("membership", *key, member.role, member.person)
                self.add(m, RDF.type, ORG.Membership)
                self.add(m, ORG.member, person)
                self.add(m, ORG.organization, board)
                self.add(m, KG.roleLabel, member.role)
                self.add(person, ORG.memberOf, board)
                self.evidence(m, member.prov)
        for part in issue.parts:
            p = make_id("part", *key, part.kind)
            self.add(p, RDF.type, KG.DocumentPart)
            self.add(p, KG.partKind, part.kind)
            self.add(p, DCTERMS.title, part.heading)
            self.add(node, KG.part, p)
            self.evidence(p, part.prov)
        toc_pages = {e.title: e.page for e in issue.toc}
        for doc in issue.documents:
            self.document(doc, node, key, toc_pages.get(doc.title))
        return node

    def document(self, doc: Document, issue_node: URIRef, issue_key: tuple[str, ...], toc_page: int | None) -> URIRef:
        node = self.document_id(doc.number, issue_key, doc.ordinal, doc.title)
        self.add(node, RDF.type, KG.Document)
        self.add(node, DCTERMS.isPartOf, issue_node)
        self.add(node, KG.sequence, doc.ordinal)
        self.add(node, KG.documentKind, doc.kind)
        self.add(node, DCTERMS.title, doc.title)
        self.add(node, RDFS.label, doc.title or doc.number or "(untitled)")
        self.add(node, ELI.type_document, doc.doc_type)
        self.add(node, ELI.date_document, doc.signed)
        self.add(node, KG.recipients, doc.recipients)
        self.add(node, KG.issuesPlan, doc.plan_title)
        self.add(node, KG.tocPage, toc_page)
        if doc.number:
            self.add(node, ELI.id_local, doc.number)
            m = DOC_NUMBER.fullmatch(doc.number)
            if m:
                self.add(node, KG.series, m.group("prefix"))
                self.add(node, KG.year, int(m.group("year")))
        for issuer in doc.issuers:
            self.add(node, DCTERMS.creator, self.organisation(issuer))
        self.evidence(node, doc.prov)
        doc_key = doc.number or f"{issue_key}:{doc.ordinal}"
        for att in doc.attachments:
            a = make_id("attachment", doc_key, att.label, att.title)
            self.add(a, RDF.type, KG.Attachment)
            self.add(a, KG.label, att.label)
            self.add(a, DCTERMS.title, att.title)
            self.add(node, KG.attachment, a)
            self.evidence(a, att.prov)
        for ref in doc.references:
            if not ref.number:
                continue
            target = self.cited_document(ref.number)
            c = make_id("citation", doc_key, ref.kind, ref.number, ref.prov.line_start)
            self.add(c, RDF.type, KG.Citation)
            self.add(c, KG.citing, node)
            self.add(c, KG.cited, target)
            self.add(c, KG.citationKind, ref.kind)
            self.add(c, KG.citedTitle, ref.title)
            self.add(node, ELI.repeals if ref.kind == "repeals" else ELI.cites, target)
            self.evidence(c, ref.prov)
        parents: dict[tuple[str, ...], URIRef] = {}
        for sec in doc.sections:
            s = make_id("section", doc_key, sec.line_start, *sec.path)
            parents[sec.path] = s
            self.add(s, RDF.type, KG.Section)
            self.add(s, KG.path, "/".join(sec.path))
            self.add(s, KG.label, sec.path[-1])
            self.add(s, KG.numberingKind, sec.kind)
            self.add(s, DCTERMS.title, sec.title)
            self.add(s, DCTERMS.isPartOf, node)
            self.add(node, KG.section, s)
            if len(sec.path) > 1 and sec.path[:-1] in parents:
                self.add(s, KG.parentSection, parents[sec.path[:-1]])
            self.evidence(s, sec.prov)
        for k, table in enumerate(doc.tables):
            t = make_id("table", doc_key, k)
            self.add(t, RDF.type, KG.Table)
            self.add(t, DCTERMS.title, table.title)
            self.add(t, KG.header, "\t".join(table.header))
            self.add(t, KG.rowCount, len(table.rows))
            self.add(node, KG.table, t)
            self.evidence(t, table.prov)
        return node
