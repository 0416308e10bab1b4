"""Which nodes of the graph model get a page, where it lives, and how a fact is cited.

Page file names are hashes of node ids: no text from the documents ever reaches a URL.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from kg.dating import Dating
from kg.model import Edge, GraphModel, Node, Source
from kg.select import spellings

# Page kinds, in the order the index lists them: node label → (kind, plural heading).
PAGE_LABELS = {"Agency": "agency", "Person": "person", "Division": "county", "Document": "document", "Project": "project"}
KIND_TITLES = {"agency": "Agencies", "group": "Groups", "person": "People", "county": "Counties", "document": "Documents", "project": "Projects"}
GROUP_TYPES = {"leading_group"}  # agencyType of a leading group, headquarters or working group
# Edges that say "this node is part of / listed in / reported in that document": a fact's document.
IN_DOCUMENT = {"IS_PART_OF", "LISTED_IN", "IN_DOCUMENT", "DECIDED_BY", "DELEGATED_BY", "ESTABLISHED_BY", "TOTAL_OF"}
# Structure of a document (headings, tables): drawn nowhere, they would bury the facts.
STRUCTURAL = {"SECTION", "PARENT_SECTION", "TABLE", "ATTACHMENT", "PART"}
# What an edge means in words, for lists and the provenance panel.
EDGE_WORDS = {
    "LEADS": "leads", "RESPONSIBLE_FOR": "responsible for", "COOPERATES_ON": "cooperates on",
    "PARTICIPATES_IN": "participates in", "OVERSEES": "oversees (responsible leader)",
    "PARTICIPATED_IN": "took part in", "HOLDS": "holds post", "MEMBER_OF": "member of", "CITES": "cites",
    "REPEALS": "repeals", "IS_PART_OF": "part of", "LOCATED_IN": "located in", "LOCATION": "took place in",
    "RESPONSIBLE_UNIT": "responsible unit", "CREATOR": "issued by", "SUB_ORGANIZATION_OF": "sub-organisation of",
    "HAS_MEMBER": "has member", "SECTOR_AGENCY": "sector agency", "LISTED_IN": "listed in", "REPORTED_IN": "reported in",
    "POST_IN": "post in", "WITH_ORGANISATION": "with", "DUTY_OF": "duty of",
}


# Properties a page shows and compares as one value. A graph built from issues that print the same
# document more than once can hold them as lists of what each copy said (['department'], a title
# twice): the pages take the first in sorted order, so a date is the earliest.
ONE_VALUE = ("agencyType", "title", "taskText", "id_local", "topic", "eventKind", "deadlineText", "dueBy", "dueFrom",
             "startDate", "endDate", "date_document")


def one_value(model: GraphModel) -> None:
    for node in model.nodes.values():
        for key in ONE_VALUE:
            value = node.props.get(key)
            if isinstance(value, list):
                node.props[key] = min(map(str, value), default="")


def words(edge_type: str) -> str:
    return EDGE_WORDS.get(edge_type, edge_type.replace("_", " ").lower())


def short(text: str, n: int = 28) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


@dataclass(frozen=True)
class Citation:
    """One source of a fact, ready to show: the document it is in and the quoted sentence."""

    doc_number: str
    doc_title: str
    doc_url: str  # "" when the document has no page
    date: str
    quote: str
    file: str
    line_start: int
    line_end: int
    anchor: str  # id of this sentence on the document page


def anchor_of(src: Source) -> str:
    return "q-" + hashlib.sha1(f"{src.file}:{src.line_start}:{src.line_end}".encode()).hexdigest()[:10]


class Catalogue:
    """The model seen as pages: kinds, paths, names for search, documents of facts."""

    def __init__(self, model: GraphModel) -> None:
        one_value(model)
        self.model = model
        self.dating = Dating(model)
        self._cites: dict[int, list[Citation]] = {}
        self._months: dict[int, str] = {}
        self.out: dict[str, list[Edge]] = defaultdict(list)
        self.inc: dict[str, list[Edge]] = defaultdict(list)
        for e in model.edges:
            if e.source in model.nodes and e.target in model.nodes:
                self.out[e.source].append(e)
                self.inc[e.target].append(e)

    def edges_of(self, node_id: str) -> list[Edge]:
        return self.out.get(node_id, []) + self.inc.get(node_id, [])

    @cached_property
    def groups(self) -> set[str]:
        """Leading groups and any body that has members."""
        ids = {n.id for n in self.model.by_label("Agency") if n.props.get("agencyType") in GROUP_TYPES}
        return ids | {e.target for e in self.model.edges if e.type == "MEMBER_OF" and e.target in self.model.nodes
                      and self.model.nodes[e.target].label == "Agency"}

    def kind(self, node: Node) -> str | None:
        """The page kind of a node, or None when it gets no page of its own."""
        if node.id in self.groups:
            return "group"
        return PAGE_LABELS.get(node.label)

    def url(self, node: Node) -> str:
        """Path of the node's page relative to the site root ('' when it has none)."""
        kind = self.kind(node)
        return f"{kind}/{hashlib.sha1(node.id.encode()).hexdigest()[:12]}.html" if kind else ""

    def pages(self) -> list[Node]:
        return sorted((n for n in self.model.nodes.values() if self.kind(n)), key=lambda n: (n.label, n.name, n.id))

    @staticmethod
    def spellings(node: Node) -> list[str]:
        """Every spelling a search should find the node under (kg.select's: name, short name, aliases, number, title …)."""
        return list(dict.fromkeys(s for s in spellings(node) if s))

    @staticmethod
    def display(node: Node) -> str:
        if node.label == "Document":
            title, number = str(node.props.get("title", "")), str(node.props.get("id_local", ""))
            return f"{number} {title}".strip() if title and number else title or number or node.name
        if node.label == "Task":
            return str(node.props.get("taskText", node.name))
        return node.name

    def document_of(self, node_id: str) -> Node | None:
        """The document a node belongs to (a task's, a listed project's), or the node if it is one."""
        node = self.model.nodes.get(node_id)
        if node is None:
            return None
        if node.label == "Document":
            return node
        for e in self.out.get(node_id, []):
            if e.type in IN_DOCUMENT and self.model.nodes[e.target].label == "Document":
                return self.model.nodes[e.target]
        return None

    def edge_document(self, edge: Edge) -> Node | None:
        for end in (edge.target, edge.source):
            node = self.model.nodes[end]
            if node.label != "Document":
                doc = self.document_of(end)
                if doc is not None:
                    return doc
        src, tgt = self.model.nodes[edge.source], self.model.nodes[edge.target]
        return src if src.label == "Document" else tgt if tgt.label == "Document" else None

    def date_of(self, node: Node | None) -> str:
        span = self.dating.node(node) if node is not None else None
        return span[0] if span else ""

    def month_of(self, edge: Edge) -> str:
        """An edge's month (YYYY-MM, or a bare year when that is all it has; '' when undated), as
        kg.dating dates facts (its own date, its document's, an end's)."""
        if id(edge) not in self._months:
            span = self.dating.edge(edge)
            self._months[id(edge)] = span[0][:7] if span else ""
        return self._months[id(edge)]

    def year_of(self, edge: Edge) -> str:
        return self.month_of(edge)[:4]

    def cite(self, src: Source, doc: Node | None) -> Citation:
        """A source with the document it lies in: the document whose lines hold it, else `doc`."""
        opener = self.dating.stretches.opener(src)
        if opener is not None and self.model.nodes[opener].label == "Document":
            doc = self.model.nodes[opener]
        return Citation(
            doc_number=str(doc.props.get("id_local", "")) if doc else "",
            doc_title=str(doc.props.get("title", doc.name)) if doc else "",
            doc_url=self.url(doc) if doc else "",
            date=self.date_of(doc),
            quote=src.quote, file=src.file, line_start=src.line_start, line_end=src.line_end, anchor=anchor_of(src),
        )

    def edge_citations(self, edge: Edge) -> list[Citation]:
        """The edge's own sources, then the sentence of the task or event it points to (the edge's
        own quote is often only the cell or name that carried the fact)."""
        if id(edge) not in self._cites:
            self._cites[id(edge)] = self._edge_citations(edge)
        return self._cites[id(edge)]

    def _edge_citations(self, edge: Edge) -> list[Citation]:
        doc = self.edge_document(edge)
        sources = list(edge.provenance)
        for end in (edge.target, edge.source):
            if self.model.nodes[end].label in ("Task", "Event", "Project", "Appointment", "Power"):
                sources += self.model.nodes[end].provenance
        seen, out = set(), []
        for s in sources:
            key = (s.file, s.line_start, s.quote)
            if key not in seen:
                seen.add(key)
                out.append(self.cite(s, doc))
        return out
