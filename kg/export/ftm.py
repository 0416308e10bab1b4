"""FollowTheMoney entities (JSON lines) for Aleph, OpenSanctions and the `ftm` tools.

Agencies become PublicBody, people Person, posts Position and a person's hold of a
post an Occupancy; events become Event (participants in `involved`, chairs also in
`organizer`); documents become Document, and each fact read from a document about
an agency or a person (leads a task, is responsible for it, cooperates on it …)
becomes a Documentation linking the two, with the fact's role, the task as summary
and the quote as description. Group memberships become Membership. Other node
types (tasks, sections, tables …) have no FtM schema and appear only through these.
Entity ids hash the graph's IRIs (`make_id("kg", iri)`), so re-exports agree.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from kg.export import register
from kg.export.base import Exporter
from kg.export.encode import SOURCE_DOCUMENT, emit
from kg.model import Edge, GraphModel, Node
from kg.select import document_label

if TYPE_CHECKING:
    from followthemoney.proxy import EntityProxy

SCHEMA = {"Agency": "PublicBody", "Person": "Person", "Post": "Position", "Event": "Event", "Document": "Document"}
COUNTRY = "cn"


def _values(value: object) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [str(v) for v in items if v is not None and v != ""]


def document_key(label: str) -> str:
    """Documents are keyed by their number (or title), so a fact's source document and the
    document node make one entity."""
    return f"document:{label}"


class Entities:
    def __init__(self, model: GraphModel, provenance: bool) -> None:
        self.model = model
        self.provenance = provenance
        self.by_node: dict[str, EntityProxy] = {}
        self.documents: dict[str, EntityProxy] = {}  # document key → entity (from nodes or from facts' sources)

    def make(self, schema: str, *key: str) -> EntityProxy:
        from followthemoney import model as ftm  # 2 s to load its schemata: only when writing FtM

        e = ftm.make_entity(schema)
        e.make_id("kg", *key)
        return e

    def node(self, n: Node) -> EntityProxy | None:
        schema = SCHEMA.get(n.label)
        if schema is None:
            return None
        key = document_key(document_label(n)) if n.label == "Document" else n.id
        e = self.make(schema, key)
        if n.label == "Document":
            self.documents[key] = e
        p = n.props
        if schema == "Document":
            e.add("title", n.name)
            e.add("title", p.get("title"), quiet=True)
            e.add("date", _values(p.get("date_document")), quiet=True)
            e.add("summary", _values(p.get("id_local")), quiet=True)
        elif schema == "Event":
            e.add("name", n.name)
            e.add("startDate", _values(p.get("startDate")), quiet=True)
            e.add("endDate", _values(p.get("endDate")), quiet=True)
            e.add("summary", _values(p.get("topic")), quiet=True)
            e.add("country", COUNTRY)
        else:
            e.add("name", n.name)
            e.add("alias", [a for a in _values(p.get("alias")) + _values(p.get("shortName")) if a != n.name], quiet=True)
            e.add("classification", _values(p.get("agencyType")), quiet=True)
            e.add("country", COUNTRY, quiet=True)
        if self.provenance and n.provenance:
            s = n.provenance[0]
            e.add("notes", f"{s.file}:{s.line_start} {s.quote}", quiet=True)
        return e

    def document_of(self, label: str) -> EntityProxy:
        key = document_key(label)
        if key not in self.documents:
            self.documents[key] = doc = self.make("Document", key)
            doc.add("title", label)
        return self.documents[key]

    def edge(self, e: Edge) -> list[EntityProxy]:
        src, tgt = self.by_node.get(e.source), self.by_node.get(e.target)
        p = e.props
        if e.type == "HOLDS" and src is not None and tgt is not None:
            occ = self.make("Occupancy", e.id)
            occ.add("holder", src.id)
            occ.add("post", tgt.id)
            occ.add("startDate", _values(p.get("firstSeen")), quiet=True)
            occ.add("endDate", _values(p.get("lastSeen")), quiet=True)
            occ.add("status", _values(p.get("seenIn")), quiet=True)
            return [self._proved(occ, e)]
        if e.type == "PARTICIPATED_IN" and src is not None and tgt is not None:
            tgt.add("involved", src.id)
            if "chair" in _values(p.get("participantRole")):
                tgt.add("organizer", src.id)
            return []
        if e.type == "MEMBER_OF" and src is not None and tgt is not None and src.schema.is_a("LegalEntity"):
            m = self.make("Membership", e.id)
            m.add("member", src.id)
            m.add("organization", tgt.id)
            m.add("role", _values(p.get("roleLabel")), quiet=True)
            return [self._proved(m, e)]
        if e.type == "POST_IN" and src is not None and tgt is not None and src.schema.name == "Position":
            src.add("organization", tgt.id)
            return []
        if e.type == "SUB_ORGANIZATION_OF" and src is not None and tgt is not None:
            src.add("parent", tgt.id, quiet=True)
            return []
        documents = _values(p.get(SOURCE_DOCUMENT))
        if src is not None and src.schema.is_a("LegalEntity") and documents:
            out = []
            target = self.model.nodes.get(e.target)
            for label in documents:
                doc = self.document_of(label)
                d = self.make("Documentation", e.id, label)
                d.add("document", doc.id)
                d.add("entity", src.id)
                d.add("role", _values(p.get("role")) or [e.type])
                d.add("summary", target.name if target is not None else [], quiet=True)
                out.append(self._proved(d, e))
            return out
        return []

    def _proved(self, entity: EntityProxy, e: Edge) -> EntityProxy:
        if self.provenance and e.provenance:
            entity.add("description", e.provenance[0].quote, quiet=True)
            entity.add("recordId", [f"{s.file}:{s.line_start}-{s.line_end}" for s in e.provenance], quiet=True)
        return entity

    def all(self) -> list[EntityProxy]:
        for n in self.model.nodes.values():
            if (e := self.node(n)) is not None:
                self.by_node[n.id] = e
        links = [x for e in self.model.edges for x in self.edge(e)]
        out: dict[str, EntityProxy] = {}
        for e in [*self.by_node.values(), *self.documents.values(), *links]:
            if e.id in out:
                if out[e.id] is not e:
                    out[e.id].merge(e)
            else:
                out[e.id] = e
        return list(out.values())


@register("ftm")
class FollowTheMoney(Exporter):
    name = "ftm"
    extensions = (".ftm.json", ".ftm", ".ijson")

    def write(self, model: GraphModel) -> None:
        lines = [json.dumps(e.to_dict(), ensure_ascii=False, sort_keys=True) for e in Entities(model, self.provenance).all()]
        emit(self.target, ("\n".join(lines) + "\n").encode("utf-8") if lines else b"")
