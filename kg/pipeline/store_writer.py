"""Fragments' N-Triples → the persistent store, and the dump's file of first and last seen: a program of its own.

`python -m kg.pipeline.store_writer STORE SEEN INPUTS MERGE_BY_JSON [BASE]` (INPUTS: a file naming an
N-Triples file a line) prints the number of triples and the seconds of each step, as JSON. With BASE (the previous build's store, whose
fragments are all still wanted), the store starts as a checkpoint of it (hard links, no copy)
and only INPUTS, the new fragments, are loaded: facts are a set and first/last seen a minimum or
maximum, so adding to the old store gives the store a clean build gives. SEEN receives the values
kept of the properties merged by minimum or maximum, sorted: the one part of the dump no
fragment holds (kg/pipeline/aggregate.py links the rest). The aggregate runs it beside the model
merge (the store's Rust code holds the GIL). A plain child that imports pyoxigraph only: a
spawned worker first re-imports the CLI, rdflib and the ontology, over a second before it starts
on a small build.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from time import perf_counter

import pyoxigraph as ox

from kg.graphdir import FRAGMENT_SEEN
from kg.namespaces import PREFIXES


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


def write(store_path: Path, seen_path: Path, fragment_files: list[Path], merge_by: dict[str, str], base: Path | None = None) -> dict:
    """One bulk load over the fragments' facts (a load per fragment pays its index-building cost each
    time); then, of the values the ontology merges by minimum or maximum (the fragments' `.seen.nt`),
    only that value is stored, and written to `seen_path`. A store that only adds to `base` is not
    compacted: the next clean build does it."""
    seconds: dict[str, float] = {}
    t = perf_counter()

    def lap(step: str) -> None:
        nonlocal t
        seconds[step], t = perf_counter() - t, perf_counter()

    if base is not None:
        ox.Store(str(base)).backup(str(store_path))  # a read-write open: backups of read-only stores are refused
        lap("checkpoint")
    store = ox.Store(str(store_path))
    facts = [f for f in fragment_files if not f.name.endswith(FRAGMENT_SEEN)]
    if facts:
        store.bulk_load(input=io.BufferedReader(_Chained(facts), 1 << 20), format=ox.RdfFormat.N_TRIPLES)
    lap("load")
    ns = PREFIXES["kg"]
    how_of = {f"<{ns}{p}>".encode(): how for p, how in merge_by.items()}
    lines = []
    for (s, p), value in _kept([f for f in fragment_files if f.name.endswith(FRAGMENT_SEEN)], how_of).items():
        if base is not None:  # against what the base holds
            old = list(store.quads_for_pattern(ox.NamedNode(s[1:-1].decode()), ox.NamedNode(p[1:-1].decode()), None, ox.DefaultGraph()))
            if old and not _better(value, str(old[0].object).encode(), how_of[p]):
                continue
            for q in old:
                store.remove(q)
        lines.append(b"%s %s %s .\n" % (s, p, value))
    store.load(b"".join(lines), format=ox.RdfFormat.N_TRIPLES)
    lap("first_last_seen")
    if base is None:  # compacts the bulk load's files: 6–8 s at 100×, beside the model merge; skipped when only adding
        store.optimize()
        lap("optimize")
    kept = [q.triple for prop in sorted(merge_by) for q in store.quads_for_pattern(None, ox.NamedNode(ns + prop), None, ox.DefaultGraph())]
    lines = (ox.serialize(kept, format=ox.RdfFormat.N_TRIPLES) or b"").splitlines(keepends=True)
    seen_path.write_bytes(b"".join(sorted(lines)))
    lap("seen")
    return {"triples": len(store), "seconds": seconds}


def _better(value: bytes, than: bytes, how: str) -> bool:
    """Values of one datatype, compared as written: the ontology's are xsd:date, which sort as they read."""
    return value < than if how == "min" else value > than


def _kept(paths: list[Path], merge_by: dict[bytes, str]) -> dict[tuple[bytes, bytes], bytes]:
    """(subject, predicate) → the value kept, over N-Triples files written by the jobs (one triple a line).
    In memory, not in the store: a SPARQL delete of every value with a lesser one joined each node's
    values pairwise (201 s of the 1,000× build)."""
    kept: dict[tuple[bytes, bytes], bytes] = {}
    for path in paths:
        with path.open("rb") as fh:
            for line in fh:
                s, p, rest = line.split(b" ", 2)
                value = rest.rstrip()[:-1].rstrip()  # without the final " ."
                old = kept.get((s, p))
                if old is None or _better(value, old, merge_by[p]):
                    kept[s, p] = value
    return kept


if __name__ == "__main__":
    files = [Path(line) for line in Path(sys.argv[3]).read_text("utf-8").splitlines() if line]
    print(json.dumps(write(Path(sys.argv[1]), Path(sys.argv[2]), files, json.loads(sys.argv[4]), Path(sys.argv[5]) if len(sys.argv) > 5 else None)))
