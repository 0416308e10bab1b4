"""`kg eval`: precision, recall and F1 against the hand-checked gold sets."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli import FormatOpt, OutOpt, app, fail
from kg.errors import InputError
from kg.output import Format, emit
from kg.evaluation import OTHER
from kg.paths import DATA


@app.command("eval")
def evaluate(
    corpus: Annotated[Path, typer.Option("--corpus", help="The sample corpus the gold sets were annotated on.")] = DATA / "gazettes" / "qujing",
    other: Annotated[Path, typer.Option("--other", help="Other governments' documents, each with its NN_name.gold.json.")] = OTHER,
    fmt: FormatOpt = Format.table,
    output: OutOpt = None,
) -> None:
    """Measure extraction against the gold sets (precision, recall, F1, accuracy): the sample corpus
    (tests/gold/) and other governments' documents (tests/data/other/), reported apart."""
    import tempfile

    from kg.build import build
    from kg.city import city_for
    from kg.evaluation import run_all, run_other

    try:
        with tempfile.TemporaryDirectory() as tmp:
            result = build([corpus], Path(tmp) / "qujing")
            scores = run_all(result.issues, result.records, city_for(next((d.jurisdiction.code for i in result.issues for d in i.documents if d.jurisdiction), None)))
            if other.is_dir():
                result = build([other], Path(tmp) / "other")
                scores += run_other(result.issues, result.records, city_for(None))
    except InputError as exc:
        fail(str(exc))
        return
    rows = [
        {
            "corpus": s.corpus,
            "area": s.area,
            "measure": s.measure,
            "precision": None if s.precision is None else round(s.precision, 3),
            "recall": None if s.recall is None else round(s.recall, 3),
            "f1": None if s.f1 is None else round(s.f1, 3),
            "gold": s.gold,
            "predicted": s.predicted,
            "note": s.note,
        }
        for s in scores
    ]
    emit(["corpus", "area", "measure", "precision", "recall", "f1", "gold", "predicted", "note"], rows, fmt, output)
