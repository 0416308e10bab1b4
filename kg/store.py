"""The embedded store: a persistent on-disk Oxigraph store, behind rdflib's interface.

Oxigraph parses, serialises and answers SPARQL about ten times faster than rdflib's
in-memory store at our sizes (measured in the README); opened from disk, a read
command starts in milliseconds instead of re-parsing the N-Triples dump.
"""

from __future__ import annotations

import json
from pathlib import Path

from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg import graphdir
from kg.errors import InputError
from kg.graphdir import MANIFEST, write_atomic  # noqa: F401  (re-exported: where commands write files)

if TYPE_CHECKING:
    from rdflib import Graph



def open_store(folder: Path) -> ox.Store:
    """The committed store of a graph folder, read-only."""
    path = graphdir.current(folder) / graphdir.STORE
    try:
        return ox.Store.read_only(str(path))
    except OSError as exc:
        raise InputError(f"{path}: cannot open the store ({str(exc).splitlines()[0]})") from None


def load(folder: Path) -> "Graph":
    return as_rdflib(open_store(folder))


def as_rdflib(store: ox.Store) -> "Graph":
    """rdflib's interface over an Oxigraph store's default graph (imported here: rdflib's SPARQL
    machinery takes longer to import than a canned query takes to run)."""
    from oxrdflib import OxigraphStore
    from rdflib import Graph
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    return Graph(store=OxigraphStore(store=store), identifier=DATASET_DEFAULT_GRAPH_ID)


def built_with_city(folder: Path) -> str:
    """The city data a graph was built with (build.json), so queries resolve names the same way."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return "generic"
    city = manifest.get("city", "generic") if isinstance(manifest, dict) else None
    if not isinstance(city, str) or not city.strip():
        raise InputError(f"{folder / MANIFEST}: 'city' is {json.dumps(city, ensure_ascii=False)}, expected the name or folder of the city data the graph was built with (rebuild it)")
    return city
