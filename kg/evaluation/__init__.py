"""Measured quality against the hand-checked gold sets in tests/gold/.

Each domain registers `fn(issues, records, city) -> list[Score]`; `kg eval`
runs them all on the sample corpus and prints one table.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.paths import ROOT
from kg.registry import registrar

GOLD = ROOT / "tests" / "gold"


@dataclass(frozen=True)
class Score:
    area: str  # responsibilities, events, projects …
    measure: str  # what is compared, e.g. "(document, role, unit mention)" or "role=lead"
    precision: float | None
    recall: float | None
    f1: float | None
    gold: int
    predicted: int
    note: str = ""


def prf(area: str, measure: str, gold: Iterable[Hashable], predicted: Iterable[Hashable], note: str = "") -> Score:
    """Multiset precision/recall/F1: each gold item can be matched once."""
    g, p = Counter(gold), Counter(predicted)
    tp = sum((g & p).values())
    ng, np_ = sum(g.values()), sum(p.values())
    precision = tp / np_ if np_ else None
    recall = tp / ng if ng else None
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else (0.0 if ng and np_ else None)
    return Score(area, measure, precision, recall, f1, ng, np_, note)


def accuracy(area: str, measure: str, correct: int, total: int, note: str = "") -> Score:
    value = correct / total if total else None
    return Score(area, measure, None, value, None, total, correct, note)


Evaluation = Callable[[list, list, object], list[Score]]
EVALUATIONS: dict[str, Evaluation] = {}


register = registrar(EVALUATIONS)


def run_all(issues: list, records: list, city: object) -> list[Score]:
    from kg.evaluation import responsibilities, projects, events  # noqa: F401,I001  (modules register themselves on import)

    scores: list[Score] = []
    for fn in EVALUATIONS.values():
        scores.extend(fn(issues, records, city))
    return scores


def gold_path(name: str) -> Path:
    return GOLD / name
