"""A graph folder written from a model built in a test, through the same unit `kg build` uses."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph

from kg.graphdir import current, dump_files, writing
from kg.model import MODEL_FILE, GraphModel, dump_lines


def triples(folder: Path) -> list[str]:
    """The facts of a built graph folder's dump, sorted, each once (a fact read in two issues is in both their files)."""
    return sorted({line for f in dump_files(current(folder)) for line in f.read_text("utf-8").splitlines()})


def write_graph(model: GraphModel, folder: Path, **manifest: object) -> Path:
    """A committed graph folder holding `model` (its RDF store empty: for readers of the model)."""
    with writing(folder) as gen:
        (gen.path / MODEL_FILE).write_text("\n".join(dump_lines(model)) + "\n", encoding="utf-8")
        store = pyoxigraph.Store(str(gen.path / "store"))
        del store  # closed, so readers can open it
        gen.commit(dict({"city": "qujing", "files": []}, **manifest))
    return folder
