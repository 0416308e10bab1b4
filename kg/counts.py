"""The headline numbers (documents, tasks, assignments, events, projects), counted once, from the
graph, so `kg build`, `kg stats` and the exports agree, each saying what it counts (issue 13:
the build counted extractor records, stats counted nodes, and the two disagreed)."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph

from kg.namespaces import PREFIXES


@dataclass(frozen=True)
class Count:
    name: str  # as `kg build` prints it
    kind: str  # the node class `kg stats` lists it under
    n: int
    what: str  # what the n nodes are
    rest: int = 0  # the class's other nodes, not counted here
    rest_what: str = ""

    def legend(self) -> str:
        """For `kg build`: what the number counts."""
        return self.what + (f" (the graph also holds {self.rest} {self.rest_what})" if self.rest else "")

    def breakdown(self) -> str:
        """For `kg stats`, beside the class's node count."""
        return f"{self.n} {self.what} + {self.rest} {self.rest_what}" if self.rest else self.what


# name, class, the nodes counted, what they are, the class's other nodes, what those are
HEADLINE = (
    ("issues", "GazetteIssue", "?x a kg:GazetteIssue", "gazette issues (input files) read", None, ""),
    ("documents", "Document", "?x a kg:Document ; dcterms:isPartOf ?i . ?i a kg:GazetteIssue", "printed in the issues read",
     "?x a kg:Document FILTER NOT EXISTS { ?x dcterms:isPartOf ?i . ?i a kg:GazetteIssue }", "only cited by them"),
    ("tasks", "Task", "?x a kg:Task", "numbered items, paragraphs and table rows that assign work", None, ""),
    ("assignments", "Assignment", "?x a kg:Assignment", "one per (task, agency or person, role): a unit named twice for one task counts once", None, ""),
    ("events", "Event", "?x a kg:Event", "chronicle events", None, ""),
    ("projects", "Project", "?x a kg:Project ; kg:listedIn ?d", "listed in the issues' tables, one per name and county",
     "?x a kg:Project FILTER NOT EXISTS { ?x kg:listedIn ?d }", "only mentioned in the text"),
)


def _count(graph: Graph, pattern: str) -> int:
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    (row,) = graph.query(prologue + f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}")
    return int(row[0])


def headline(graph: Graph) -> list[Count]:
    return [
        Count(name, kind, _count(graph, pattern), what, _count(graph, rest) if rest else 0, rest_what)
        for name, kind, pattern, what, rest, rest_what in HEADLINE
    ]
