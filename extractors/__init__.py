"""Extractors: one module per kind of source structure.

Each takes a segmented issue (kg.records.Issue: its documents, parts, blocks and
source lines) and the city data, and returns records with provenance. An
extractor opens no files and knows nothing about stores.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from kg.city import City
from kg.records import Document, Issue, Part, Warning_
from kg.registry import registrar

Extractor = Callable[[Issue, City], list]

EXTRACTORS: dict[str, Extractor] = {}


register = registrar(EXTRACTORS)


def load() -> None:
    """Import every extractor module (each registers itself on import)."""
    from extractors import responsibilities, projects, powers, groups, chronicle, appointments  # noqa: F401,I001


def run_all(issue: Issue, city: City) -> list:
    """Every extractor over the issue. An extractor that raises is run again on each document
    and part alone (extractors link facts across documents, e.g. a chronicle's mention of a
    listed project, so the whole issue is tried first): the pieces that still fail become
    warnings naming file, document, extractor and exception, and everything else is kept."""
    load()
    records: list = []
    for name, fn in EXTRACTORS.items():
        try:
            records.extend(fn(issue, city))
        except Exception:  # noqa: BLE001  (any bug in one extractor must not stop the build)
            records.extend(_isolated(name, fn, issue, city))
    return records


def _isolated(name: str, fn: Extractor, issue: Issue, city: City) -> list:
    records: list = []
    pieces: list[Document | Part] = [*issue.documents, *issue.parts]
    for piece in pieces:
        alone = replace(issue, documents=[piece], parts=[]) if isinstance(piece, Document) else replace(issue, documents=[], parts=[piece])
        try:
            records.extend(fn(alone, city))
        except Exception as exc:  # noqa: BLE001
            records.append(Warning_(issue.file, piece.prov.line_start, f"extractor '{name}' failed on {_label(piece)} and skipped it: {_one_line(exc)}"))
    return records


def _label(piece: Document | Part) -> str:
    if isinstance(piece, Part):
        return f"the {piece.heading or piece.kind}"
    return " ".join(x for x in (piece.number, f"“{piece.title}”" if piece.title else "") if x) or "an untitled document"


def _one_line(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:160] + '…' if len(text) > 160 else text}" if text else type(exc).__name__
