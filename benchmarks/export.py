"""Subgraph export benchmark: selection and every format on a built graph folder.

Prints, for a few selections, the time to select and the time and size of each format
written from the selection, and the process's peak memory. Run after `kg build`:

    .venv/bin/python benchmarks/export.py build/qujing
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

from kg.export import load_formats
from kg.model import read
from kg.select import Selector, Spec

SELECTIONS = {
    "whole graph": Spec(),
    "--center 市能源局 --depth 2": Spec(centers=["市能源局"], depth=2),
    "--document 曲政办发〔2022〕29号": Spec(documents=["曲政办发〔2022〕29号"]),
    "--year 2022 --role lead": Spec(since="2022-01-01", until="2022-12-31", roles=["lead"]),
}


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*")) if path.is_dir() else path.stat().st_size


def main(folder: Path) -> None:
    start = time.perf_counter()
    model = read(folder)
    selector = Selector(model)
    print(f"read {len(model.nodes)} nodes, {len(model.edges)} edges and indexed names in {time.perf_counter() - start:.2f} s")
    formats = load_formats()
    with tempfile.TemporaryDirectory() as tmp:
        for title, spec in SELECTIONS.items():
            t = time.perf_counter()
            selection = selector.select(spec)
            print(f"\n{title}: {len(selection.nodes)} nodes, {len(selection.edges)} edges, selected in {time.perf_counter() - t:.2f} s")
            for name, cls in formats.items():
                target = Path(tmp) / f"{name}{'' if cls.directory else '.out'}"
                t = time.perf_counter()
                cls(target, True).write(selection)
                print(f"  {name:12} {time.perf_counter() - t:6.2f} s {size(target) / 1e6:8.2f} MB")
    print(f"\npeak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "build/qujing"))
