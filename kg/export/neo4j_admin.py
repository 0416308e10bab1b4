"""Node and relationship CSVs for `neo4j-admin database import full` (the bulk loader of an empty database).

One file per label (`nodes_Agency.csv`: `id:ID(Agency)`, `:LABEL`, typed columns such as
`dueBy:date`, `alias:string[]`) and one per relationship type and endpoint labels
(`rels_LEADS_Agency_Task.csv`: `:START_ID(Agency)`, `:END_ID(Task)`, `:TYPE`, …); one id
space per label, as the loader's uniqueness constraints have it. Array elements are
separated by U+001F, a character no text of ours holds; `import.sh` beside the files is
the exact command.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.export import register
from kg.export.base import Exporter
from kg.model import GraphModel

ARRAY_DELIMITER = "\u001f"


def _type(values: list[Any]) -> str:
    """The neo4j-admin column type of a property from the values it holds (array if any is a list)."""
    is_array = any(isinstance(v, list) for v in values)
    items = [i for v in values for i in (v if isinstance(v, list) else [v])]
    kinds = {type(i) for i in items}
    if kinds <= {bool}:
        base = "boolean"
    elif kinds <= {int}:
        base = "long"
    elif kinds <= {int, float}:
        base = "double"
    elif kinds <= {date}:
        base = "date"
    else:
        base = "string"
    return base + ("[]" if is_array else "")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(_cell(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _table(fixed: list[str], fixed_values: list[list[Any]], props: list[dict[str, Any]]) -> bytes:
    keys = sorted({k for p in props for k in p})
    header = fixed + [f"{k}:{_type([p[k] for p in props if k in p])}" for k in keys]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    for head, p in zip(fixed_values, props):
        writer.writerow([_cell(v) for v in head] + [_cell(p.get(k)) for k in keys])
    return buf.getvalue().encode("utf-8")


@register("neo4j-admin")
class Neo4jAdminCSV(Exporter):
    name = "neo4j-admin"
    directory = True

    def write(self, model: GraphModel) -> None:
        from kg.neo4j_store import PROV_KEYS, edge_rows, node_rows
        from kg.store import write_atomic

        if self.target is None or str(self.target) == "-":
            raise InputError("neo4j-admin writes a folder of CSV files: give it with -o FOLDER")
        folder = Path(self.target)
        keep = (lambda k: True) if self.provenance else (lambda k: k not in PROV_KEYS)
        files: list[str] = []
        for label, rows in sorted(node_rows(model).items()):
            name = f"nodes_{label}.csv"
            props = [{k: v for k, v in r["p"].items() if keep(k)} for r in rows]
            write_atomic(folder / name, _table([f"id:ID({label})", ":LABEL"], [[r["id"], label] for r in rows], props))
            files.append(f"--nodes={name}")
        for (rel, src, dst), rows in sorted(edge_rows(model).items()):
            name = f"rels_{rel}_{src}_{dst}.csv"
            props = [{k: v for k, v in dict(r["p"], id=r["id"]).items() if keep(k)} for r in rows]
            write_atomic(folder / name, _table([f":START_ID({src})", f":END_ID({dst})", ":TYPE"], [[r["s"], r["t"], rel] for r in rows], props))
            files.append(f"--relationships={name}")
        script = ("#!/bin/sh\n# Into an empty database (stop it first): DATABASE defaults to neo4j.\ncd \"$(dirname \"$0\")\"\n"
                  "neo4j-admin database import full \"${DATABASE:-neo4j}\" --overwrite-destination --array-delimiter=U+001F --multiline-fields=true \\\n  "
                  + " \\\n  ".join(files) + "\n")
        write_atomic(folder / "import.sh", script.encode("utf-8"))
