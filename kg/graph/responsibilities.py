"""Tasks and assignments → RDF: a node per task and per assignment, plus direct role edges."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import RDF, RDFS

from kg.graph import register
from kg.graph.builder import GraphBuilder
from kg.graph.documents import issue_key
from kg.ids import make_id
from kg.records import Assignment, Issue, Task
from kg.resolve import unplaced
from kg.vocab import DCTERMS, KG

ROLE_EDGE = {"lead": "leads", "responsible": "responsibleFor", "cooperate": "cooperatesOn", "participate": "participatesIn", "leader": "oversees"}


def task_id(task: Task, issue: Issue) -> URIRef:
    doc_key = task.doc_number or f"{issue_key(issue)}:{task.doc_ordinal}"
    return make_id("task", doc_key, task.key)


@register("responsibilities")
def map_responsibilities(b: GraphBuilder, issue: Issue, records: list) -> None:
    documents = {d.ordinal: d for d in issue.documents}
    for rec in records:
        if isinstance(rec, Task):
            doc = documents[rec.doc_ordinal]
            node = task_id(rec, issue)
            b.add(node, RDF.type, KG.Task)
            b.add(node, DCTERMS.isPartOf, b.document_id(doc.number, issue_key(issue), doc.ordinal, doc.title))
            b.add(node, KG.taskText, rec.text)
            b.add(node, RDFS.label, rec.text[:60])
            b.add(node, KG.sectionPath, "/".join(rec.section))
            b.add(node, KG.deadlineText, rec.deadline_text)
            b.add(node, KG.dueBy, rec.deadline_end)
            b.add(node, KG.dueFrom, rec.deadline_start)
            b.evidence(node, rec.prov)
        elif isinstance(rec, Assignment):
            task = task_id(rec.task, issue)
            doc = documents[rec.task.doc_ordinal]
            agent = b.person(rec.mention) if rec.role == "leader" else b.agency(rec.mention, where=doc.jurisdiction or unplaced(issue.file, doc.ordinal))
            node = make_id("assignment", str(task), rec.role, rec.mention)
            if (node, RDF.type, KG.Assignment) in b.g:  # stated twice for one task: one fact, its first cue, both sources
                b.evidence(node, rec.prov)
                continue
            b.add(node, RDF.type, KG.Assignment)
            b.add(node, KG.task, task)
            b.add(node, KG.agent, agent)
            b.add(node, KG.role, rec.role)
            b.add(node, KG.cue, rec.cue)
            b.add(node, KG.mention, rec.mention)
            b.add(node, KG.grammar, rec.grammar)
            b.add(agent, KG[ROLE_EDGE[rec.role]], task)
            b.evidence(node, rec.prov)
