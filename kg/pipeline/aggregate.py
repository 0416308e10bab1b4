"""Fragments → one graph: the persistent store, the N-Triples dump and the graph model.

The store is bulk-loaded from all fragments (a fact read in several issues is
stored once); then values the ontology merges by minimum or maximum (first and last
seen) keep only that value. The model fragments are merged by id, as streams (kg.model.merge).
Fragments are taken in the order of their file labels, so the result does not
depend on which job finished first.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from time import perf_counter

from kg import graphdir
from kg.model import MODEL_FILE
from kg.model.merge import Merged, merge_files
from kg.model.schema import drawing


def aggregate(folder: Path, keys: list[str], gen: Path, base: tuple[Path, set[str]] | None = None) -> tuple[Merged, int, dict[str, float]]:
    """Write the store, dump and model of the fragments `keys` (in order) into generation folder `gen`;
    return what the model holds, the number of triples and the seconds each step took. `base` is the
    previous build's store and the fragments it holds, when all of them are among `keys`: the store
    is then that one plus the new fragments (the model is merged anew, beside it).

    The store (Rust, holding the GIL) is written by another program (kg/pipeline/store_writer.py)
    while this process merges the model, so the two halves take the time of the longer. A new
    process, not a fork: a fork of a process that has used RocksDB can hang on its locks."""
    t0 = perf_counter()
    gen, folder = gen.resolve(), folder.resolve()
    inputs = gen / "store-inputs.txt"
    loaded = [k for k in keys if k not in (base[1] if base else set())]
    inputs.write_text("".join(f"{folder / k}.nt\n" for k in loaded), "utf-8")
    writer = subprocess.Popen(
        [sys.executable, "-m", "kg.pipeline.store_writer", str(gen / graphdir.STORE), str(gen / graphdir.DUMP), str(inputs),
         json.dumps(drawing().merge_by), *([str(base[0].resolve())] if base else [])],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        model = merge_files([folder / f"{k}.model.jsonl" for k in keys], gen / MODEL_FILE, gen / "merging")
        t1 = perf_counter()
        out, err = writer.communicate()
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
        inputs.unlink()
    if writer.returncode:
        last = (err.decode("utf-8", "replace").strip().splitlines() or [f"exit status {writer.returncode}"])[-1]
        raise OSError(f"{gen / graphdir.STORE}: writing the store failed: {last}")
    return model, int(out), {"model": t1 - t0, "aggregate": perf_counter() - t0, "fragments_loaded": len(loaded)}
