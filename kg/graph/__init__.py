"""Resolved records → RDF, one module per domain, all writing through GraphBuilder.

A domain module registers a mapper `fn(builder, issue, records)`; the mapper
picks the record types it knows from `records` (all records of one issue) and
takes each name's entity from the resolve stage's tables (`builder.resolved`, kg/resolved.py).
"""

from __future__ import annotations

from collections.abc import Callable

from kg.graph.builder import GraphBuilder
from kg.records import Issue
from kg.registry import registrar

Mapper = Callable[[GraphBuilder, Issue, list], None]
MAPPERS: dict[str, Mapper] = {}


register = registrar(MAPPERS)


def add_all(builder: GraphBuilder, issue: Issue, records: list) -> None:
    # Import order is run order: projects link to the tasks and events mapped before them.
    from kg.graph import documents, responsibilities, events, projects  # noqa: F401,I001  (modules register themselves on import)

    for fn in MAPPERS.values():
        fn(builder, issue, records)


__all__ = ["GraphBuilder", "MAPPERS", "add_all", "register"]
