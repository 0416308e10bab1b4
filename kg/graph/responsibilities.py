"""Tasks and assignments → RDF."""

from __future__ import annotations

from kg.graph import register
from kg.graph.builder import GraphBuilder
from kg.records import Issue


@register("responsibilities")
def map_responsibilities(b: GraphBuilder, issue: Issue, records: list) -> None:
    return None
