"""Fragments → one graph: the persistent store, the N-Triples dump and the graph model.

The store is bulk-loaded from all fragments (a fact read in several issues is
stored once); then values the ontology merges by minimum or maximum (first and last
seen) keep only that value. The dump links each fragment's N-Triples (kg/graphdir.py): nothing
is copied, so a build that adds an issue adds a file. The model fragments are merged by id, as
streams (kg.model.merge). Fragments are taken in the order of their file labels, so the result
does not depend on which job finished first.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter

from kg import graphdir
from kg.model import MODEL_FILE
from kg.model.merge import Merged, merge_files, merge_onto
from kg.model.schema import drawing
from kg.pipeline.job import Fragment


@dataclass(frozen=True)
class Base:
    """The committed build a new one starts from, when every fragment it holds is still wanted."""

    store: Path
    held: frozenset[str]  # its fragments' keys
    model: Path | None  # its model, when no edge was left out of it (kg.model.merge.merge_onto)
    counts: dict[str, int]  # what its model holds: node labels and edge types


def aggregate(folder: Path, fragments: list[Fragment], gen: Path, base: Base | None = None) -> tuple[Merged, int, dict[str, float], dict[str, str]]:
    """Write the store, dump and model of `fragments` (in order) into generation folder `gen`;
    return what the model holds, the number of triples, the seconds each step took and the digests
    of the dump's files (by path in `gen`). With a `base`, the store is a checkpoint of its store
    plus the new fragments, and the model its model plus theirs (merged in full when that cannot be).

    The store (Rust, holding the GIL) is written by another program (kg/pipeline/store_writer.py)
    while this process merges the model, so the two halves take the time of the longer. A new
    process, not a fork: a fork of a process that has used RocksDB can hang on its locks."""
    t0 = perf_counter()
    gen, folder = gen.resolve(), folder.resolve()
    keys = [f.key for f in fragments]
    digests = _link_dump(folder, fragments, gen)
    inputs = gen / "store-inputs.txt"
    loaded = [k for k in keys if k not in (base.held if base else frozenset())]
    inputs.write_text("".join(f"{folder / k}.nt\n{folder / k}{graphdir.FRAGMENT_SEEN}\n" for k in loaded), "utf-8")
    writer = subprocess.Popen(
        [sys.executable, "-m", "kg.pipeline.store_writer", str(gen / graphdir.STORE), str(gen / graphdir.DUMP / graphdir.SEEN), str(inputs),
         json.dumps(drawing().merge_by), *([str(base.store.resolve())] if base else [])],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        model = None
        if base and base.model:
            model = merge_onto(base.model, base.counts, [folder / f"{k}.model.jsonl" for k in loaded], gen / MODEL_FILE, gen / "merging")
        onto = model is not None
        if model is None:
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
    written = json.loads(out)
    timings = {"model": t1 - t0, **{f"store_{k}": v for k, v in written["seconds"].items()}, "aggregate": perf_counter() - t0,
               "fragments_loaded": len(loaded), "model_onto_base": int(onto)}
    return model, written["triples"], timings, digests


def _link_dump(folder: Path, fragments: list[Fragment], gen: Path) -> dict[str, str]:
    """Each fragment's N-Triples as the dump's file of its issue, named by the file's label (and a
    part's lines), hard-linked from the cache: the cache's files are replaced, never rewritten in place."""
    digests: dict[str, str] = {}
    (gen / graphdir.DUMP / graphdir.ISSUES).mkdir(parents=True, exist_ok=True)
    for f in fragments:
        stem = f.label[: -len(".txt")] if f.label.lower().endswith(".txt") else f.label
        if f.lines:
            stem += f".L{f.lines[0]}-{f.lines[1]}"
        name = f"{graphdir.DUMP}/{graphdir.ISSUES}/{stem}.nt"
        if name in digests:  # two inputs with one label (two roots given)
            name = f"{graphdir.DUMP}/{graphdir.ISSUES}/{stem}.{f.key[:12]}.nt"
        target = gen / name
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(folder / f"{f.key}.nt", target)
        except OSError:  # a file system without hard links
            shutil.copyfile(folder / f"{f.key}.nt", target)
        digests[name] = f.digest
    return digests
