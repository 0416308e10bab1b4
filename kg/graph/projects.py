"""Projects, list totals, project mentions, powers and laws, group memberships and duties → RDF.

Runs after the documents/responsibilities/events mappers, so a project mention can
point at the task or event node whose evidence covers its line.
"""

from __future__ import annotations


from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg.graph import register
from kg.graph.builder import GraphBuilder
from kg.graph.documents import issue_key
from kg.ids import make_id
from kg.records import Issue
from kg.resolved import cell_units, route_ends
from kg.records.tables import DutyStatement, GroupMembership, ListTotal, Power, Project, ProjectMention
from kg.vocab import DCTERMS, GEO, KG, ORG, PROV

LINKABLE = ("Task", "Event", "ChronicleEntry")  # local names of node classes a mention may attach to


def _doc(b: GraphBuilder, issue: Issue, number: str | None) -> URIRef | None:
    for doc in issue.documents:
        if doc.number == number:
            return b.document_id(doc.number, issue_key(issue), doc.ordinal, doc.title)
    return b.document_id(number) if number else None


def division(b: GraphBuilder, name: str) -> URIRef:
    node = make_id("division", name)
    b.add(node, RDF.type, KG.Division)
    b.add(node, RDFS.label, name)
    return node


def project_node(b: GraphBuilder, name: str, county: str | None) -> URIRef:
    """A project is its name in its county: 工业园区消防救援站 of 马龙区 and of 宣威市 are two stations."""
    node = make_id("project", name, county or "")
    b.add(node, RDF.type, KG.Project)
    b.add(node, RDFS.label, name)
    return node


def _decimal(value: float) -> Literal:
    return Literal(repr(value), datatype=XSD.decimal)


def _typed(b: GraphBuilder, s: URIRef, p: URIRef, lit: Literal) -> None:
    """Add a typed literal as is (GraphBuilder.add turns every str, and so every Literal, into xsd:string)."""
    b.g.add((s, p, lit))


@register("projects")
def map_projects(b: GraphBuilder, issue: Issue, records: list) -> None:
    covering = _covering_nodes(b, issue.file)
    for r in records:
        if isinstance(r, Project):
            _project(b, issue, r)
        elif isinstance(r, ListTotal):
            _total(b, issue, r)
        elif isinstance(r, ProjectMention):
            _mention(b, issue, r, covering)
        elif isinstance(r, Power):
            _power(b, issue, r)
        elif isinstance(r, GroupMembership):
            _membership(b, issue, r)
        elif isinstance(r, DutyStatement):
            _duty(b, issue, r)


def _project(b: GraphBuilder, issue: Issue, p: Project) -> None:
    node = project_node(b, p.name, p.county)
    if p.county:
        b.add(node, KG.locatedIn, division(b, p.county))
    doc = _doc(b, issue, p.doc_number)
    if doc is not None:
        b.add(node, KG.listedIn, doc)
    b.add(node, KG.listTitle, p.list_title)
    b.add(node, KG.listSeq, p.seq)
    if p.capacity_wan_kw is not None:
        _typed(b, node, KG.capacityWanKw, _decimal(p.capacity_wan_kw))
    if p.longitude is not None and p.latitude is not None:
        geom = make_id("geometry", p.name, p.longitude, p.latitude)
        b.add(geom, RDF.type, GEO.Geometry)
        _typed(b, geom, GEO.asWKT, Literal(f"POINT({p.longitude} {p.latitude})", datatype=GEO.wktLiteral))
        b.add(node, GEO.hasGeometry, geom)
        _typed(b, node, KG.coordinatesOutsideCounty, Literal(p.outside_county))
    b.add(node, KG.plannedStart, p.start)
    b.add(node, KG.plannedCompletion, p.completion)
    b.add(node, KG.gridConnection, p.grid)
    for text in (p.start_text, p.completion_text, p.grid_text):
        b.add(node, KG.timeText, text)
    b.add(node, KG.category, p.category)
    for unit in cell_units(p.agency):
        b.add(node, KG.responsibleUnit, b.agency(unit))
    if p.prov:
        b.evidence(node, p.prov)


def _total(b: GraphBuilder, issue: Issue, t: ListTotal) -> None:
    node = make_id("listtotal", t.doc_number or issue.file, t.list_title)
    b.add(node, RDF.type, KG.ListTotal)
    b.add(node, RDFS.label, f"合计 {t.list_title}")
    b.add(node, KG.listTitle, t.list_title)
    doc = _doc(b, issue, t.doc_number)
    if doc is not None:
        b.add(node, KG.totalOf, doc)
    b.add(node, KG.statedCount, t.stated_count)
    if t.stated_capacity is not None:
        _typed(b, node, KG.statedCapacity, _decimal(t.stated_capacity))
    b.add(node, KG.countedRows, t.counted)
    _typed(b, node, KG.summedCapacity, _decimal(t.summed_capacity))
    _typed(b, node, KG.totalsMatch, Literal(not t.mismatches))
    for m in t.mismatches:
        b.add(node, KG.mismatch, m)
    b.evidence(node, t.prov)


def _covering_nodes(b: GraphBuilder, file: str) -> list[tuple[int, int, URIRef]]:
    """(lineStart, lineEnd, node) of the task/event nodes already built from this file."""
    out = []
    for node, ev in b.g.subject_objects(PROV.wasDerivedFrom):
        if str(b.g.value(ev, KG.sourceFile)) != file:
            continue
        types = {str(t).rsplit("#", 1)[-1] for t in b.g.objects(node, RDF.type)}
        if not types & set(LINKABLE):
            continue
        start, end = b.g.value(ev, KG.lineStart), b.g.value(ev, KG.lineEnd)
        if start is not None and end is not None:
            out.append((int(start), int(end), node))
    return sorted(out, key=lambda x: (x[1] - x[0], x[0]))


def _mention(b: GraphBuilder, issue: Issue, m: ProjectMention, covering: list) -> None:
    project = project_node(b, m.key, m.county)
    if m.county:
        b.add(project, KG.locatedIn, division(b, m.county))
    for name in route_ends(m.name):
        canonical = b.resolved.division(name)
        if canonical:
            b.add(project, KG.locatedIn, division(b, canonical))
    node = make_id("projectmention", *issue_key(issue), m.prov.line_start if m.prov else m.entry_line, m.name)  # one issue in two files: one mention
    b.add(node, RDF.type, KG.ProjectMention)
    b.add(node, RDFS.label, m.name)
    b.add(node, KG.mentions, project)
    b.add(node, KG.action, m.action)
    b.add(node, KG.mentionContext, m.context)
    b.add(node, DCTERMS.date, m.when)
    doc = _doc(b, issue, m.doc_number) if m.doc_number else None
    if doc is not None:
        b.add(node, KG.inDocument, doc)
    for name in m.people:
        b.add(node, KG.involves, b.person(name))
    line = m.prov.line_start if m.prov else m.entry_line
    for start, end, target in covering:
        if start <= line <= end:
            b.add(node, KG.mentionedIn, target)
            break
    if m.prov:
        b.evidence(node, m.prov)
        b.evidence(project, m.prov)


def _power(b: GraphBuilder, issue: Issue, p: Power) -> None:
    node = make_id("power", p.doc_number or p.catalogue, p.seq)
    b.add(node, RDF.type, KG.Power)
    b.add(node, RDFS.label, p.name)
    b.add(node, DCTERMS.title, p.name)
    b.add(node, KG.catalogue, p.catalogue)
    b.add(node, KG.seq, p.seq)
    b.add(node, KG.provinceSeq, p.province_seq)
    b.add(node, KG.powerType, p.power_type)
    b.add(node, KG.basisText, p.basis)
    dept = make_id("departmenttype", p.department)
    b.add(dept, RDF.type, KG.DepartmentType)
    b.add(dept, RDFS.label, p.department)
    if p.delegated_from:
        b.add(dept, KG.level, p.delegated_from)
    b.add(node, KG.competentDepartment, dept)
    b.add(node, KG.delegatedFrom, dept)
    b.add(node, KG.delegatedTo, p.delegated_to)
    doc = _doc(b, issue, p.doc_number)
    if doc is not None:
        b.add(node, KG.delegatedBy, doc)
    for law in p.laws:
        ln = make_id("law", law.title)
        b.add(ln, RDF.type, KG.Law)
        b.add(ln, RDFS.label, law.title)
        b.add(ln, DCTERMS.title, law.title)
        b.add(ln, KG.issuerNote, law.issuer_note)
        b.evidence(ln, law.prov)
        b.add(node, KG.legalBasis, ln)
    b.evidence(node, p.prov)


def _membership(b: GraphBuilder, issue: Issue, m: GroupMembership) -> None:
    group = b.agency(m.group)
    node = make_id("groupmembership", m.doc_number or issue.file, m.group, m.role, m.member)
    b.add(node, RDF.type, KG.GroupMembership)
    b.add(node, RDFS.label, f"{m.group} {m.role} {m.member}")
    b.add(node, ORG.organization, group)
    b.add(node, KG.roleLabel, m.role)
    b.add(node, KG.memberKind, m.member_type)
    doc = _doc(b, issue, m.doc_number)
    if doc is not None:
        b.add(node, KG.establishedBy, doc)
    if m.member_type == "person":
        person = b.person(m.member)
        b.add(node, ORG.member, person)
        b.add(person, ORG.memberOf, group)
        b.add(node, KG.postLabel, m.post)
    elif m.member_type == "unit":
        unit = b.agency(m.member)
        b.add(node, ORG.member, unit)
        if m.role == "办公室设在":
            b.add(group, KG.officeAt, unit)
    else:
        post = make_id("post", m.member)
        b.add(post, RDF.type, ORG.Post)
        b.add(post, RDFS.label, m.member)
        b.add(post, ORG.postIn, group)
        b.add(node, KG.memberPost, post)
    if m.prov:
        b.evidence(node, m.prov)


def _duty(b: GraphBuilder, issue: Issue, d: DutyStatement) -> None:
    node = make_id("duty", d.doc_number or issue.file, d.unit, d.prov.line_start)
    b.add(node, RDF.type, KG.DutyStatement)
    b.add(node, RDFS.label, f"{d.unit}：{d.duty[:30]}")
    b.add(node, KG.dutyOf, b.agency(d.unit))
    b.add(node, KG.dutyText, d.duty)
    b.add(node, KG.heading, d.heading)
    doc = _doc(b, issue, d.doc_number)
    if doc is not None:
        b.add(node, KG.establishedBy, doc)
    b.evidence(node, d.prov)
