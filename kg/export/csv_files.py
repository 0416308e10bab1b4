"""CSV: a folder with nodes.csv and edges.csv, one row per node and per fact, for
spreadsheets, pandas and any tool's CSV import. Lists are joined, missing values empty."""

from __future__ import annotations

import csv
import io

from kg.errors import InputError
from kg.export import register
from kg.export.base import Exporter
from kg.export.encode import edge_fields, emit, node_fields
from kg.model import GraphModel

NODE_HEAD = ["id", "label", "name"]
EDGE_HEAD = ["id", "type", "source", "target"]


def table(head: list[str], rows: list[dict[str, object]]) -> bytes:
    rest = sorted({k for r in rows for k in r} - set(head))
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=head + rest, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


@register("csv")
class CSVFiles(Exporter):
    name = "csv"
    directory = True

    def write(self, model: GraphModel) -> None:
        if self.target is None or str(self.target) == "-":
            raise InputError("--format csv writes a folder (nodes.csv, edges.csv): give it with -o FOLDER")
        nodes = [dict(node_fields(n, self.provenance), id=n.id) for n in model.nodes.values()]
        edges = [dict(edge_fields(e, self.provenance), id=e.id, source=e.source, target=e.target) for e in model.edges]
        emit(self.target / "nodes.csv", table(NODE_HEAD, nodes))
        emit(self.target / "edges.csv", table(EDGE_HEAD, edges))
