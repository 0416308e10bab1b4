"""The embedded store: an rdflib Graph backed by Oxigraph, persisted as N-Triples.

Oxigraph parses, serialises and answers SPARQL about ten times faster than
rdflib's in-memory store at our sizes (see benchmarks/store.py and the README),
behind the same rdflib interface.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import Graph

from kg.errors import InputError

GRAPH_FILE = "graph.nt"
MANIFEST = "build.json"


def new_graph() -> Graph:
    return Graph(store="Oxigraph")


def write_atomic(path: Path, data: bytes) -> None:
    """Write beside the target, then rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    umask = os.umask(0)
    os.umask(umask)
    os.fchmod(fd, 0o666 & ~umask)  # mkstemp's 0600 would hide the output from the user's group
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save(graph: Graph, folder: Path) -> Path:
    target = folder / GRAPH_FILE
    write_atomic(target, graph.serialize(format="ox-nt", encoding="utf-8"))
    return target


def built_with_city(folder: Path) -> str:
    """The city data a graph was built with (build.json), so queries resolve names the same way."""
    import json

    try:
        manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return "qujing"
    city = manifest.get("city", "qujing") if isinstance(manifest, dict) else None
    if not isinstance(city, str) or not city.strip():
        raise InputError(f"{folder / MANIFEST}: 'city' is {json.dumps(city, ensure_ascii=False)}, expected the name or folder of the city data the graph was built with (rebuild it)")
    return city


def load(folder: Path) -> Graph:
    target = folder / GRAPH_FILE
    if not target.is_file():
        raise InputError(f"{folder}: no graph here (run `kg build … --out {folder}` first)")
    graph = new_graph()
    try:
        graph.parse(target, format="ox-nt")
    except Exception as exc:  # a damaged file is bad input, not a bug
        raise InputError(f"{target}: cannot read the graph ({str(exc).splitlines()[0]})") from None
    return graph
