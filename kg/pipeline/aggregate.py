"""Fragments → one graph: the persistent store, the N-Triples dump and the graph model.

The store is bulk-loaded fragment by fragment (a fact read in several issues is
stored once); then values the ontology merges by minimum or maximum (first and last
seen) keep only that value. The model fragments are merged by id (kg.model.merge).
Fragments are taken in the order of their file labels, so the result does not
depend on which job finished first.
"""

from __future__ import annotations

from pathlib import Path
from time import perf_counter

import pyoxigraph as ox

from kg import graphdir
from kg.model import MODEL_FILE, GraphModel, dump_lines, parse_lines
from kg.model.merge import Merger
from kg.model.schema import drawing
from kg.vocab import BASE


def load_store(path: Path, fragment_files: list[Path]) -> ox.Store:
    store = ox.Store(str(path))
    for f in fragment_files:
        store.bulk_load(path=str(f), format=ox.RdfFormat.N_TRIPLES)
    for prop, how in sorted(drawing().merge_by.items()):
        op = "<" if how == "min" else ">"
        store.update(f"DELETE {{ ?s <{BASE}ns#{prop}> ?v }} WHERE {{ ?s <{BASE}ns#{prop}> ?v, ?w . FILTER(?w {op} ?v) }}")
    store.optimize()
    return store


def merge_models(model_files: list[Path]) -> tuple[GraphModel, int]:
    merger = Merger()
    for f in model_files:
        with f.open(encoding="utf-8") as fh:
            part = parse_lines(fh)
        merger.add(part.nodes.values(), part.edges, part.prop_types)
    model = merger.model()
    return model, merger.dangling


def aggregate(folder: Path, keys: list[str], gen: Path) -> tuple[GraphModel, int, dict[str, float]]:
    """Write the store, dump and model of the fragments `keys` (in order) into generation folder `gen`;
    return the model, the number of triples and the seconds each step took."""
    t0 = perf_counter()
    store = load_store(gen / graphdir.STORE, [folder / f"{k}.nt" for k in keys])
    with (gen / graphdir.DUMP).open("wb") as fh:
        store.dump(fh, ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    triples = len(store)
    del store  # release the write lock: readers open it read-only
    t1 = perf_counter()
    model, _ = merge_models([folder / f"{k}.model.jsonl" for k in keys])
    with (gen / MODEL_FILE).open("w", encoding="utf-8") as fh:
        for line in dump_lines(model):
            fh.write(line + "\n")
    return model, triples, {"store": t1 - t0, "model": perf_counter() - t1}
