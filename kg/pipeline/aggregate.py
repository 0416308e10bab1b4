"""Fragments → one graph: the persistent store, the N-Triples dump and the graph model.

The store is bulk-loaded from all fragments (a fact read in several issues is
stored once); then values the ontology merges by minimum or maximum (first and last
seen) keep only that value. The model fragments are merged by id, as streams (kg.model.merge).
Fragments are taken in the order of their file labels, so the result does not
depend on which job finished first.
"""

from __future__ import annotations

import io
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from time import perf_counter

import pyoxigraph as ox

from kg import graphdir
from kg.model import MODEL_FILE
from kg.model.merge import Merged, merge_files
from kg.model.schema import drawing
from kg.namespaces import BASE


def load_store(path: Path, fragment_files: list[Path]) -> ox.Store:
    store = ox.Store(str(path))
    # One bulk load over all fragments: a load per fragment pays its index-building cost each time.
    store.bulk_load(input=io.BufferedReader(_Chained(fragment_files), 1 << 20), format=ox.RdfFormat.N_TRIPLES)
    for prop, how in sorted(drawing().merge_by.items()):
        op = "<" if how == "min" else ">"
        store.update(f"DELETE {{ ?s <{BASE}ns#{prop}> ?v }} WHERE {{ ?s <{BASE}ns#{prop}> ?v, ?w . FILTER(?w {op} ?v) }}")
    store.optimize()
    return store


class _Chained(io.RawIOBase):
    """The fragments' N-Triples read as one stream (N-Triples files concatenate)."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = list(reversed(paths))
        self.fh: io.BufferedReader | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        while True:
            if self.fh is None:
                if not self.paths:
                    return 0
                self.fh = open(self.paths.pop(), "rb")  # noqa: SIM115 (closed when read to its end)
            n = self.fh.readinto(buffer)
            if n:
                return n
            self.fh.close()
            self.fh = None


def write_store(gen: Path, fragment_files: list[Path]) -> int:
    """The store and its N-Triples dump in generation folder `gen`; the number of triples."""
    store = load_store(gen / graphdir.STORE, fragment_files)
    store.dump(str(gen / graphdir.DUMP), ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    return len(store)  # the store is closed when this returns: readers open it read-only


def aggregate(folder: Path, keys: list[str], gen: Path) -> tuple[Merged, int, dict[str, float]]:
    """Write the store, dump and model of the fragments `keys` (in order) into generation folder `gen`;
    return what the model holds, the number of triples and the seconds each step took.

    The store (Rust, holding the GIL) is written in another process while this one merges the
    model, so the two halves of the aggregate take the time of the longer. A fresh (spawned)
    process, not a fork: a fork of a process that has used RocksDB can hang on its locks."""
    t0 = perf_counter()
    nt_files = [folder / f"{k}.nt" for k in keys]
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
    try:
        pending = pool.submit(write_store, gen, nt_files)
        model = merge_files([folder / f"{k}.model.jsonl" for k in keys], gen / MODEL_FILE, gen / "merging")
        (gen / "merging").rmdir()
        t1 = perf_counter()
        triples = pending.result()
    finally:
        pool.shutdown(cancel_futures=True)
    return model, triples, {"model": t1 - t0, "aggregate": perf_counter() - t0}
