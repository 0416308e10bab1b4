"""Events, participations, posts, occupancies and appointments → RDF.

People go through `GraphBuilder.person`, keyed by the canonical names the resolve stage found, so a
leader in a chronicle, an appointment, an editorial board or a responsibility table
is one node. An occupancy (person, post) gathers the dates the post was stated with
the name; its first- and last-seen dates are kept as the minimum and maximum over
all issues built so far, so the result does not depend on the order of the files.
"""

from __future__ import annotations

from datetime import date

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg.graph import register
from kg.graph.builder import GraphBuilder
from kg.graph.documents import issue_key
from kg.ids import make_id
from kg.records import Issue
from kg.records.events import Appointment, Event, Participation
from kg.vocab import KG, ORG, SCHEMA

# Title units that are not posts: group labels, candidacies, unnamed roles.
NOT_POSTS = ("领导", "候选人", "人选", "负责人", "同志", "专家", "代表")


def event_id(e: Event, issue: Issue) -> URIRef:
    """Keyed by the issue, not the file: one issue given twice (two file names) reports one event."""
    return make_id("event", *issue_key(issue), e.entry_line, e.number)


def issue_date(issue: Issue) -> date | None:
    """The first day of the issue's month (2022.9 → 2022-09-01), for posts an issue states."""
    try:
        year, month = (issue.period or "").split(".")
        return date(int(year), int(month), 1)
    except ValueError:
        return None


def posts_in(titles: str) -> list[str]:
    """The posts a title chain states: 市委副书记、市长 → [市委副书记, 市长]."""
    return [t for t in titles.split("、") if len(t) >= 2 and not t.endswith(NOT_POSTS)]


def post_node(b: GraphBuilder, label: str) -> URIRef:
    node = make_id("post", label)
    b.add(node, RDF.type, ORG.Post)
    b.add(node, RDFS.label, label)
    return node


def place_node(b: GraphBuilder, name: str) -> URIRef:
    """The county-level division of the city a place names (the same node the projects mapper uses), else the place as written."""
    division = b.resolved.division(name)
    if division:
        node = make_id("division", division)
        b.add(node, RDF.type, KG.Division)
    else:
        node = make_id("place", name)
        b.add(node, RDF.type, SCHEMA.Place)
    b.add(node, RDFS.label, division or name)
    return node


def _widen(b: GraphBuilder, node: URIRef, prop: URIRef, day: date, earlier: bool) -> None:
    old = b.g.value(node, prop)
    if old is not None:
        value = old.toPython()
        if (day >= value) if earlier else (day <= value):
            return
        b.g.remove((node, prop, old))
    b.g.add((node, prop, Literal(day, datatype=XSD.date)))


def occupancy(b: GraphBuilder, person: URIRef, name: str, label: str, day: date | None, source: str) -> URIRef:
    post = post_node(b, label)
    node = make_id("occupancy", name, label)
    b.add(node, RDF.type, KG.Occupancy)
    b.add(node, KG.holder, person)
    b.add(node, KG.post, post)
    b.add(node, KG.seenIn, source)
    b.add(node, RDFS.label, f"{name} {label}")
    b.add(person, ORG.holds, post)
    if day:
        _widen(b, node, KG.firstSeen, day, earlier=True)
        _widen(b, node, KG.lastSeen, day, earlier=False)
    return node


def add_event(b: GraphBuilder, e: Event, issue: Issue, issue_node: URIRef) -> URIRef:
    node = event_id(e, issue)
    b.add(node, RDF.type, KG.Event)
    b.add(node, KG.reportedIn, issue_node)
    b.add(node, KG.eventNumber, e.number)
    b.add(node, SCHEMA.startDate, e.date)
    b.add(node, SCHEMA.endDate, e.end_date)
    b.add(node, KG.timeOfDay, e.time_of_day)
    b.add(node, KG.eventKind, e.kind)
    b.add(node, KG.session, e.session)
    b.add(node, KG.topic, e.topic)
    b.add(node, KG.eventText, e.text)
    b.add(node, RDFS.label, f"{e.date or ''} {e.topic}".strip())
    for place in e.places:
        b.add(node, SCHEMA.location, place_node(b, place))
    for org in e.organisations:
        b.add(node, KG.withOrganisation, b.agency(org))
    b.evidence(node, e.prov)
    return node


def add_participation(b: GraphBuilder, p: Participation, issue: Issue) -> URIRef:
    event = event_id(p.event, issue)
    person = b.person(p.mention)
    name = b.resolved.person(p.mention)
    node = make_id("participation", event, name)
    b.add(node, RDF.type, KG.Participation)
    b.add(node, KG.inEvent, event)
    b.add(node, KG.participant, person)
    b.add(node, KG.participantRole, p.role)
    b.add(node, KG.verb, p.verb)
    b.add(node, KG.statedTitles, p.titles)
    b.add(node, KG.nameAsWritten, p.mention)
    b.add(node, KG.foundBy, p.how)
    if p.organisation:
        b.add(node, KG.affiliation, p.organisation)
        b.add(node, KG.affiliatedWith, b.agency(p.organisation))
    b.evidence(node, p.prov)
    for label in posts_in(p.titles):
        occ = occupancy(b, person, name, label, p.event.date, "chronicle")
        b.evidence(occ, p.prov)
    return node


def add_appointment(b: GraphBuilder, a: Appointment) -> URIRef:
    person = b.person(a.mention)
    name = b.resolved.person(a.mention)
    node = make_id("appointment", a.doc_number or a.prov.file, name, a.action, a.post)
    b.add(node, RDF.type, KG.Appointment)
    b.add(node, KG.appointee, person)
    b.add(node, KG.appointmentAction, a.action)
    b.add(node, KG.nameAsWritten, a.mention)
    b.add(node, KG.year, a.year)
    b.add(node, RDFS.label, f"{'任' if a.action == 'appoint' else '免去'} {name} {a.post}".rstrip())
    if a.doc_number:
        b.add(node, KG.decidedBy, b.cited_document(a.doc_number))
    b.evidence(node, a.prov)
    if not a.post:  # a bill naming no post (`A等6名同志的免职议案`): no post held or left
        return node
    post = post_node(b, a.post)
    b.add(node, KG.post, post)
    b.add(node, KG.postTitle, a.post)
    if a.organisation:
        b.add(post, ORG.postIn, b.agency(a.organisation))
    occ = occupancy(b, person, name, a.post, None, "appointment")
    b.add(occ, KG.startedBy if a.action == "appoint" else KG.endedBy, node)
    b.evidence(occ, a.prov)
    return node


def add_board_posts(b: GraphBuilder, issue: Issue) -> None:
    """Editorial-board roles as dated occupancies (the memberships are kg.graph.documents')."""
    day = issue_date(issue)
    for member in issue.board:
        person = b.person(member.person)
        name = b.resolved.person(member.person)
        label = f"{issue.gazette or ''}{member.role}"
        occ = occupancy(b, person, name, label, day, "editorial_board")
        b.evidence(occ, member.prov)


@register("events")
def map_events(b: GraphBuilder, issue: Issue, records: list) -> None:
    issue_node = make_id("issue", *issue_key(issue))
    for r in records:
        if isinstance(r, Event):
            add_event(b, r, issue, issue_node)
    for r in records:
        if isinstance(r, Participation):
            add_participation(b, r, issue)
        elif isinstance(r, Appointment):
            add_appointment(b, r)
    add_board_posts(b, issue)
