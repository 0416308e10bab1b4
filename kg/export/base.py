"""One interface for every graph format (as followthemoney's `export/` has).

An exporter is given a target (a file, a folder for formats that write several
files, or None for standard output) and writes a whole graph model, or a
selection of one, in its format. Graph formats that take scalars only encode
lists and drop missing values themselves.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from kg.model import GraphModel


class Exporter:
    name: ClassVar[str]  # the --format value
    extensions: ClassVar[tuple[str, ...]] = ()  # file endings that select this format (".graphml")
    directory: ClassVar[bool] = False  # writes a folder of files (neo4j-admin CSVs)

    def __init__(self, target: Path | None, provenance: bool = True) -> None:
        self.target = target  # None: standard output
        self.provenance = provenance

    def write(self, model: GraphModel) -> None:
        raise NotImplementedError
