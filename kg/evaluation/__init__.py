"""Measured quality against the hand-checked gold sets.

Two corpora, scored apart so the in-sample / out-of-sample gap stays visible:
the sample gazettes (gold in tests/gold/, `register`) and the other governments'
documents (gold beside each text in tests/data/other/, `register_other`). Each
domain registers `fn(issues, records, city) -> list[Score]`; `kg eval` builds
both corpora, runs each table on its own and prints one table with a corpus column.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.paths import ROOT
from kg.registry import registrar

GOLD = ROOT / "tests" / "gold"
OTHER = ROOT / "tests" / "data" / "other"  # other governments: NN_name.txt beside NN_name.gold.json


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
    corpus: str = "qujing"  # qujing (the sample gazettes) | other (other governments)


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
OTHER_EVALUATIONS: dict[str, Evaluation] = {}
register_other = registrar(OTHER_EVALUATIONS)


def _load() -> None:
    from kg.evaluation import responsibilities, projects, events, other  # noqa: F401,I001  (modules register themselves on import)


def run_all(issues: list, records: list, city: object) -> list[Score]:
    """The sample corpus's scores."""
    _load()
    return [s for fn in EVALUATIONS.values() for s in fn(issues, records, city)]


def run_other(issues: list, records: list, city: object) -> list[Score]:
    """The other governments' scores (corpus column `other`)."""
    from dataclasses import replace

    _load()
    return [replace(s, corpus="other") for fn in OTHER_EVALUATIONS.values() for s in fn(issues, records, city)]


def other_gold() -> dict[str, dict]:
    """The hand annotation of each other-government text, by its file name (NN_name.txt)."""
    import json

    return {p.name.replace(".gold.json", ".txt"): json.loads(p.read_text("utf-8")) for p in sorted(OTHER.glob("*.gold.json"))}


def gold_path(name: str) -> Path:
    return GOLD / name
