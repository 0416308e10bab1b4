"""Responsibilities against tests/gold/responsibilities_*.csv.

The unit of comparison is the issue's: (document, role, unit mention), counted as
a multiset per document. Gold rows whose statement has no role cue at all (duty
sentences like `教育部门加强…`, annotated with an empty cue) are outside the
grammar the issue names; they are reported on their own line, not in the main score.
"""

from __future__ import annotations

import csv
from pathlib import PurePosixPath

from kg.evaluation import GOLD, Score, accuracy, other_gold, prf, register, register_other
from kg.normalise import normalise
from kg.records import Assignment
from kg.resolve import Resolver

AREA = "responsibilities"


def load_gold() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in sorted(GOLD.glob("responsibilities_*.csv")):
        with path.open(encoding="utf-8") as fh:
            rows.extend(csv.DictReader(fh))
    return rows


def gold_key(row: dict[str, str]) -> tuple[str, str, str, str]:
    return (row["file"], row["doc_number"], row["role"], normalise(row["mention"]))


def predicted_key(a: Assignment) -> tuple[str, str, str, str]:
    return (PurePosixPath(a.task.prov.file).name, a.task.doc_number or "", a.role, normalise(a.mention))


def same_entity(resolver: Resolver, mention: str, gold_entity: str) -> bool:
    """Right when the mention resolves to the gold entity, by name or because the gold name resolves to the same known entity."""
    got = resolver.resolve(mention)
    if got.agency.name == normalise(gold_entity):
        return True
    want = resolver.resolve(gold_entity)
    return got.known and want.known and got.agency.name == want.agency.name


@register(AREA)
def evaluate(issues: list, records: list, city: object) -> list[Score]:
    gold = load_gold()
    cued = [r for r in gold if r["cue"]]
    uncued = [r for r in gold if not r["cue"]]
    predicted = [r for r in records if isinstance(r, Assignment)]
    scores = [prf(AREA, "(document, role, unit mention)", map(gold_key, cued), map(predicted_key, predicted), f"all four issues, {len(cued)} cued gold assignments")]
    for role in ("lead", "responsible", "cooperate", "participate", "leader"):
        scores.append(prf(AREA, f"role={role}", [gold_key(r) for r in cued if r["role"] == role], [predicted_key(a) for a in predicted if a.role == role]))
    for grammar in sorted({r["grammar"] for r in cued}):
        g = [gold_key(r) for r in cued if r["grammar"] == grammar]
        p = [predicted_key(a) for a in predicted if a.grammar == grammar]
        scores.append(prf(AREA, f"grammar={grammar}", g, p))
    for prefix in sorted({r["file"][:3] for r in cued}):
        scores.append(prf(AREA, f"issue file {prefix}", [gold_key(r) for r in cued if r["file"].startswith(prefix)], [predicted_key(a) for a in predicted if PurePosixPath(a.task.prov.file).name.startswith(prefix)]))
    found = {predicted_key(a) for a in predicted}
    scores.append(accuracy(AREA, "uncued duty sentences (recall only)", sum(1 for r in uncued if gold_key(r) in found), len(uncued), "statements with no role word; outside the main score"))
    resolver = Resolver(city)  # type: ignore[arg-type]
    units = [r for r in cued if r["entity_type"] != "person"]
    correct = sum(1 for r in units if same_entity(resolver, r["mention"], r["entity"]))
    scores.append(accuracy(AREA, "mention → entity resolution", correct, len(units), "accuracy over gold unit mentions"))
    return scores


def other_key(file: str, row: dict) -> tuple[str, str, str]:
    return (file, row["role"], normalise(row["unit"]))


@register_other(AREA)
def evaluate_other(issues: list, records: list, city: object) -> list[Score]:
    """The other governments' documents: (file, role, unit as written) per document, as for the sample,
    and the stricter (file, line, role, unit), which also checks where the unit was read."""
    gold = other_gold()
    rows = [(file, row) for file, g in gold.items() for row in g.get("assignments", [])]
    predicted = [a for a in records if isinstance(a, Assignment) and PurePosixPath(a.prov.file).name in gold]

    def name(a: Assignment) -> str:
        return PurePosixPath(a.prov.file).name

    scores = [
        prf(AREA, "(document, role, unit mention)", [other_key(f, r) for f, r in rows], [(name(a), a.role, normalise(a.mention)) for a in predicted],
            f"{len(gold)} documents of other governments, {len(rows)} gold assignments"),
        prf(AREA, "(document, line, role, unit mention)", [(f, r["line"], r["role"], normalise(r["unit"])) for f, r in rows],
            [(name(a), a.prov.line_start, a.role, normalise(a.mention)) for a in predicted]),
    ]
    for role in ("lead", "responsible", "cooperate", "participate", "leader"):
        scores.append(prf(AREA, f"role={role}", [other_key(f, r) for f, r in rows if r["role"] == role],
                          [(name(a), a.role, normalise(a.mention)) for a in predicted if a.role == role]))
    for file in sorted({f for f, _ in rows}):
        scores.append(prf(AREA, f"document {file.split('_')[0]}", [other_key(f, r) for f, r in rows if f == file],
                          [(name(a), a.role, normalise(a.mention)) for a in predicted if name(a) == file]))
    return scores
