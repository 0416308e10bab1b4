"""What the pages say in words: an entity's facts by kind and year, a document's quoted
sentences in order, the headline tables and the timeline, all read from the graph model."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from kg.model import Edge, Node
from visualizations.catalogue import IN_DOCUMENT, STRUCTURAL, Catalogue, Citation, short, words

# How an incoming edge reads from the target's page.
INCOMING_WORDS = {
    "LOCATED_IN": "projects located here", "LOCATION": "events held here", "MEMBER_OF": "members",
    "CREATOR": "documents it issued", "IS_PART_OF": "contains", "CITES": "cited by", "REPEALS": "repealed by",
    "RESPONSIBLE_UNIT": "responsible unit of", "HAS_MEMBER": "in the group", "SUB_ORGANIZATION_OF": "sub-organisations",
    "WITH_ORGANISATION": "events with it", "DUTY_OF": "duties", "LISTED_IN": "lists", "DELEGATED_BY": "delegates",
    "ESTABLISHED_BY": "establishes", "POST_IN": "posts in it", "SECTOR_AGENCY": "sector agency of",
    "MENTIONS": "mentioned in", "OFFICE_AT": "hosts the office of", "APPOINTEE": "appointed by", "DECIDED_BY": "decides",
}
DETAIL_PROPS = ("cue", "participantRole", "verb", "roleLabel", "memberKind", "postLabel", "citedTitle")


@dataclass
class Fact:
    kind: str
    year: str
    other: str  # the other end, in words
    other_url: str
    other_label: str
    detail: str
    citations: list[Citation] = field(default_factory=list)


@dataclass
class FactGroup:
    kind: str
    years: list[tuple[str, list[Fact]]]

    @property
    def count(self) -> int:
        return sum(len(fs) for _, fs in self.years)


def _detail(cat: Catalogue, edge: Edge, other: Node) -> str:
    bits = [str(edge.props[k]) for k in DETAIL_PROPS if edge.props.get(k) not in (None, "", [])]
    if edge.type == "HOLDS" and edge.props.get("firstSeen"):
        bits.append(f"seen {edge.props['firstSeen']} – {edge.props.get('lastSeen', '')}")
    if other.label == "Task":
        if other.props.get("deadlineText"):
            bits.append(f"deadline: {other.props['deadlineText']}")
        doc = cat.document_of(other.id)
        if doc is not None:
            bits.append(str(doc.props.get("id_local") or short(cat.display(doc), 40)))
    return " · ".join(dict.fromkeys(bits))


def facts_of(cat: Catalogue, node: Node) -> list[FactGroup]:
    """The node's facts, one group per kind of edge (most facts first), years newest first."""
    groups: dict[str, dict[str, list[Fact]]] = defaultdict(lambda: defaultdict(list))
    for e in cat.edges_of(node.id):
        if e.type in STRUCTURAL:
            continue
        outgoing = e.source == node.id
        other = cat.model.nodes[e.target if outgoing else e.source]
        kind = words(e.type) if outgoing else INCOMING_WORDS.get(e.type, f"{words(e.type)} (from)")
        fact = Fact(kind, cat.year_of(e) or "undated", short(cat.display(other), 160), cat.url(other), other.label,
                    _detail(cat, e, other), cat.edge_citations(e))
        groups[kind][fact.year].append(fact)
    out = []
    for kind, years in groups.items():
        ordered = sorted(years.items(), key=lambda kv: kv[0] if kv[0] != "undated" else "", reverse=True)
        out.append(FactGroup(kind, [(y, sorted(fs, key=lambda f: f.other)) for y, fs in ordered]))
    return sorted(out, key=lambda g: (-g.count, g.kind))


@dataclass
class Sentence:
    citation: Citation
    supports: list[str]  # the facts it is evidence of, in words
    heading: bool = False  # a section heading: shown as the document's outline


def document_sentences(cat: Catalogue, doc: Node) -> list[Sentence]:
    """Every quoted sentence the graph has from this document, in the order of the text."""
    parts = [e.source for e in cat.inc.get(doc.id, []) if e.type in IN_DOCUMENT]
    found: dict[tuple[str, int, int], Sentence] = {}  # one entry per line span: its longest quote

    def add(sources, what: str, heading: bool = False) -> None:
        for s in sources:
            key = (s.file, s.line_start, s.line_end)
            if key not in found or len(s.quote) > len(found[key].citation.quote):
                found[key] = Sentence(cat.cite(s, doc), found[key].supports if key in found else [], heading)
            if what and what not in found[key].supports:
                found[key].supports.append(what)

    add(doc.provenance, "")
    for pid in parts:
        part = cat.model.nodes[pid]
        if part.label == "Section":
            add(part.provenance, "", heading=True)
            continue
        add(part.provenance, f"{part.label.lower()}: {short(cat.display(part), 40)}")
        for e in cat.edges_of(pid):
            if e.type in STRUCTURAL or e.type in IN_DOCUMENT:
                continue
            other = cat.model.nodes[e.source if e.target == pid else e.target]
            add(e.provenance, f"{words(e.type)}: {short(other.name, 30)}")
    return [found[k] for k in sorted(found)]


@dataclass
class Row:
    name: str
    url: str
    cells: list[object]


def lead_units(cat: Catalogue, limit: int = 15) -> list[Row]:
    """Agencies ranked by the tasks they lead, with the number of documents those tasks come from."""
    tasks: dict[str, set[str]] = defaultdict(set)
    docs: dict[str, set[str]] = defaultdict(set)
    for e in cat.model.edges:
        if e.type == "LEADS" and e.source in cat.model.nodes:
            tasks[e.source].add(e.target)
            doc = cat.document_of(e.target)
            if doc is not None:
                docs[e.source].add(doc.id)
    ranked = sorted(tasks, key=lambda a: (-len(tasks[a]), cat.model.nodes[a].name))[:limit]
    return [Row(cat.model.nodes[a].name, cat.url(cat.model.nodes[a]), [len(tasks[a]), len(docs[a])]) for a in ranked]


def busiest_leaders(cat: Catalogue, limit: int = 15) -> list[Row]:
    """People ranked by the events they took part in plus the tasks they oversee."""
    events: Counter[str] = Counter()
    oversees: Counter[str] = Counter()
    for e in cat.model.edges:
        if e.type == "PARTICIPATED_IN":
            events[e.source] += 1
        elif e.type == "OVERSEES":
            oversees[e.source] += 1
    people = [p for p in set(events) | set(oversees) if p in cat.model.nodes]
    ranked = sorted(people, key=lambda p: (-(events[p] + oversees[p]), cat.model.nodes[p].name))[:limit]
    return [Row(cat.model.nodes[p].name, cat.url(cat.model.nodes[p]), [events[p], oversees[p]]) for p in ranked]


# Edges that say who was at an event or answers for a task, with the words the timeline gives them.
MOMENT_ENDS = {"PARTICIPATED_IN": "took part", "WITH_ORGANISATION": "with", "LOCATION": "held in",
               "LEADS": "lead unit", "OVERSEES": "responsible leader"}


@dataclass
class Moment:
    date: str
    what: str  # "event" or "deadline"
    title: str
    kind: str  # an event's kind; a deadline's words as the document wrote them
    people: list[tuple[str, str, str]]  # (name, url, role) of who was there and where, or who answers for a task
    citation: Citation | None
    end: str = ""  # last day of an event of several days

    @property
    def group(self) -> str:
        """The timeline's row: an event's kind, or 'deadline'."""
        return self.what if self.what == "deadline" else self.kind or "event"


def _role(edge: Edge) -> str:
    bits = [MOMENT_ENDS[edge.type]] + [str(edge.props[k]) for k in ("participantRole", "verb") if edge.props.get(k)]
    return " · ".join(dict.fromkeys(bits))


def timeline(cat: Catalogue) -> dict[str, list[Moment]]:
    """Events and task deadlines by year, in date order. A deadline is when a task is due
    (dueBy, else dueFrom), which kg.dating rightly ignores when dating the task itself."""
    by_year: dict[str, list[Moment]] = defaultdict(list)
    for node in cat.model.nodes.values():
        end = ""
        if node.label == "Event" and node.props.get("startDate"):
            date, what, kind = str(node.props["startDate"])[:10], "event", str(node.props.get("eventKind", ""))
            end = str(node.props.get("endDate") or "")[:10]
            ends = [(e.source, e) for e in cat.inc.get(node.id, []) if e.type == "PARTICIPATED_IN"]
            ends += [(e.target, e) for e in cat.out.get(node.id, []) if e.type in ("WITH_ORGANISATION", "LOCATION")]
        elif node.label == "Task" and (node.props.get("dueBy") or node.props.get("dueFrom")):
            date, what, kind = str(node.props.get("dueBy") or node.props.get("dueFrom"))[:10], "deadline", str(node.props.get("deadlineText", ""))
            ends = [(e.source, e) for e in cat.inc.get(node.id, []) if e.type in ("LEADS", "OVERSEES")]
        else:
            continue
        people = sorted({(cat.model.nodes[i].name, cat.url(cat.model.nodes[i]), _role(e)) for i, e in ends})
        cite = cat.cite(node.provenance[0], cat.document_of(node.id)) if node.provenance else None
        title = str(node.props.get("topic") or cat.display(node))
        by_year[date[:4]].append(Moment(date, what, short(title, 200), kind, people, cite, end if end > date else ""))
    return {y: sorted(ms, key=lambda m: (m.date, m.what, m.title)) for y, ms in sorted(by_year.items())}
