"""The pipeline: read → segment → (extract) → graph → store, with a summary."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError
from extractors import run_all
from kg.city import city_reference, load_city
from kg.counts import Count, headline
from kg.graph import GraphBuilder, add_all
from kg.people import PersonResolver
from kg.resolve import Resolver
from kg.read import display_path, find_files, read_file
from kg.records import Issue, Warning_
from kg.segment import segment
from kg.store import MANIFEST, new_graph, save, write_atomic


@dataclass
class BuildResult:
    issues: list[Issue] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    records: list = field(default_factory=list)
    triples: int = 0
    counts: list[Count] = field(default_factory=list)  # the headline numbers, counted in the graph

    @property
    def documents(self) -> int:
        return sum(len(i.documents) for i in self.issues)

    def summary(self) -> dict[str, object]:
        return {
            "issues": len(self.issues),
            "documents": self.documents,
            "counts": {c.name: c.n for c in self.counts},
            "counted": {c.name: c.legend() for c in self.counts},
            "records": dict(sorted(Counter(type(r).__name__ for r in self.records).items())),
            "facts": self.triples,
            "warnings": len(self.warnings),
            "failed_files": self.failed,
            "files": [i.file for i in self.issues],
        }


def build(inputs: list[Path], out: Path, progress: Callable[[str], None] = lambda _: None, city: str = "qujing") -> BuildResult:
    city_data = load_city(city)
    files = find_files(inputs)
    if not files:
        raise InputError(f"{' '.join(map(str, inputs))}: no gazette text files (*.txt) found")
    result = BuildResult()
    builder = GraphBuilder(new_graph(), Resolver(city_data))
    builder.canonical_person = PersonResolver(city_data).canonical
    for path in files:
        progress(display_path(path))
        try:
            source = read_file(path)
        except InputError as exc:
            result.warnings.append(Warning_(display_path(path), 0, f"skipped: {str(exc).split(': ', 1)[-1]}"))
            result.failed.append(display_path(path))
            continue
        issue = segment(source)
        result.issues.append(issue)
        result.warnings.extend(issue.warnings)
        records = run_all(issue, city_data)
        result.warnings.extend(r for r in records if isinstance(r, Warning_))
        records = [r for r in records if not isinstance(r, Warning_)]
        result.records.extend(records)
        add_all(builder, issue, records)
    if not result.issues:
        raise InputError("no input file could be read: " + "; ".join(str(w) for w in result.warnings))
    result.triples = len(builder.g)
    result.counts = headline(builder.g)
    out.mkdir(parents=True, exist_ok=True)
    save(builder.g, out)
    manifest = dict(result.summary(), city=city_reference(city_data), warnings=[str(w) for w in result.warnings])
    write_atomic(out / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"))
    return result
