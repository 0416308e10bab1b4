"""Issues and documents → RDF."""

from __future__ import annotations

from pathlib import PurePosixPath

from rdflib import URIRef
from rdflib.namespace import RDF, RDFS

from kg.graph import register
from kg.graph.builder import GraphBuilder
from kg.ids import make_id
from kg.patterns import DOC_NUMBER
from kg.records import Document, Issue
from kg.vocab import DCTERMS, ELI, KG, ORG


def issue_key(issue: Issue) -> tuple[str, ...]:
    return (issue.gazette or "", issue.period or "", "" if issue.period else PurePosixPath(issue.file).name)


def document_key(doc: Document, issue: Issue) -> str:
    return doc.number or f"{issue_key(issue)}:{doc.ordinal}"


@register("documents")
def map_issue(b: GraphBuilder, issue: Issue, records: list) -> None:
    add_issue(b, issue)


def add_issue(b: GraphBuilder, issue: Issue) -> URIRef:
    key = issue_key(issue)
    node = make_id("issue", *key)
    b.add(node, RDF.type, KG.GazetteIssue)
    b.add(node, DCTERMS.source, issue.file)
    b.add(node, KG.gazette, issue.gazette)
    b.add(node, KG.period, issue.period)
    b.add(node, RDFS.label, " ".join(x for x in (issue.gazette, issue.period) if x) or PurePosixPath(issue.file).name)
    b.evidence(node, issue.prov)
    if issue.board:
        board = make_id("board", *key)
        b.add(board, RDF.type, KG.EditorialBoard)
        b.add(board, RDFS.label, f"{issue.gazette or ''} {issue.period or ''} 编委会".strip())
        b.add(node, KG.editorialBoard, board)
        for member in issue.board:
            person = b.person(member.person)
            m = make_id("membership", *key, member.role, member.person)
            b.add(m, RDF.type, ORG.Membership)
            b.add(m, ORG.member, person)
            b.add(m, ORG.organization, board)
            b.add(m, KG.roleLabel, member.role)
            b.add(person, ORG.memberOf, board)
            b.evidence(m, member.prov)
    for part in issue.parts:
        p = make_id("part", *key, part.kind)
        b.add(p, RDF.type, KG.DocumentPart)
        b.add(p, KG.partKind, part.kind)
        b.add(p, DCTERMS.title, part.heading)
        b.add(node, KG.part, p)
        b.evidence(p, part.prov)
    toc_pages = {e.title: e.page for e in issue.toc}
    for doc in issue.documents:
        add_document(b, doc, issue, node, toc_pages.get(doc.title))
    return node

def add_document(b: GraphBuilder, doc: Document, issue: Issue, issue_node: URIRef, toc_page: int | None) -> URIRef:
    node = b.document_id(doc.number, issue_key(issue), doc.ordinal, doc.title)
    b.add(node, RDF.type, KG.Document)
    b.add(node, DCTERMS.isPartOf, issue_node)
    b.add(node, KG.sequence, doc.ordinal)
    b.add(node, KG.documentKind, doc.kind)
    b.add(node, DCTERMS.title, doc.title)
    b.add(node, RDFS.label, doc.title or doc.number or "(untitled)")
    b.add(node, ELI.type_document, doc.doc_type)
    b.add(node, ELI.date_document, doc.signed)
    b.add(node, KG.recipients, doc.recipients)
    b.add(node, KG.issuesPlan, doc.plan_title)
    b.add(node, KG.tocPage, toc_page)
    if doc.number:
        b.add(node, ELI.id_local, doc.number)
        m = DOC_NUMBER.fullmatch(doc.number)
        if m:
            b.add(node, KG.series, m.group("prefix"))
            b.add(node, KG.year, int(m.group("year")))
    if doc.jurisdiction:
        b.add(node, KG.jurisdictionCode, doc.jurisdiction.code)
        b.add(node, KG.jurisdictionName, doc.jurisdiction.name)
        b.add(node, KG.jurisdictionEvidence, doc.jurisdiction.evidence)
    for issuer in doc.issuers:
        b.add(node, DCTERMS.creator, b.agency(issuer, where=doc.jurisdiction))
    b.evidence(node, doc.prov)
    doc_key = document_key(doc, issue)
    for att in doc.attachments:
        a = make_id("attachment", doc_key, att.label, att.title)
        b.add(a, RDF.type, KG.Attachment)
        b.add(a, KG.label, att.label)
        b.add(a, DCTERMS.title, att.title)
        b.add(node, KG.attachment, a)
        b.evidence(a, att.prov)
    for ref in doc.references:
        if not ref.number:
            continue
        target = b.cited_document(ref.number)
        c = make_id("citation", doc_key, ref.kind, ref.number, ref.prov.line_start)
        b.add(c, RDF.type, KG.Citation)
        b.add(c, KG.citing, node)
        b.add(c, KG.cited, target)
        b.add(c, KG.citationKind, ref.kind)
        b.add(c, KG.citedTitle, ref.title)
        b.add(node, ELI.repeals if ref.kind == "repeals" else ELI.cites, target)
        b.evidence(c, ref.prov)
    parents: dict[tuple[str, ...], URIRef] = {}
    for sec in doc.sections:
        s = make_id("section", doc_key, sec.line_start, *sec.path)
        parents[sec.path] = s
        b.add(s, RDF.type, KG.Section)
        b.add(s, KG.path, "/".join(sec.path))
        b.add(s, KG.label, sec.path[-1])
        b.add(s, KG.numberingKind, sec.kind)
        b.add(s, DCTERMS.title, sec.title)
        b.add(s, DCTERMS.isPartOf, node)
        b.add(node, KG.section, s)
        if len(sec.path) > 1 and sec.path[:-1] in parents:
            b.add(s, KG.parentSection, parents[sec.path[:-1]])
        b.evidence(s, sec.prov)
    for k, table in enumerate(doc.tables):
        t = make_id("table", doc_key, k)
        b.add(t, RDF.type, KG.Table)
        b.add(t, DCTERMS.title, table.title)
        b.add(t, KG.header, "\t".join(table.header))
        b.add(t, KG.rowCount, len(table.rows))
        b.add(node, KG.table, t)
        b.evidence(t, table.prov)
    return node
