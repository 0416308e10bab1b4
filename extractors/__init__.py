"""Extractors: one module per kind of source structure.

Each takes a segmented issue (kg.records.Issue: its documents, parts, blocks and
source lines) and the city data, and returns records with provenance. An
extractor opens no files and knows nothing about stores.
"""

from __future__ import annotations

from collections.abc import Callable

from kg.city import City
from kg.records import Issue
from kg.registry import registrar

Extractor = Callable[[Issue, City], list]

EXTRACTORS: dict[str, Extractor] = {}


register = registrar(EXTRACTORS)


def run_all(issue: Issue, city: City) -> list:
    from extractors import responsibilities, projects, powers, groups, chronicle, appointments  # noqa: F401,I001  (modules register themselves on import)

    records: list = []
    for fn in EXTRACTORS.values():
        records.extend(fn(issue, city))
    return records
